package org.hibernate.shards.spring.sample;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.shards.annotations.ShardKey;
import org.hibernate.shards.annotations.ShardedId;

/** A user, placed by the hash of its e-mail address; its id carries its virtual shard. */
@Entity
@Table(name = "users") // "user" is reserved in H2
public class User {
	@Id
	@ShardedId
	private Long id;

	@ShardKey
	@Column(nullable = false, length = 120)
	private String email;

	@Column(nullable = false, length = 80)
	private String name;

	@Column(nullable = false, length = 40)
	private String city;

	@Column(nullable = false)
	private Instant created;

	protected User() {
	}

	public User(String email, String name, String city, Instant created) {
		this.email = email;
		this.name = name;
		this.city = city;
		this.created = created;
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

	public String getCity() {
		return city;
	}

	public Instant getCreated() {
		return created;
	}

	public void setName(String name) {
		this.name = name;
	}

	@Override
	public String toString() {
		return name + " <" + email + "> (" + city + ")";
	}
}
