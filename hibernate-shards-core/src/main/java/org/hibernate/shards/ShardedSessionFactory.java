package org.hibernate.shards;

import java.util.Map;

import org.hibernate.SessionFactory;
import org.hibernate.shards.health.ShardsHealth;

/**
 * A {@link SessionFactory} over several physical shards. It wraps one real {@code SessionFactory} per
 * physical shard, each with its own connection pool; {@link #close()} closes all of them.
 * Obtain one from {@link org.hibernate.shards.cfg.ShardedConfiguration#buildShardedSessionFactory()}.
 */
public interface ShardedSessionFactory extends SessionFactory {

	/** Opens a sharded session; shard sessions inside it are opened lazily, when a shard is first needed. */
	@Override
	ShardedSession openSession();

	/** @return one real session factory per physical shard, in shard order; the map is unmodifiable */
	Map<ShardId, SessionFactory> getSessionFactories();

	/** @return the number of virtual shards, fixed for the life of the data */
	int getVirtualShardCount();

	/** @return the physical shard that holds the given virtual shard */
	ShardId getShardIdForVirtualShard(int virtualShard);

	/**
	 * Checks every physical shard now, all at once: a shard is up when it gives a connection that proves valid within
	 * {@code hibernate.shards.health.timeout_ms}, so a hung shard costs the check that long at most (and is not probed
	 * again while its probe still hangs). A shard failing fast after a failure is down at once. With the partition
	 * directory, also its version and how long since this instance last read it.
	 */
	ShardsHealth health();
}
