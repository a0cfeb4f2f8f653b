package org.hibernate.shards.it.query.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import org.hibernate.shards.annotations.ShardKey;
import org.hibernate.shards.annotations.ShardedId;

/** A customer of the query model, placed by the hash of its e-mail address; its orders live on its shard. */
@Entity
@Table(name = "q_customer")
@NamedQuery(name = "Customer.byCountry", query = "select c from Customer c where c.country = :country order by c.name desc, c.id")
public class Customer {
	@Id
	@ShardedId
	@Column(name = "id")
	private Long id;

	@ShardKey
	@Column(name = "email", length = 190, nullable = false, unique = true)
	private String email;

	@Column(name = "name", length = 100)
	private String name;

	@Column(name = "country", length = 2)
	private String country;

	@Column(name = "birth_date")
	private LocalDate birthDate;

	@Column(name = "credit", precision = 10, scale = 2)
	private BigDecimal credit;

	@Column(name = "active", nullable = false)
	private boolean active;

	@Enumerated(EnumType.STRING)
	@Column(name = "tier", length = 10)
	private Tier tier;

	@OneToMany(mappedBy = "customer")
	private List<PurchaseOrder> orders = new ArrayList<>();

	protected Customer() {
	}

	public Customer(String email, String name, String country, LocalDate birthDate, BigDecimal credit, boolean active, Tier tier) {
		this.email = email;
		this.name = name;
		this.country = country;
		this.birthDate = birthDate;
		this.credit = credit;
		this.active = active;
		this.tier = tier;
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

	public String getCountry() {
		return country;
	}

	public LocalDate getBirthDate() {
		return birthDate;
	}

	public BigDecimal getCredit() {
		return credit;
	}

	public boolean isActive() {
		return active;
	}

	public Tier getTier() {
		return tier;
	}

	public List<PurchaseOrder> getOrders() {
		return orders;
	}

	@Override
	public String toString() {
		return "Customer#" + id;
	}
}
