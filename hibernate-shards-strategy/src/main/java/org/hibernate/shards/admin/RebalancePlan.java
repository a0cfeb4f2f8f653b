package org.hibernate.shards.admin;

import java.util.List;

import org.hibernate.shards.ShardId;

/**
 * The moves that bring every physical shard under its capacity.
 *
 * @param moves the moves, in the order they run
 * @param activated standby shards the plan puts to use
 * @param handles the started moves; empty for a dry run
 */
public record RebalancePlan(List<PlannedMove> moves, List<ShardId> activated, List<MoveHandle> handles) {

	/** One planned move and why. */
	public record PlannedMove(int virtualShard, ShardId source, ShardId target, double sizeMb) {
	}
}
