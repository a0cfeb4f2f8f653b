package org.hibernate.shards.it.model;

import jakarta.persistence.Column;
import jakarta.persistence.ConstraintMode;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.ForeignKey;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.shards.annotations.ShardKey;
import org.hibernate.shards.annotations.ShardedId;

/**
 * A customer, placed by the hash of its e-mail address. Its orders live on its shard.
 * <p>
 * {@code referredBy} is a plain (non-key) association to another customer, who may live on another shard:
 * the model's way to provoke cross-shard references. Its foreign key is not declared, as is usual for
 * references that may span databases, so that only the library's check stands in the way.
 * <p>
 * Its named native queries run on one named shard ({@code ShardedSession.createNamedNativeQuery}); one has a column
 * the table does not have. Its named HQL queries are planned like any query: one runs on every shard and is merged,
 * the other is routed by the shard key.
 */
@Entity
@NamedQuery(name = "Customer.byNamePrefix", query = "select c from Customer c where c.name like :prefix order by c.email")
@NamedQuery(name = "Customer.byEmail", query = "select c from Customer c where c.email = :email")
@NamedNativeQuery(name = "Customer.names", query = "select name from customer order by name", resultClass = String.class)
@NamedNativeQuery(name = "Customer.badColumn", query = "select no_such_column from customer", resultClass = Object.class)
@Table(name = "customer")
public class Customer {
	@Id
	@ShardedId
	private Long id;

	/** Nullable in the database on purpose: only the library refuses a null shard key. */
	@ShardKey
	@Column(name = "email", unique = true, length = 190)
	private String email;

	@Column(name = "name", length = 100)
	private String name;

	@ManyToOne(fetch = FetchType.LAZY)
	@JoinColumn(name = "referred_by_id", foreignKey = @ForeignKey(ConstraintMode.NO_CONSTRAINT))
	private Customer referredBy;

	@Version
	@Column(name = "version")
	private Integer version;

	protected Customer() {
	}

	public Customer(String email, String name) {
		this.email = email;
		this.name = name;
	}

	public Long getId() {
		return id;
	}

	public String getEmail() {
		return email;
	}

	public void setEmail(String email) {
		this.email = email;
	}

	public String getName() {
		return name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public Customer getReferredBy() {
		return referredBy;
	}

	public void setReferredBy(Customer referredBy) {
		this.referredBy = referredBy;
	}

	public Integer getVersion() {
		return version;
	}

	@Override
	public String toString() {
		return "Customer#" + id + "(" + email + ")";
	}
}
