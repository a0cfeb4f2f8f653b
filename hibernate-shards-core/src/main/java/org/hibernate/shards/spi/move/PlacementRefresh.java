package org.hibernate.shards.spi.move;

import org.hibernate.shards.ShardId;

/** What the owner of the placement (the partition directory) does when a write met the fence of a virtual shard that has left. */
@FunctionalInterface
public interface PlacementRefresh {
	/**
	 * Reads the placement again, waiting a little for it to show the move.
	 *
	 * @param from the physical shard whose fence said the virtual shard has gone
	 * @return whether the factory now routes the virtual shard elsewhere than {@code from}
	 */
	boolean awaitMoved(int virtualShard, ShardId from);
}
