package org.hibernate.shards.internal.id;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * The id source of one sharded session factory, shared by the generator instances Hibernate creates.
 * One counter per virtual shard holds the last (millisecond, sequence) pair used; a new id takes the
 * current millisecond or, when 128 ids were already taken in it, borrows the next one. So ids never
 * repeat and never go backwards within a virtual shard, without locks or sleeping. Ids carry the node of this
 * instance's lease and stay within the milliseconds it grants (see {@link IdNodeLease}).
 */
public final class ShardedIdSequence {
	private final AtomicLongArray lastTick;
	private final LongSupplier clock;
	private final java.util.function.LongFunction<IdNodeLease.Grant> nodes;

	/**
	 * @param virtualShards how many counters
	 * @param clock current time in epoch milliseconds
	 * @param nodes the node to issue ids with at a given time, and the span of time its ids may carry (a lease)
	 */
	public ShardedIdSequence(int virtualShards, LongSupplier clock, java.util.function.LongFunction<IdNodeLease.Grant> nodes) {
		this.lastTick = new AtomicLongArray( virtualShards );
		this.clock = clock;
		this.nodes = nodes;
	}

	/**
	 * @throws org.hibernate.shards.ShardUnavailableException when the node's lease ran out and cannot be renewed
	 */
	public long next(int virtualShard) {
		long nowMillis = clock.getAsLong();
		IdNodeLease.Grant grant = nodes.apply( nowMillis );
		long now = tickOf( nowMillis );
		long from = tickOf( grant.fromMillis() );
		long tick;
		long last;
		do {
			last = lastTick.get( virtualShard );
			tick = Math.max( Math.max( now, from ), last + 1 );
		}
		while ( !lastTick.compareAndSet( virtualShard, last, tick ) );
		if ( grant.lastMillis() != Long.MAX_VALUE && tick >= tickOf( grant.lastMillis() + 1 ) ) {
			// Borrowed past the lease, into ids whoever takes the node next may issue: refused.
			throw new org.hibernate.shards.ShardingException( "More @ShardedId values were asked for on virtual shard " + virtualShard
					+ " than the node lease covers (" + ( 1 << ShardedIdLayout.SEQUENCE_BITS ) + " per millisecond); retry" );
		}
		return ShardedIdLayout.compose( tick, grant.node(), virtualShard );
	}

	private static long tickOf(long epochMillis) {
		if ( epochMillis == Long.MAX_VALUE ) {
			return Long.MAX_VALUE;
		}
		return ( epochMillis - ShardedIdLayout.EPOCH.toEpochMilli() ) << ShardedIdLayout.SEQUENCE_BITS;
	}
}
