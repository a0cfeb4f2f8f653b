package org.hibernate.shards.it.keys.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.shards.annotations.ShardKey;
import org.hibernate.shards.annotations.ShardedId;

/** Annotated {@code MOD(3)}, configured {@code DIV(1000)} by {@code hibernate.shards.entity.OverriddenKey.function}: the property wins. */
@Entity
@Table(name = "overridden_key")
public class OverriddenKey {
	@Id
	@ShardedId
	private Long id;

	@ShardKey(function = "MOD(3)")
	@Column(name = "code")
	private Long code;

	protected OverriddenKey() {
	}

	public OverriddenKey(Long code) {
		this.code = code;
	}

	public Long getId() {
		return id;
	}

	public Long getKey() {
		return code;
	}

	@Override
	public String toString() {
		return "OverriddenKey#" + id + "(" + code + ")";
	}
}
