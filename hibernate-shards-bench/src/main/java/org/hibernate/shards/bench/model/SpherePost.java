package org.hibernate.shards.bench.model;

import java.time.LocalDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The post of Hibernate on ShardingSphere-JDBC; {@code id % 4} names its shard. */
@Entity
@Table(name = "sphere_post")
public class SpherePost {
	@Id
	private Long id;
	private String author;
	private String title;
	private int score;
	@Column(name = "created_at")
	private LocalDateTime createdAt;

	protected SpherePost() {
	}

	public SpherePost(long id, long i) {
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
