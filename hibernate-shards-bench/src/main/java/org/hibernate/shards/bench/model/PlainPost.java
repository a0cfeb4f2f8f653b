package org.hibernate.shards.bench.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The same {@code post} table read by plain Hibernate on one shard's database alone (the single-shard reference). */
@Entity
@Table(name = "post")
public class PlainPost extends PostColumns {
	@Id
	private Long id;
	private String author;

	protected PlainPost() {
	}

	public PlainPost(long id, long i) {
		super( i );
		this.id = id;
		this.author = PostData.author( i );
	}

	public Long getId() {
		return id;
	}

	public String getAuthor() {
		return author;
	}
}
