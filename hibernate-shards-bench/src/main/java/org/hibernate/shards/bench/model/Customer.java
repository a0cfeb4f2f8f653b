package org.hibernate.shards.bench.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.shards.annotations.ShardKey;
import org.hibernate.shards.annotations.ShardedId;

/** The sharded customer: placed by its e-mail, found by its sharded id. */
@Entity
@Table(name = "customer")
public class Customer extends CustomerColumns {
	@Id
	@ShardedId
	private Long id;
	@ShardKey
	@Column(nullable = false)
	private String email;

	protected Customer() {
	}

	public Customer(long i) {
		super( i );
		this.email = CustomerData.email( i );
	}

	@Override
	public Long getId() {
		return id;
	}

	@Override
	public String getEmail() {
		return email;
	}
}
