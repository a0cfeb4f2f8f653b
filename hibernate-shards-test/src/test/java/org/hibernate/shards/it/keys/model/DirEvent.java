package org.hibernate.shards.it.keys.model;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.shards.annotations.ShardKey;
import org.hibernate.shards.annotations.ShardedId;

/** A directory-placed entity: days by {@code DATE(yyyy-MM-dd)}. */
@Entity
@Table(name = "dir_event")
public class DirEvent {
	@Id
	@ShardedId
	private Long id;

	@ShardKey(function = "DATE(yyyy-MM-dd)")
	@Column(name = "event_day")
	private LocalDate eventDay;

	protected DirEvent() {
	}

	public DirEvent(LocalDate eventDay) {
		this.eventDay = eventDay;
	}

	public Long getId() {
		return id;
	}

	public LocalDate getKey() {
		return eventDay;
	}

	@Override
	public String toString() {
		return "DirEvent#" + id + "(" + eventDay + ")";
	}
}
