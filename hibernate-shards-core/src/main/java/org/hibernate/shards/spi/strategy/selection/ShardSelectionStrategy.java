package org.hibernate.shards.spi.strategy.selection;

/**
 * Chooses the virtual shard of a new top-level entity that has neither a shard key nor a persistent parent
 * to follow. Entities with a {@link org.hibernate.shards.annotations.ShardKey} never reach this strategy:
 * their key decides. Implementations must be thread-safe: one instance serves every session of a factory.
 */
@FunctionalInterface
public interface ShardSelectionStrategy {
	/**
	 * @param entity the entity being persisted
	 * @return a virtual shard, from 0 to the number of virtual shards - 1
	 */
	int selectVirtualShardForNewObject(Object entity);
}
