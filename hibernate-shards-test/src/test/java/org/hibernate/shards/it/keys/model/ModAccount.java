package org.hibernate.shards.it.keys.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.shards.annotations.ShardKey;
import org.hibernate.shards.annotations.ShardedId;

/** Integer keys grouped by {@code MOD(3)}: 1, 4, 7 and -2 together. */
@Entity
@Table(name = "mod_account")
public class ModAccount {
	@Id
	@ShardedId
	private Long id;

	@ShardKey(function = "MOD(3)")
	@Column(name = "account_no")
	private Long accountNo;

	protected ModAccount() {
	}

	public ModAccount(Long accountNo) {
		this.accountNo = accountNo;
	}

	public Long getId() {
		return id;
	}

	public Long getKey() {
		return accountNo;
	}

	@Override
	public String toString() {
		return "ModAccount#" + id + "(" + accountNo + ")";
	}
}
