package org.hibernate.shards.persist;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import org.hibernate.shards.annotations.ShardKey;
import org.hibernate.shards.annotations.ShardedId;

/** A keyed entity whose key is routed through {@code COUNTING()}; it may reference another ticket, persisted with it. */
@Entity
public class Ticket {
	@Id
	@ShardedId
	private Long id;

	@ShardKey(function = "COUNTING()")
	private String code;

	@ManyToOne(cascade = CascadeType.PERSIST)
	private Ticket follows;

	protected Ticket() {
	}

	public Ticket(String code, Ticket follows) {
		this.code = code;
		this.follows = follows;
	}

	public Long getId() {
		return id;
	}

	public String getCode() {
		return code;
	}

	public Ticket getFollows() {
		return follows;
	}
}
