package org.hibernate.shards.spi.strategy.access;

import org.hibernate.shards.ShardId;

/**
 * Receives each shard's result, one at a time and always on the calling thread, and says when enough
 * has been seen (for example after the first shard that found an entity).
 *
 * @param <T> a shard's result
 */
@FunctionalInterface
public interface ExitStrategy<T> {
	/**
	 * @return {@code true} to stop: shards not yet asked are not asked, running ones are cancelled
	 */
	boolean addResult(ShardId shard, T result);
}
