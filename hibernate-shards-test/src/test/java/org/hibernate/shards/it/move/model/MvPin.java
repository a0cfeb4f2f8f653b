package org.hibernate.shards.it.move.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.shards.annotations.ShardKey;
import org.hibernate.shards.annotations.ShardedId;

/** Lives with its board, with a sharded id of its own: its id carries the virtual shard it was written on. */
@Entity
@Table(name = "mv_pin")
public class MvPin {
	@Id
	@ShardedId
	private Long id;

	@ShardKey
	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "board_id")
	private MvBoard board;

	@Column(name = "label", length = 60)
	private String label;

	protected MvPin() {
	}

	public MvPin(MvBoard board, String label) {
		this.board = board;
		this.label = label;
	}

	public Long getId() {
		return id;
	}
}
