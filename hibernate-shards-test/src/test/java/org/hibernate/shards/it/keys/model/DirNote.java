package org.hibernate.shards.it.keys.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.shards.annotations.ShardKey;
import org.hibernate.shards.annotations.ShardedId;

/** A directory test entity whose shard key is an association: it lives with its member and has no partitions of its own. */
@Entity
@Table(name = "dir_note")
public class DirNote {
	@Id
	@ShardedId
	private Long id;

	@ShardKey
	@ManyToOne
	@JoinColumn(name = "member_id")
	private DirMember member;

	protected DirNote() {
	}

	public DirNote(DirMember member) {
		this.member = member;
	}

	public Long getId() {
		return id;
	}

	public DirMember getKey() {
		return member;
	}
}
