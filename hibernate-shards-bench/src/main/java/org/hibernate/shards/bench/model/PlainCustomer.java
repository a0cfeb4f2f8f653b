package org.hibernate.shards.bench.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The plain-Hibernate customer, in one database: the id is assigned by the application (no generator round trip, JDBC batching works). */
@Entity
@Table(name = "customer")
public class PlainCustomer extends CustomerColumns {
	@Id
	private Long id;
	@Column(nullable = false)
	private String email;

	protected PlainCustomer() {
	}

	public PlainCustomer(long id, long i) {
		super( i );
		this.id = id;
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
