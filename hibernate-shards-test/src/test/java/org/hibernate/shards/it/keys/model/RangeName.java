package org.hibernate.shards.it.keys.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.shards.annotations.ShardKey;
import org.hibernate.shards.annotations.ShardedId;

/** Names grouped by {@code RANGE('m', 't')}: before m, [m, t), t and after, compared as routing compares strings. */
@Entity
@Table(name = "range_name")
public class RangeName {
	@Id
	@ShardedId
	private Long id;

	@ShardKey(function = "RANGE('m', 't')")
	@Column(name = "name", length = 40)
	private String name;

	protected RangeName() {
	}

	public RangeName(String name) {
		this.name = name;
	}

	public Long getId() {
		return id;
	}

	public String getKey() {
		return name;
	}

	@Override
	public String toString() {
		return "RangeName#" + id + "(" + name + ")";
	}
}
