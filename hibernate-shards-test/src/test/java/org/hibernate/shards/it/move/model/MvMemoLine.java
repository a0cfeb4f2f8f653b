package org.hibernate.shards.it.move.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.shards.annotations.ShardKey;

/** Lives with its memo, whose id does not tell the shard: a move finds it through the memos it moves. */
@Entity
@Table(name = "mv_memo_line")
public class MvMemoLine {
	@Id
	private Long id;

	@ShardKey
	@ManyToOne(optional = false)
	@JoinColumn(name = "memo_id")
	private MvMemo memo;

	@Column(name = "text", length = 200)
	private String text;

	protected MvMemoLine() {
	}

	public MvMemoLine(long id, MvMemo memo, String text) {
		this.id = id;
		this.memo = memo;
		this.text = text;
	}

	public Long getId() {
		return id;
	}

	public MvMemo getMemo() {
		return memo;
	}

	public String getText() {
		return text;
	}

	public void setText(String text) {
		this.text = text;
	}
}
