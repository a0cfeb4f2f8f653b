package org.hibernate.shards.bench.model;

import java.time.LocalDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

/**
 * The columns the three customer entities share, apart from the id and the e-mail (the sharded entity's shard key):
 * one definition, so that the plain, sharded and ShardingSphere tables have the same shape.
 */
@MappedSuperclass
public abstract class CustomerColumns implements CustomerData {
	private String name;
	private String city;
	private int score;
	@Column(name = "created_at")
	private LocalDateTime createdAt;

	protected CustomerColumns() {
	}

	/** The values of the {@code i}-th generated customer. */
	protected CustomerColumns(long i) {
		this.name = CustomerData.name( i );
		this.city = CustomerData.city( i );
		this.score = CustomerData.score( i );
		this.createdAt = CustomerData.createdAt( i );
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
