package org.hibernate.shards.spi.strategy.access;

import java.util.List;

import org.hibernate.shards.ShardId;

/**
 * Runs an operation over several shards. Each shard's operation touches only that shard's session, so
 * operations of different shards may run at the same time; the exit strategy is always called on the
 * calling thread. The first failure of a shard fails the whole call with that shard's exception.
 */
public interface ShardAccessStrategy extends AutoCloseable {

	<T> void apply(List<ShardId> shards, ShardOperation<T> operation, ExitStrategy<T> exitStrategy);

	/** Releases threads, if any. Called when the sharded session factory closes. */
	@Override
	default void close() {
	}
}
