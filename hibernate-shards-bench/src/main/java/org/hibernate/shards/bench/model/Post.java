package org.hibernate.shards.bench.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.shards.annotations.ShardKey;
import org.hibernate.shards.annotations.ShardedId;

/** A post of the fan-out query, sharded by its author. */
@Entity
@Table(name = "post")
public class Post extends PostColumns {
	@Id
	@ShardedId
	private Long id;
	@ShardKey
	private String author;

	protected Post() {
	}

	public Post(long i) {
		super( i );
		this.author = PostData.author( i );
	}

	public Long getId() {
		return id;
	}

	public String getAuthor() {
		return author;
	}
}
