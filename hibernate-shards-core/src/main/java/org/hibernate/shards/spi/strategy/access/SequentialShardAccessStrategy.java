package org.hibernate.shards.spi.strategy.access;

import java.util.List;

import org.hibernate.shards.ShardId;

/**
 * Asks the shards one after another, in the order given, stopping as soon as the exit strategy has enough.
 * No threads; the default.
 */
public final class SequentialShardAccessStrategy implements ShardAccessStrategy {
	@Override
	public <T> void apply(List<ShardId> shards, ShardOperation<T> operation, ExitStrategy<T> exitStrategy) {
		for ( ShardId shard : shards ) {
			if ( exitStrategy.addResult( shard, operation.execute( shard ) ) ) {
				return;
			}
		}
	}

	@Override
	public String toString() {
		return "sequential";
	}
}
