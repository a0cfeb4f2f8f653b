package org.hibernate.shards.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import org.hibernate.annotations.NaturalId;
import org.hibernate.shards.annotations.ShardKey;
import org.hibernate.shards.annotations.ShardedId;

/**
 * A user, placed by the hash of its e-mail address. The e-mail is both the shard key and the natural id, so a
 * lookup by e-mail goes to exactly one shard; the {@link ShardedId} carries the virtual shard in its low bits, so a
 * lookup by id does too.
 */
@Entity
@Table(name = "users") // "user" is a reserved word in H2 (and awkward elsewhere)
public class User {
	@Id
	@ShardedId
	private Long id;

	@ShardKey
	@NaturalId
	@Column(nullable = false, length = 120)
	private String email;

	@Column(nullable = false, length = 80)
	private String name;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	// Comments are persisted with their author (cascade) and, having the author as shard key, land on its shard.
	@OneToMany(mappedBy = "author", cascade = CascadeType.ALL)
	private List<Comment> comments = new ArrayList<>();

	protected User() {
	}

	public User(String email, String name, Instant createdAt) {
		this.email = email;
		this.name = name;
		this.createdAt = createdAt;
	}

	public Comment addComment(String text) {
		Comment comment = new Comment( this, text );
		comments.add( comment );
		return comment;
	}

	public Long getId() {
		return id;
	}

	public String getEmail() {
		return email;
	}

	public String getName() {
		return name;
	}

	public Instant getCreatedAt() {
		return createdAt;
	}

	public List<Comment> getComments() {
		return comments;
	}
}
