package org.hibernate.shards.bench.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of the bulk insert through Hibernate on ShardingSphere-JDBC; {@code id % 4} names its shard. */
@Entity
@Table(name = "sphere_bulk_row")
public class SphereBulkRow extends BulkRowColumns {
	@Id
	private Long id;
	@Column(name = "row_key")
	private String rowKey;

	protected SphereBulkRow() {
	}

	public SphereBulkRow(long id, long i) {
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
