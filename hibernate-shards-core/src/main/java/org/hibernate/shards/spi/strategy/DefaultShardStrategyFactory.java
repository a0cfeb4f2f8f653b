package org.hibernate.shards.spi.strategy;

import java.time.Duration;

import org.hibernate.shards.cfg.ShardedSettings;
import org.hibernate.shards.spi.SettingValues;
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
		SettingValues values = SettingValues.of( context.getSettings() );
		String access = values.choice( ShardedSettings.ACCESS_STRATEGY, ShardedSettings.DEFAULT_ACCESS_STRATEGY, "sequential", "parallel" );
		// Read whichever strategy is chosen: a wrong value must be named at boot, not on the day someone switches to parallel.
		int threads = values.intValue( ShardedSettings.PARALLEL_THREADS, 1, 1024, context.getShardIds().size() );
		long timeout = values.longValue( ShardedSettings.PARALLEL_TIMEOUT_MS, 1, Long.MAX_VALUE / 1_000_000,
				ShardedSettings.DEFAULT_PARALLEL_TIMEOUT_MS );
		if ( access.equals( "sequential" ) ) {
			return new SequentialShardAccessStrategy();
		}
		return new ParallelShardAccessStrategy( threads, Duration.ofMillis( timeout ) );
	}
}
