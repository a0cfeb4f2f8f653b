package org.hibernate.shards.it.inputs.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import org.hibernate.shards.annotations.ShardKey;
import org.hibernate.shards.annotations.ShardedId;

/** @ShardKey on the @ShardedId itself: refused, the id is made from the shard and cannot choose it. */
@Entity
public class KeyOnShardedId {
	@Id
	@ShardedId
	@ShardKey
	private Long id;

	private String label;
}
