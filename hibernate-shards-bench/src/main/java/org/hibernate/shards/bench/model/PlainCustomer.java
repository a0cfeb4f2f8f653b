package org.hibernate.shards.bench.model;

import java.time.LocalDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The plain-Hibernate customer, in one database: the id is assigned by the application (no generator round trip, JDBC batching works). */
@Entity
@Table(name = "customer")
public class PlainCustomer implements CustomerData {
	@Id
	private Long id;
	@Column(nullable = false)
	private String email;
	private String name;
	private String city;
	private int score;
	@Column(name = "created_at")
	private LocalDateTime createdAt;

	protected PlainCustomer() {
	}

	public PlainCustomer(long id, long i) {
		this.id = id;
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
