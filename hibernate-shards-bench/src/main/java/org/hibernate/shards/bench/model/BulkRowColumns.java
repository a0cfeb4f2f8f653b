package org.hibernate.shards.bench.model;

import java.time.LocalDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

/** The columns the three bulk-insert row entities share, apart from the id and the row key (the sharded entity's shard key). */
@MappedSuperclass
public abstract class BulkRowColumns {
	private String payload;
	private int amount;
	@Column(name = "created_at")
	private LocalDateTime createdAt;

	protected BulkRowColumns() {
	}

	/** The values of the {@code i}-th row. */
	protected BulkRowColumns(long i) {
		this.payload = BulkData.payload( i );
		this.amount = BulkData.amount( i );
		this.createdAt = BulkData.createdAt( i );
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
