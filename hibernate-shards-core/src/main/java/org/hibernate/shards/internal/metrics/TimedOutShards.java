package org.hibernate.shards.internal.metrics;

import java.util.List;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardUnavailableException;
import org.hibernate.shards.spi.strategy.access.ExitStrategy;
import org.hibernate.shards.spi.strategy.access.ShardAccessStrategy;
import org.hibernate.shards.spi.strategy.access.ShardOperation;

/**
 * An access strategy that reports each shard it stopped waiting for: every strategy tells its exit strategy of a
 * timeout ({@link ExitStrategy#addTimeout}), so this one place counts them for any strategy, the application's own too.
 * Used only when metrics are on.
 */
final class TimedOutShards implements ShardAccessStrategy {
	private final ShardAccessStrategy access;
	private final ShardMetrics metrics;

	TimedOutShards(ShardAccessStrategy access, ShardMetrics metrics) {
		this.access = access;
		this.metrics = metrics;
	}

	@Override
	public <T> void apply(List<ShardId> shards, ShardOperation<T> operation, ExitStrategy<T> exitStrategy) {
		access.apply( shards, operation, new ExitStrategy<>() {
			@Override
			public boolean addResult(ShardId shard, T result) {
				return exitStrategy.addResult( shard, result );
			}

			@Override
			public boolean addTimeout(ShardId shard, ShardUnavailableException timeout) {
				metrics.timedOut( shard );
				return exitStrategy.addTimeout( shard, timeout );
			}
		} );
	}

	@Override
	public void close() {
		access.close();
	}

	@Override
	public String toString() {
		return access.toString();
	}
}
