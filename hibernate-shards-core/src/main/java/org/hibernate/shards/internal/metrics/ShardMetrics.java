package org.hibernate.shards.internal.metrics;

import java.util.List;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.internal.failure.FailureKind;
import org.hibernate.shards.spi.strategy.ShardStrategy;

/**
 * What the engine tells about its work, for meters: where operations were routed, merges, failures and timeouts. The
 * engine calls it on the hot path, so an implementation must not allocate or look anything up there; without a
 * registry it is {@link #NONE}, which does nothing. The one implementation that measures is Micrometer's, in
 * {@code internal.metrics.micrometer}: only that package names Micrometer's types (an optional dependency), and it is
 * loaded only when the application gives a registry.
 */
public interface ShardMetrics {
	/** Measures nothing: the factory's metrics when no registry is given. */
	ShardMetrics NONE = new NoMetrics();

	/**
	 * @param registry a Micrometer {@code MeterRegistry}, or {@code null} for none (the settings checked its type)
	 * @param shardCount the configured physical shards
	 * @return the metrics that publish to the registry, or {@link #NONE}
	 */
	static ShardMetrics of(Object registry, int shardCount) {
		// The class is only named here: it, and Micrometer with it, is loaded when this line runs with a registry.
		return registry == null ? NONE : org.hibernate.shards.internal.metrics.micrometer.MicrometerShardMetrics.of( registry, shardCount );
	}

	/** An entity operation or a query sent to one shard, as its routing decided. */
	void routed(ShardId shard);

	/** A query or a lookup by id sent to several shards: counted on each, and its width recorded. */
	void fannedOut(List<ShardId> shards);

	/** A query refused before any shard was asked: it cannot be answered correctly across shards. */
	void refused();

	/** @return when a merge starts, to hand to {@link #merged}; nothing is read from the clock when nothing is measured */
	long mergeStart();

	/** A merge of several shards' rows ended. */
	void merged(long mergeStart);

	/** Work on a shard failed, as {@link org.hibernate.shards.internal.failure.ShardFailures#kindOf} classifies it. */
	void failed(ShardId shard, FailureKind kind);

	/** The access strategy stopped waiting for a shard (and cancelled its work). */
	void timedOut(ShardId shard);

	/** @return the strategies, their access strategy reporting its timeouts here */
	default ShardStrategy instrument(ShardStrategy strategy) {
		return new ShardStrategy( strategy.selection(), strategy.resolution(), new TimedOutShards( strategy.access(), this ) );
	}
}
