package org.hibernate.shards.it.move.model;

import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.shards.annotations.ShardKey;
import org.hibernate.shards.annotations.ShardedId;

/** Sharded by e-mail, with a sharded id and a collection table: the rows a move copies by id and by owner. */
@Entity
@Table(name = "mv_account")
public class MvAccount {
	@Id
	@ShardedId
	private Long id;

	@ShardKey
	@Column(name = "email", length = 190, unique = true)
	private String email;

	@Column(name = "name", length = 100)
	private String name;

	@ElementCollection
	@CollectionTable(name = "mv_account_tag", joinColumns = @JoinColumn(name = "account_id"))
	@Column(name = "tag", length = 40)
	private Set<String> tags = new LinkedHashSet<>();

	@Version
	@Column(name = "version")
	private Integer version;

	protected MvAccount() {
	}

	public MvAccount(String email, String name) {
		this.email = email;
		this.name = name;
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

	public void setName(String name) {
		this.name = name;
	}

	public Set<String> getTags() {
		return tags;
	}
}
