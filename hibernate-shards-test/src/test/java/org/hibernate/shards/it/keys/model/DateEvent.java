package org.hibernate.shards.it.keys.model;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.shards.annotations.ShardKey;
import org.hibernate.shards.annotations.ShardedId;

/** Instants grouped by their UTC day ({@code DATE(yyyy-MM-dd)}). */
@Entity
@Table(name = "date_event")
public class DateEvent {
	@Id
	@ShardedId
	private Long id;

	@ShardKey(function = "DATE(yyyy-MM-dd)")
	@Column(name = "occurred_at")
	private Instant occurredAt;

	protected DateEvent() {
	}

	public DateEvent(Instant occurredAt) {
		this.occurredAt = occurredAt;
	}

	public Long getId() {
		return id;
	}

	public Instant getKey() {
		return occurredAt;
	}

	@Override
	public String toString() {
		return "DateEvent#" + id + "(" + occurredAt + ")";
	}
}
