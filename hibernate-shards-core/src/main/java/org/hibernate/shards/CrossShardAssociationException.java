package org.hibernate.shards;

/**
 * An entity on one shard references an entity that lives on another shard. A foreign key cannot span
 * two databases, so the write is refused before anything is written. Co-locate the two entities
 * (put {@link org.hibernate.shards.annotations.ShardKey} on the association) or keep only the other entity's id.
 * The check can be switched off with {@code hibernate.shards.cross_shard_relationship_checks=false}.
 */
public class CrossShardAssociationException extends ShardingException {
	public CrossShardAssociationException(String message) {
		super( message );
	}
}
