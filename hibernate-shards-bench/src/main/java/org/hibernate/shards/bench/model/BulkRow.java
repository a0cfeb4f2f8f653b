package org.hibernate.shards.bench.model;

import java.time.LocalDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.shards.annotations.ShardKey;
import org.hibernate.shards.annotations.ShardedId;

/** A row of the bulk insert, sharded by its key. */
@Entity
@Table(name = "bulk_row")
public class BulkRow {
	@Id
	@ShardedId
	private Long id;
	@ShardKey
	@Column(name = "row_key")
	private String rowKey;
	private String payload;
	private int amount;
	@Column(name = "created_at")
	private LocalDateTime createdAt;

	protected BulkRow() {
	}

	public BulkRow(long i) {
		this.rowKey = BulkData.key( i );
		this.payload = BulkData.payload( i );
		this.amount = BulkData.amount( i );
		this.createdAt = BulkData.createdAt( i );
	}

	public Long getId() {
		return id;
	}

	public String getRowKey() {
		return rowKey;
	}

	public String getPayload() {
		return payload;
	}

	public int getAmount() {
		return amount;
	}

	public LocalDateTime getCreatedAt() {
		return createdAt;
	}
}
