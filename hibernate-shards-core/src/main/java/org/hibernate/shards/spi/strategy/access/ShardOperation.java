package org.hibernate.shards.spi.strategy.access;

import org.hibernate.shards.ShardId;

/**
 * Work to run on one shard.
 *
 * @param <T> the shard's result
 */
@FunctionalInterface
public interface ShardOperation<T> {
	T execute(ShardId shard);
}
