package org.hibernate.shards.demo;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.shards.annotations.ShardKey;
import org.hibernate.shards.annotations.ShardedId;

/** A comment; its shard key is its author, so it always lives on the author's shard (joins stay local). */
@Entity
@Table(name = "comments")
public class Comment {
	@Id
	@ShardedId
	private Long id;

	@ShardKey
	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	private User author;

	@Column(name = "body", nullable = false, length = 500) // "text" is a type name in several databases
	private String text;

	protected Comment() {
	}

	Comment(User author, String text) {
		this.author = author;
		this.text = text;
	}

	public Long getId() {
		return id;
	}

	public User getAuthor() {
		return author;
	}

	public String getText() {
		return text;
	}
}
