package org.hibernate.shards.model;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import org.hibernate.shards.annotations.ShardKey;
import org.hibernate.shards.annotations.ShardedId;

@Entity
public class Purchase {
	@Id
	@ShardedId
	private Long id;

	@ShardKey
	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	private Account account;

	private String item;

	protected Purchase() {
	}

	public Purchase(Account account, String item) {
		this.account = account;
		this.item = item;
	}

	public Long getId() {
		return id;
	}

	public Account getAccount() {
		return account;
	}

	public void setAccount(Account account) {
		this.account = account;
	}

	public String getItem() {
		return item;
	}
}
