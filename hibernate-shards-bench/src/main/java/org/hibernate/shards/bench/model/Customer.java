package org.hibernate.shards.bench.model;

import java.time.LocalDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.shards.annotations.ShardKey;
import org.hibernate.shards.annotations.ShardedId;

/** The sharded customer: placed by its e-mail, found by its sharded id. */
@Entity
@Table(name = "customer")
public class Customer implements CustomerData {
	@Id
	@ShardedId
	private Long id;
	@ShardKey
	@Column(nullable = false)
	private String email;
	private String name;
	private String city;
	private int score;
	@Column(name = "created_at")
	private LocalDateTime createdAt;

	protected Customer() {
	}

	public Customer(long i) {
		this.email = CustomerData.email( i );
		this.name = CustomerData.name( i );
		this.city = CustomerData.city( i );
		this.score = CustomerData.score( i );
		this.createdAt = CustomerData.createdAt( i );
	}

	@Override
	public Long getId() {
		return id;
	}

	@Override
	public String getEmail() {
		return email;
	}

	@Override
	public String getName() {
		return name;
	}

	@Override
	public void setName(String name) {
		this.name = name;
	}

	@Override
	public String getCity() {
		return city;
	}

	@Override
	public int getScore() {
		return score;
	}

	@Override
	public LocalDateTime getCreatedAt() {
		return createdAt;
	}
}
