package org.hibernate.shards.bench.model;

import java.time.LocalDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.shards.annotations.ShardKey;
import org.hibernate.shards.annotations.ShardedId;

/** A post of the fan-out query, sharded by its author. */
@Entity
@Table(name = "post")
public class Post {
	@Id
	@ShardedId
	private Long id;
	@ShardKey
	private String author;
	private String title;
	private int score;
	@Column(name = "created_at")
	private LocalDateTime createdAt;

	protected Post() {
	}

	public Post(long i) {
		this.author = PostData.author( i );
		this.title = PostData.title( i );
		this.score = PostData.score( i );
		this.createdAt = PostData.createdAt( i );
	}

	public Long getId() {
		return id;
	}

	public String getAuthor() {
		return author;
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
