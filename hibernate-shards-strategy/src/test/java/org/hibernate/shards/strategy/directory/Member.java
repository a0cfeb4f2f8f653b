package org.hibernate.shards.strategy.directory;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import org.hibernate.shards.annotations.ShardKey;
import org.hibernate.shards.annotations.ShardedId;

@Entity
public class Member {
	@Id
	@ShardedId
	private Long id;

	@ShardKey(function = "PREFIX(3)")
	private String nickname;

	protected Member() {
	}

	public Member(String nickname) {
		this.nickname = nickname;
	}

	public Long getId() {
		return id;
	}

	public String getNickname() {
		return nickname;
	}
}
