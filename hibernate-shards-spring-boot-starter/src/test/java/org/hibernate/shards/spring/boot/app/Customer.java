package org.hibernate.shards.spring.boot.app;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.shards.annotations.ShardKey;
import org.hibernate.shards.annotations.ShardedId;

@Entity
@Table(name = "customers")
public class Customer {
	@Id
	@ShardedId
	private Long id;

	@ShardKey
	@Column(nullable = false, length = 120)
	private String email;

	@Column(nullable = false, length = 40)
	private String city;

	@Column(nullable = false)
	private long created;

	protected Customer() {
	}

	public Customer(String email, String city, long created) {
		this.email = email;
		this.city = city;
		this.created = created;
	}

	public Long getId() {
		return id;
	}

	public String getEmail() {
		return email;
	}

	public String getCity() {
		return city;
	}

	public void setCity(String city) {
		this.city = city;
	}

	public long getCreated() {
		return created;
	}

	@Override
	public String toString() {
		return email;
	}
}
