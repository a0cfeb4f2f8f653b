package org.hibernate.shards.it.keys.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.shards.annotations.ShardKey;
import org.hibernate.shards.annotations.ShardedId;

/** Readings grouped by {@code RANGE(100, 1000)}: below 100, [100, 1000), 1000 and above. */
@Entity
@Table(name = "range_reading")
public class RangeReading {
	@Id
	@ShardedId
	private Long id;

	@ShardKey(function = "RANGE(100, 1000)")
	@Column(name = "reading")
	private Double reading;

	protected RangeReading() {
	}

	public RangeReading(Double reading) {
		this.reading = reading;
	}

	public Long getId() {
		return id;
	}

	public Double getKey() {
		return reading;
	}

	@Override
	public String toString() {
		return "RangeReading#" + id + "(" + reading + ")";
	}
}
