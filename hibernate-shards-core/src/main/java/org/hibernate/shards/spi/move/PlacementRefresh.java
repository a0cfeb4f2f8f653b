package org.hibernate.shards.spi.move;

import org.hibernate.shards.ShardId;

/** What the owner of the placement (the partition directory) does when a write met a fence that a move marked. */
public interface PlacementRefresh {
	/**
	 * Reads the placement again, waiting a little for it to show the move.
	 *
	 * @param from the physical shard whose fence said the virtual shard has gone
	 * @return whether the factory now routes the virtual shard elsewhere than {@code from}
	 */
	boolean awaitMoved(int virtualShard, ShardId from);

	/**
	 * Reads the placement again, waiting a little, until it shows a partition move's switch (or the move was rolled
	 * back): the routing of a write that meets a fence marked {@link FenceTable.State#PARTED} by that move must then be
	 * checked again.
	 *
	 * @return whether the factory now routes by a placement that includes the move's outcome
	 */
	boolean awaitSwitched(long moveId);
}
