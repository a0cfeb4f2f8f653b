package org.hibernate.shards.spi.strategy;

/**
 * Builds the strategies a {@link org.hibernate.shards.ShardedSessionFactory} uses. Name an implementation
 * with {@code hibernate.shards.strategy_factory}; it needs a public no-argument constructor. The default
 * builds round-robin selection, by-id resolution and the access strategy named by
 * {@code hibernate.shards.access_strategy}.
 */
@FunctionalInterface
public interface ShardStrategyFactory {
	/**
	 * Called once, while the sharded session factory is built.
	 *
	 * @param context the shards, the virtual shards and the configuration
	 * @return the strategies to use
	 */
	ShardStrategy newShardStrategy(ShardStrategyContext context);
}
