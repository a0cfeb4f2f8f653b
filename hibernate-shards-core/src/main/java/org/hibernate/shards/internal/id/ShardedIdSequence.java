package org.hibernate.shards.internal.id;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The id source of one sharded session factory, shared by the generator instances Hibernate creates.
 * One counter per virtual shard holds the last (millisecond, sequence) pair used; a new id takes the
 * current millisecond or, when 128 ids were already taken in it, borrows the next one. So ids never
 * repeat and never go backwards within a virtual shard, without locks or sleeping.
 */
public final class ShardedIdSequence {
	private final AtomicLongArray lastTick;
	private final LongSupplier clock;
	private final IntSupplier nodeLease;
	private volatile int node = -1;

	/**
	 * @param virtualShards how many counters
	 * @param clock current time in epoch milliseconds
	 * @param nodeLease called once, on first use, to obtain this factory's node number
	 */
	public ShardedIdSequence(int virtualShards, LongSupplier clock, IntSupplier nodeLease) {
		this.lastTick = new AtomicLongArray( virtualShards );
		this.clock = clock;
		this.nodeLease = nodeLease;
	}

	public long next(int virtualShard) {
		long now = ( clock.getAsLong() - ShardedIdLayout.EPOCH.toEpochMilli() ) << ShardedIdLayout.SEQUENCE_BITS;
		long tick;
		long last;
		do {
			last = lastTick.get( virtualShard );
			tick = Math.max( now, last + 1 );
		}
		while ( !lastTick.compareAndSet( virtualShard, last, tick ) );
		return ShardedIdLayout.compose( tick, node(), virtualShard );
	}

	private int node() {
		int current = node;
		if ( current < 0 ) {
			synchronized ( this ) {
				if ( node < 0 ) {
					node = nodeLease.getAsInt();
				}
				current = node;
			}
		}
		return current;
	}
}
