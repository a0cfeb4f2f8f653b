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
	 * Reads the placement again, waiting a little, until it shows a partition move's switch (or that the move was rolled
	 * back): a write that meets a fence marked {@link FenceTable.State#PARTED} by that move is right only if it was
	 * routed by such a placement.
	 *
	 * @return the {@link System#nanoTime()} from which on this factory has routed by a placement that shows the move's
	 *         outcome ({@link Long#MIN_VALUE} when that outcome changed nothing), or {@link Long#MAX_VALUE} when it
	 *         does not show it yet after the wait
	 */
	long awaitSwitched(long moveId);
}
