package org.hibernate.shards.it.query.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A keyless entity with an eager to-one, for entity streams (rows are inserted with SQL). */
@Entity
@Table(name = "q_sample")
public class Sample {
	@Id
	@Column(name = "id")
	private Long id;

	@Column(name = "sample_value", nullable = false)
	private long value;

	@Column(name = "label", length = 120, nullable = false)
	private String label;

	@ManyToOne(fetch = FetchType.EAGER)
	@JoinColumn(name = "station_id")
	private Station station;

	protected Sample() {
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

	public Station getStation() {
		return station;
	}
}
