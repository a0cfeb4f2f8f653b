package org.hibernate.shards.strategy.selection;

import java.util.concurrent.atomic.AtomicInteger;

import org.hibernate.shards.strategy.ShardStrategyContext;

/**
 * Spreads new entities over the virtual shards in turn. The default selection strategy.
 */
public final class RoundRobinShardSelectionStrategy implements ShardSelectionStrategy {
	private final AtomicInteger next = new AtomicInteger();
	private final int virtualShards;

	public RoundRobinShardSelectionStrategy(ShardStrategyContext context) {
		this.virtualShards = context.getVirtualShardCount();
	}

	@Override
	public int selectVirtualShardForNewObject(Object entity) {
		// floorMod keeps the index in range after the counter wraps around Integer.MAX_VALUE.
		return Math.floorMod( next.getAndIncrement(), virtualShards );
	}
}
