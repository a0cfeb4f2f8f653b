package org.hibernate.shards.bench.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The post of Hibernate on ShardingSphere-JDBC; {@code id % 4} names its shard. */
@Entity
@Table(name = "sphere_post")
public class SpherePost extends PostColumns {
	@Id
	private Long id;
	private String author;

	protected SpherePost() {
	}

	public SpherePost(long id, long i) {
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
