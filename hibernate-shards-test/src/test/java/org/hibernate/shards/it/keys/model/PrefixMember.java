package org.hibernate.shards.it.keys.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.shards.annotations.ShardKey;
import org.hibernate.shards.annotations.ShardedId;

/** Nicknames grouped by their first three characters ({@code PREFIX(3)}). */
@Entity
@Table(name = "prefix_member")
public class PrefixMember {
	@Id
	@ShardedId
	private Long id;

	@ShardKey(function = "PREFIX(3)")
	@Column(name = "nickname")
	private String nickname;

	protected PrefixMember() {
	}

	public PrefixMember(String nickname) {
		this.nickname = nickname;
	}

	public Long getId() {
		return id;
	}

	public String getKey() {
		return nickname;
	}

	@Override
	public String toString() {
		return "PrefixMember#" + id + "(" + nickname + ")";
	}
}
