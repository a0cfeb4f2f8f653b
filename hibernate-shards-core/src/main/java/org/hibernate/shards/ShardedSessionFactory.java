package org.hibernate.shards;

import java.util.Map;

import org.hibernate.SessionFactory;

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
}
