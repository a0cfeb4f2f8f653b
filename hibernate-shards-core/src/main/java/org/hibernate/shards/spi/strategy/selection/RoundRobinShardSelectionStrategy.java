package org.hibernate.shards.spi.strategy.selection;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.hibernate.shards.ShardId;

import org.hibernate.shards.spi.strategy.ShardStrategyContext;

/**
 * Spreads new entities over the physical shards that hold data in turn, and over each one's virtual shards in turn:
 * with 4 physical shards, the 1st, 5th, 9th… entity go to shard 0, on its first, second, third… virtual shard.
 * The default selection strategy.
 */
public final class RoundRobinShardSelectionStrategy implements ShardSelectionStrategy {
	private final AtomicInteger next = new AtomicInteger();
	private final ShardStrategyContext context;

	public RoundRobinShardSelectionStrategy(ShardStrategyContext context) {
		this.context = context;
	}

	@Override
	public int selectVirtualShardForNewObject(Object entity) {
		List<ShardId> shards = context.getActiveShardIds();
		// floorMod keeps the index in range after the counter wraps around Integer.MAX_VALUE.
		int turn = Math.floorMod( next.getAndIncrement(), Integer.MAX_VALUE );
		List<Integer> virtualShards = context.getVirtualShardsOf( shards.get( turn % shards.size() ) );
		return virtualShards.get( ( turn / shards.size() ) % virtualShards.size() );
	}
}
