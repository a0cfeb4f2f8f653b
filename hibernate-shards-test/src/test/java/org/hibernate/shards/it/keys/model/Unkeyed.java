package org.hibernate.shards.it.keys.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.shards.annotations.ShardedId;

/** An entity without a shard key: a key function has nothing to apply to. */
@Entity
@Table(name = "unkeyed")
public class Unkeyed {
	@Id
	@ShardedId
	private Long id;

	private String label;

	protected Unkeyed() {
	}

	public Unkeyed(String label) {
		this.label = label;
	}

	public Long getId() {
		return id;
	}
}
