package org.hibernate.shards.bench.model;

import java.time.LocalDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of plain Hibernate's bulk insert into one database; the id is assigned by the application. */
@Entity
@Table(name = "bulk_row")
public class PlainBulkRow {
	@Id
	private Long id;
	@Column(name = "row_key")
	private String rowKey;
	private String payload;
	private int amount;
	@Column(name = "created_at")
	private LocalDateTime createdAt;

	protected PlainBulkRow() {
	}

	public PlainBulkRow(long id, long i) {
		this.id = id;
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
