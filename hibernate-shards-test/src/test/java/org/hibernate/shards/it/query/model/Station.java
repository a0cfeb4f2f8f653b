package org.hibernate.shards.it.query.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A station that samples refer to eagerly: loading a sample loads its station with a second statement. */
@Entity
@Table(name = "q_station")
public class Station {
	@Id
	@Column(name = "id")
	private Long id;

	@Column(name = "name", length = 40, nullable = false)
	private String name;

	protected Station() {
	}

	public Long getId() {
		return id;
	}

	public String getName() {
		return name;
	}
}
