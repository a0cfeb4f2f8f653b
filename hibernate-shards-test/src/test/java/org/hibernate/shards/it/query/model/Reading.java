package org.hibernate.shards.it.query.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A small keyless entity with assigned ids, for the result-stream memory test (rows are inserted with SQL). */
@Entity
@Table(name = "q_reading")
public class Reading {
	@Id
	@Column(name = "id")
	private Long id;

	@Column(name = "reading_value", nullable = false)
	private long value;

	@Column(name = "label", length = 120, nullable = false)
	private String label;

	protected Reading() {
	}

	public Long getId() {
		return id;
	}

	public long getValue() {
		return value;
	}

	public String getLabel() {
		return label;
	}
}
