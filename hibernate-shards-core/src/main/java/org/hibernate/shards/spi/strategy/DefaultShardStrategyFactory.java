package org.hibernate.shards.spi.strategy;

import java.time.Duration;
import java.util.Map;

import org.hibernate.shards.ShardingConfigurationException;
import org.hibernate.shards.cfg.ShardedSettings;
import org.hibernate.shards.internal.cfg.ShardsSettings;
import org.hibernate.shards.spi.strategy.access.ParallelShardAccessStrategy;
import org.hibernate.shards.spi.strategy.access.SequentialShardAccessStrategy;
import org.hibernate.shards.spi.strategy.access.ShardAccessStrategy;
import org.hibernate.shards.spi.strategy.resolution.AllShardsResolutionStrategy;
import org.hibernate.shards.spi.strategy.selection.RoundRobinShardSelectionStrategy;

/**
 * The strategies used unless {@code hibernate.shards.strategy_factory} names others: round-robin selection,
 * resolution over all shards, and the access strategy named by {@code hibernate.shards.access_strategy}
 * ({@code sequential} by default, or {@code parallel} with {@code hibernate.shards.parallel.threads} and
 * {@code hibernate.shards.parallel.timeout_ms}). Extend it to replace one strategy and keep the others.
 */
public class DefaultShardStrategyFactory implements ShardStrategyFactory {

	@Override
	public ShardStrategy newShardStrategy(ShardStrategyContext context) {
		return new ShardStrategy(
				new RoundRobinShardSelectionStrategy( context ),
				new AllShardsResolutionStrategy( context ),
				accessStrategy( context )
		);
	}

	/** Builds the access strategy that {@code hibernate.shards.access_strategy} names. */
	protected ShardAccessStrategy accessStrategy(ShardStrategyContext context) {
		Map<String, Object> settings = context.getSettings();
		Object name = settings.getOrDefault( ShardedSettings.ACCESS_STRATEGY, "sequential" );
		switch ( name.toString().trim().toLowerCase( java.util.Locale.ROOT ) ) {
			case "sequential":
				return new SequentialShardAccessStrategy();
			case "parallel": {
				Integer threads = ShardsSettings.optionalInt( settings, ShardedSettings.PARALLEL_THREADS, 1, 1024 );
				Long timeout = ShardsSettings.optionalLong( settings, ShardedSettings.PARALLEL_TIMEOUT_MS, 1, Long.MAX_VALUE / 1_000_000 );
				return new ParallelShardAccessStrategy(
						threads != null ? threads : context.getShardIds().size(),
						Duration.ofMillis( timeout != null ? timeout : ShardedSettings.DEFAULT_PARALLEL_TIMEOUT_MS ) );
			}
			default:
				throw new ShardingConfigurationException( ShardedSettings.ACCESS_STRATEGY + "=" + name
						+ " is not an access strategy: use sequential or parallel" );
		}
	}
}
