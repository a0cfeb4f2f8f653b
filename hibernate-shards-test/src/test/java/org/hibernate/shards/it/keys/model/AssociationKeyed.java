package org.hibernate.shards.it.keys.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.shards.annotations.ShardKey;
import org.hibernate.shards.annotations.ShardedId;

/** An association key without a function, for the same error set by property. */
@Entity
@Table(name = "association_keyed")
public class AssociationKeyed {
	@Id
	@ShardedId
	private Long id;

	@ShardKey
	@ManyToOne
	@JoinColumn(name = "parent_id")
	private LongKeyed parent;

	protected AssociationKeyed() {
	}

	public AssociationKeyed(LongKeyed parent) {
		this.parent = parent;
	}

	public Long getId() {
		return id;
	}

	public LongKeyed getKey() {
		return parent;
	}
}
