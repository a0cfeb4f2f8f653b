package org.hibernate.shards.cli.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.shards.annotations.ShardKey;

/** A member placed by the first three letters of its nickname, as HSCALE's PREFIX partitions did. */
@Entity
@Table(name = "cli_member")
public class Member {
	@Id
	private Long id;

	@ShardKey(function = "PREFIX(3)")
	@Column(name = "nickname", length = 40, nullable = false)
	private String nickname;

	@Column(name = "points")
	private Integer points;

	protected Member() {
	}

	public Member(long id, String nickname) {
		this.id = id;
		this.nickname = nickname;
	}
}
