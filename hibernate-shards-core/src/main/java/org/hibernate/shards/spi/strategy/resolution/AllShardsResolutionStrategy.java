package org.hibernate.shards.spi.strategy.resolution;

import java.util.List;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.spi.strategy.ShardStrategyContext;

/**
 * Looks in every physical shard that holds virtual shards, in shard order. The default resolution strategy.
 */
public final class AllShardsResolutionStrategy implements ShardResolutionStrategy {
	private final ShardStrategyContext context;

	public AllShardsResolutionStrategy(ShardStrategyContext context) {
		this.context = context;
	}

	@Override
	public List<ShardId> selectShardIdsForId(String entityName, Object id) {
		return context.getActiveShardIds();
	}
}
