package org.hibernate.shards.it.keys.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.shards.annotations.ShardKey;
import org.hibernate.shards.annotations.ShardedId;

/** A plain integer key, for function errors set by property. */
@Entity
@Table(name = "long_keyed")
public class LongKeyed {
	@Id
	@ShardedId
	private Long id;

	@ShardKey
	@Column(name = "code")
	private Long code;

	protected LongKeyed() {
	}

	public LongKeyed(Long code) {
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
		return "LongKeyed#" + id + "(" + code + ")";
	}
}
