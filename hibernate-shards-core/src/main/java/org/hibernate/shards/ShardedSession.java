package org.hibernate.shards;

import org.hibernate.Session;

/**
 * A Hibernate {@link Session} whose entities live on several physical shards. Entity operations are routed
 * to one shard; a method that cannot be honoured across shards throws {@link UnsupportedOperationException}
 * naming what to use instead. Not thread-safe, like any session.
 */
public interface ShardedSession extends Session {

	/**
	 * @param entity a managed, detached or new entity
	 * @return the physical shard the entity lives on (or is routed to), or {@code null} when that cannot be told
	 *         without asking the databases (a detached entity with neither a shard key nor a sharded id)
	 */
	ShardId getShardIdForObject(Object entity);

	/**
	 * @param entity a managed, detached or new entity
	 * @return the virtual shard the entity lives on, or -1 when that cannot be told
	 */
	int getVirtualShardIdForObject(Object entity);
}
