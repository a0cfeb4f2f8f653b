package org.hibernate.shards;

/**
 * A query whose merged answer across shards could differ from the answer one database holding all
 * rows would give. It is refused before any shard is asked; the message names the construct and
 * suggests what to do instead.
 */
public class ShardedQueryException extends ShardingException {
	public ShardedQueryException(String message) {
		super( message );
	}

	public ShardedQueryException(String message, Throwable cause) {
		super( message, cause );
	}
}
