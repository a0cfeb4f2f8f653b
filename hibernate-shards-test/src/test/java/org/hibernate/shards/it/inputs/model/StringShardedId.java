package org.hibernate.shards.it.inputs.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import org.hibernate.shards.annotations.ShardedId;

/** A @ShardedId on a String: refused, a sharded id is a Long. */
@Entity
public class StringShardedId {
	@Id
	@ShardedId
	private String code;
}
