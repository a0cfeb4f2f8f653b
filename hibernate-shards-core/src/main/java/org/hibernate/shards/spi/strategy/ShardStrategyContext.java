package org.hibernate.shards.spi.strategy;

import java.util.List;
import java.util.Map;

import org.hibernate.shards.ShardId;

/**
 * What a strategy may know about the shards: the physical shards, the virtual shards and where each lives,
 * and the configuration. The virtual-to-physical map may change while the application runs (a virtual shard
 * assigned to a new physical shard); the methods here always answer with the current map.
 */
public interface ShardStrategyContext {

	/** @return the physical shards, in order */
	List<ShardId> getShardIds();

	/** @return the physical shards that hold at least one virtual shard, in order */
	List<ShardId> getActiveShardIds();

	/** @return the number of virtual shards */
	int getVirtualShardCount();

	/** @return the physical shard holding the virtual shard */
	ShardId getShardIdForVirtualShard(int virtualShard);

	/** @return the virtual shards a physical shard holds, ascending */
	List<Integer> getVirtualShardsOf(ShardId shard);

	/** @return every configuration value, as the sharded configuration holds it */
	Map<String, Object> getSettings();
}
