package org.hibernate.shards.it.keys.model;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.shards.annotations.ShardKey;
import org.hibernate.shards.annotations.ShardedId;

/** A plain {@code LocalDate} key, for function errors set by property. */
@Entity
@Table(name = "local_date_keyed")
public class LocalDateKeyed {
	@Id
	@ShardedId
	private Long id;

	@ShardKey
	@Column(name = "day")
	private LocalDate day;

	protected LocalDateKeyed() {
	}

	public LocalDateKeyed(LocalDate day) {
		this.day = day;
	}

	public Long getId() {
		return id;
	}

	public LocalDate getKey() {
		return day;
	}

	@Override
	public String toString() {
		return "LocalDateKeyed#" + id + "(" + day + ")";
	}
}
