package org.hibernate.shards.it.inputs.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Transient;
import org.hibernate.shards.annotations.ShardKey;
import org.hibernate.shards.annotations.ShardedId;

/** @ShardKey on a @Transient field: refused, the key must be persisted. */
@Entity
public class KeyOnTransient {
	@Id
	@ShardedId
	private Long id;

	@ShardKey
	@Transient
	private String region;
}
