package org.hibernate.shards.it.keys.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.shards.annotations.ShardKey;
import org.hibernate.shards.annotations.ShardedId;

/** Refused at boot: {@code MOD} on a {@code String} key, by annotation. */
@Entity
@Table(name = "mod_on_string_key")
public class ModOnStringKey {
	@Id
	@ShardedId
	private Long id;

	@ShardKey(function = "MOD(3)")
	@Column(name = "code")
	private String code;

	protected ModOnStringKey() {
	}

	public ModOnStringKey(String code) {
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
		return "ModOnStringKey#" + id + "(" + code + ")";
	}
}
