package org.hibernate.shards.bench.model;

import java.time.LocalDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The same {@code post} table read by plain Hibernate on one shard's database alone (the single-shard reference). */
@Entity
@Table(name = "post")
public class PlainPost {
	@Id
	private Long id;
	private String author;
	private String title;
	private int score;
	@Column(name = "created_at")
	private LocalDateTime createdAt;

	protected PlainPost() {
	}

	public PlainPost(long id, long i) {
		this.id = id;
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
