package org.hibernate.shards;

/**
 * A shard key that cannot be used: null when the entity is persisted, changed on a managed entity
 * (an entity cannot move between shards by assignment), or a value that the key function cannot map.
 * Thrown before anything is written.
 */
public class ShardKeyException extends ShardingException {
	public ShardKeyException(String message) {
		super( message );
	}

	public ShardKeyException(String message, Throwable cause) {
		super( message, cause );
	}
}
