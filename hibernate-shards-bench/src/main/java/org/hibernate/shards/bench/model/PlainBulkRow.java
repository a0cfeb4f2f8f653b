package org.hibernate.shards.bench.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of plain Hibernate's bulk insert into one database; the id is assigned by the application. */
@Entity
@Table(name = "bulk_row")
public class PlainBulkRow extends BulkRowColumns {
	@Id
	private Long id;
	@Column(name = "row_key")
	private String rowKey;

	protected PlainBulkRow() {
	}

	public PlainBulkRow(long id, long i) {
		super( i );
		this.id = id;
		this.rowKey = BulkData.key( i );
	}

	public Long getId() {
		return id;
	}

	public String getRowKey() {
		return rowKey;
	}
}
