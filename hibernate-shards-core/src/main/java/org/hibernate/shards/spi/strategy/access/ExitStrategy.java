package org.hibernate.shards.spi.strategy.access;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardUnavailableException;

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

	/**
	 * A shard did not answer within the access strategy's timeout; its work has been cancelled. By default the call fails
	 * with the timeout; an exit strategy that can answer without the shard (partial results) records it instead and the
	 * call goes on with the other shards.
	 *
	 * @param timeout names every shard that was late at that moment
	 * @return {@code true} to stop, as for {@link #addResult}
	 */
	default boolean addTimeout(ShardId shard, ShardUnavailableException timeout) {
		throw timeout;
	}
}
