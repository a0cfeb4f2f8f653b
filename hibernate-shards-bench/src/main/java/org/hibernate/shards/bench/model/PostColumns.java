package org.hibernate.shards.bench.model;

import java.time.LocalDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

/** The columns the three post entities share, apart from the id and the author (the sharded entity's shard key). */
@MappedSuperclass
public abstract class PostColumns {
	private String title;
	private int score;
	@Column(name = "created_at")
	private LocalDateTime createdAt;

	protected PostColumns() {
	}

	/** The values of the {@code i}-th generated post. */
	protected PostColumns(long i) {
		this.title = PostData.title( i );
		this.score = PostData.score( i );
		this.createdAt = PostData.createdAt( i );
	}

	public String getTitle() {
		return title;
	}

	public int getScore() {
		return score;
	}

	public LocalDateTime getCreatedAt() {
		return createdAt;
	}
}
