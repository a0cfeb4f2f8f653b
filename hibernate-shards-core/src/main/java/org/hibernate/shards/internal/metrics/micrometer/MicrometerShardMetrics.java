package org.hibernate.shards.internal.metrics.micrometer;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.hibernate.shards.ShardId;
import org.hibernate.shards.internal.failure.FailureKind;
import org.hibernate.shards.internal.metrics.ShardMetrics;

/**
 * The engine's meters in a Micrometer registry (see docs/observability.md for each). Every meter is registered up front,
 * per shard in an array indexed by shard number, so that counting is an array read and an increment: no tag lookup, no
 * allocation. A shard added while the application runs gets its meters on first use.
 */
public final class MicrometerShardMetrics implements ShardMetrics {
	static final String OPERATIONS = "hibernate.shards.operations";
	static final String FAN_OUT_WIDTH = "hibernate.shards.fanout.width";
	static final String MERGE = "hibernate.shards.merge";
	static final String ERRORS = "hibernate.shards.errors";
	static final String TIMEOUTS = "hibernate.shards.timeouts";

	private final MeterRegistry registry;
	private final Counter refused;
	private final DistributionSummary fanOutWidth;
	private final Timer merge;
	private volatile ShardMeters[] shards = new ShardMeters[0];

	private MicrometerShardMetrics(MeterRegistry registry, int shardCount) {
		this.registry = registry;
		// Refused before routing: no shard was asked. The tag is there all the same, as every series of a meter has the same tags.
		this.refused = operations( "none", "refused" );
		this.fanOutWidth = DistributionSummary.builder( FAN_OUT_WIDTH )
				.description( "Shards asked by one query or lookup sent to several shards" )
				.baseUnit( "shards" )
				.register( registry );
		this.merge = Timer.builder( MERGE )
				.description( "Time to merge the rows of several shards into one answer" )
				.register( registry );
		if ( shardCount > 0 ) {
			grown( shardCount - 1 );
		}
	}

	/**
	 * @param registry a {@code MeterRegistry}: the settings checked its type
	 * @param shardCount the configured physical shards, whose meters are registered now
	 */
	public static ShardMetrics of(Object registry, int shardCount) {
		return new MicrometerShardMetrics( (MeterRegistry) registry, shardCount );
	}

	@Override
	public void routed(ShardId shard) {
		meters( shard ).routed.increment();
	}

	@Override
	public void fannedOut(List<ShardId> targets) {
		fanOutWidth.record( targets.size() );
		for ( int i = 0; i < targets.size(); i++ ) {
			meters( targets.get( i ) ).fannedOut.increment();
		}
	}

	@Override
	public void refused() {
		refused.increment();
	}

	@Override
	public long mergeStart() {
		return System.nanoTime();
	}

	@Override
	public void merged(long mergeStart) {
		merge.record( System.nanoTime() - mergeStart, TimeUnit.NANOSECONDS );
	}

	@Override
	public void failed(ShardId shard, FailureKind kind) {
		meters( shard ).errors[kind.ordinal()].increment();
	}

	@Override
	public void timedOut(ShardId shard) {
		meters( shard ).timeouts.increment();
	}

	private ShardMeters meters(ShardId shard) {
		ShardMeters[] meters = shards;
		return shard.getId() < meters.length ? meters[shard.getId()] : grown( shard.getId() );
	}

	private synchronized ShardMeters grown(int shard) {
		ShardMeters[] meters = shards;
		if ( shard >= meters.length ) {
			ShardMeters[] more = Arrays.copyOf( meters, shard + 1 );
			for ( int i = meters.length; i <= shard; i++ ) {
				more[i] = new ShardMeters( String.valueOf( i ) );
			}
			shards = more;
			meters = more;
		}
		return meters[shard];
	}

	private Counter operations(String shard, String kind) {
		return Counter.builder( OPERATIONS )
				.description( "Operations sent to a shard: routed to it alone, or to it among others (fan-out); refused before routing" )
				.tag( "shard", shard )
				.tag( "kind", kind )
				.register( registry );
	}

	/** One physical shard's meters. */
	private final class ShardMeters {
		final Counter routed;
		final Counter fannedOut;
		/** Indexed by {@link FailureKind#ordinal()}. */
		final Counter[] errors = new Counter[FailureKind.values().length];
		final Counter timeouts;

		ShardMeters(String shard) {
			routed = operations( shard, "routed" );
			fannedOut = operations( shard, "fan-out" );
			for ( FailureKind kind : FailureKind.values() ) {
				errors[kind.ordinal()] = Counter.builder( ERRORS )
						.description( "Failures of work on a shard: unavailable, a statement's timeout, or the database's refusal" )
						.tag( "shard", shard )
						.tag( "type", kind.tag() )
						.register( registry );
			}
			timeouts = Counter.builder( TIMEOUTS )
					.description( "Times the access strategy stopped waiting for a shard and cancelled its work" )
					.tag( "shard", shard )
					.register( registry );
		}
	}
}
