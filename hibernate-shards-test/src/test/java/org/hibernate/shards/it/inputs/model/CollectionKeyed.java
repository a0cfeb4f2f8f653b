package org.hibernate.shards.it.inputs.model;

import java.util.List;

import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import org.hibernate.shards.annotations.ShardKey;
import org.hibernate.shards.annotations.ShardedId;

/** A shard key on a collection, which has no single value: refused. */
@Entity
public class CollectionKeyed {
	@Id
	@ShardedId
	private Long id;

	@ShardKey
	@ElementCollection
	private List<String> tags;
}
