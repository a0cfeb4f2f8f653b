package org.hibernate.shards.bench.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.shards.annotations.ShardKey;
import org.hibernate.shards.annotations.ShardedId;

/** A row of the bulk insert, sharded by its key. */
@Entity
@Table(name = "bulk_row")
public class BulkRow extends BulkRowColumns {
	@Id
	@ShardedId
	private Long id;
	@ShardKey
	@Column(name = "row_key")
	private String rowKey;

	protected BulkRow() {
	}

	public BulkRow(long i) {
		super( i );
		this.rowKey = BulkData.key( i );
	}

	public Long getId() {
		return id;
	}

	public String getRowKey() {
		return rowKey;
	}
}
