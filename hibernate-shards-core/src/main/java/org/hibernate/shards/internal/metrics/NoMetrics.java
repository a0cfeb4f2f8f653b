package org.hibernate.shards.internal.metrics;

import java.util.List;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.internal.failure.FailureKind;
import org.hibernate.shards.spi.strategy.ShardStrategy;

/** {@link ShardMetrics#NONE}: every call returns at once, and the strategies are left as they are. */
final class NoMetrics implements ShardMetrics {
	@Override
	public void routed(ShardId shard) {
	}

	@Override
	public void fannedOut(List<ShardId> shards) {
	}

	@Override
	public void refused() {
	}

	@Override
	public long mergeStart() {
		return 0;
	}

	@Override
	public void merged(long mergeStart) {
	}

	@Override
	public void failed(ShardId shard, FailureKind kind) {
	}

	@Override
	public void timedOut(ShardId shard) {
	}

	@Override
	public ShardStrategy instrument(ShardStrategy strategy) {
		return strategy;
	}
}
