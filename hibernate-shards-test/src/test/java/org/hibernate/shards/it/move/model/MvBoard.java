package org.hibernate.shards.it.move.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.shards.annotations.ShardKey;

/**
 * Placed by the hash of its name, with an assigned id that does not tell the shard, like {@link MvMemo}; but the
 * {@link MvPin}s that live with it have sharded ids, which tie them, and so the board's partition, to a virtual shard.
 */
@Entity
@Table(name = "mv_board")
public class MvBoard {
	@Id
	private Long id;

	@ShardKey
	@Column(name = "name", length = 60)
	private String name;

	protected MvBoard() {
	}

	public MvBoard(long id, String name) {
		this.id = id;
		this.name = name;
	}

	public Long getId() {
		return id;
	}

	public String getName() {
		return name;
	}
}
