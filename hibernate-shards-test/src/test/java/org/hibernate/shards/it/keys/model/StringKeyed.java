package org.hibernate.shards.it.keys.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.shards.annotations.ShardKey;
import org.hibernate.shards.annotations.ShardedId;

/** A plain string key, for function errors set by property. */
@Entity
@Table(name = "string_keyed")
public class StringKeyed {
	@Id
	@ShardedId
	private Long id;

	@ShardKey
	@Column(name = "code")
	private String code;

	protected StringKeyed() {
	}

	public StringKeyed(String code) {
		this.code = code;
	}

	public Long getId() {
		return id;
	}

	public String getKey() {
		return code;
	}

	@Override
	public String toString() {
		return "StringKeyed#" + id + "(" + code + ")";
	}
}
