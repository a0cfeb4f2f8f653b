package org.hibernate.shards.bench.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The customer of Hibernate on ShardingSphere-JDBC: the id is assigned by the application and carries its shard ({@code ds_${id % 4}}), as ShardingSphere users route finds by id. */
@Entity
@Table(name = "sphere_customer")
public class SphereCustomer extends CustomerColumns {
	@Id
	private Long id;
	@Column(nullable = false)
	private String email;

	protected SphereCustomer() {
	}

	public SphereCustomer(long id, long i) {
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
