package org.hibernate.shards.model;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import org.hibernate.shards.annotations.ShardKey;
import org.hibernate.shards.annotations.ShardedId;

@Entity
public class Account {
	@Id
	@ShardedId
	private Long id;

	@ShardKey
	private String email;

	private String name;

	@OneToMany(mappedBy = "account", cascade = CascadeType.ALL)
	private List<Purchase> purchases = new ArrayList<>();

	protected Account() {
	}

	public Account(String email, String name) {
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

	public List<Purchase> getPurchases() {
		return purchases;
	}

	public Purchase addPurchase(String item) {
		Purchase purchase = new Purchase( this, item );
		purchases.add( purchase );
		return purchase;
	}
}
