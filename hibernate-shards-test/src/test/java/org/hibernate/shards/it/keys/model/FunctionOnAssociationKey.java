package org.hibernate.shards.it.keys.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.shards.annotations.ShardKey;
import org.hibernate.shards.annotations.ShardedId;

/** Refused at boot: a key function on an association key, by annotation. */
@Entity
@Table(name = "function_on_association_key")
public class FunctionOnAssociationKey {
	@Id
	@ShardedId
	private Long id;

	@ShardKey(function = "MOD(3)")
	@ManyToOne
	@JoinColumn(name = "parent_id")
	private LongKeyed parent;

	protected FunctionOnAssociationKey() {
	}

	public FunctionOnAssociationKey(LongKeyed parent) {
		this.parent = parent;
	}

	public Long getId() {
		return id;
	}

	public LongKeyed getKey() {
		return parent;
	}
}
