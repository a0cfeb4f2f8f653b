package org.hibernate.shards.internal.id;

/**
 * Where the {@link ShardedIdGenerator} gets an id from: the interceptor of a shard session opened by a sharded
 * session, which knows the virtual shard of the entity being persisted. Declared here so that id generation does
 * not depend on the session package.
 */
public interface ShardedIdSource {
	/** @return a new sharded id for an entity being persisted in this shard session */
	long nextShardedId(Object entity);
}
