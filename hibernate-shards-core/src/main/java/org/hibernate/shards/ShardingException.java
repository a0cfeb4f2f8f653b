package org.hibernate.shards;

import org.hibernate.HibernateException;

/**
 * The root of every exception this library throws for a sharding-specific cause.
 * Messages name the entity, the key, the shard and what to do where they are known.
 */
public class ShardingException extends HibernateException {
	public ShardingException(String message) {
		super( message );
	}

	public ShardingException(String message, Throwable cause) {
		super( message, cause );
	}
}
