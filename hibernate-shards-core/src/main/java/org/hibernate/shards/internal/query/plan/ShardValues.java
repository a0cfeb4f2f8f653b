package org.hibernate.shards.internal.query.plan;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.internal.routing.EntitySharding;

/**
 * The routing decisions a query's routing needs at execution for the values bound to it: the router's, and the
 * session's for entity instances.
 */
public interface ShardValues {
	ShardId ofKeyValue(EntitySharding entity, Object value);

	/** @return the shard a sharded id names, or {@code null} */
	ShardId ofShardedId(Object id);

	/** @return the shard an entity instance lives on, or {@code null} when unknown */
	ShardId ofEntity(Object entity);
}
