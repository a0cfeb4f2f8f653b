package org.hibernate.shards.internal.id;

import java.time.Instant;

/**
 * The bits of a {@link org.hibernate.shards.annotations.ShardedId}: from the most significant,
 * 1 zero bit, 41 bits of milliseconds since {@link #EPOCH}, 5 bits of node, 7 bits of sequence and
 * 10 bits of virtual shard. The virtual shard sits in the low bits so that decoding is one mask.
 */
public final class ShardedIdLayout {
	public static final Instant EPOCH = Instant.parse( "2025-01-01T00:00:00Z" );
	public static final int VIRTUAL_SHARD_BITS = 10;
	public static final int SEQUENCE_BITS = 7;
	public static final int NODE_BITS = 5;
	public static final int MAX_NODES = 1 << NODE_BITS;

	static final int SEQUENCE_SHIFT = VIRTUAL_SHARD_BITS;
	static final int NODE_SHIFT = SEQUENCE_SHIFT + SEQUENCE_BITS;
	static final int TIME_SHIFT = NODE_SHIFT + NODE_BITS;
	private static final long VIRTUAL_SHARD_MASK = ( 1L << VIRTUAL_SHARD_BITS ) - 1;

	private ShardedIdLayout() {
	}

	/**
	 * @param tick milliseconds since the epoch shifted left by {@link #SEQUENCE_BITS}, plus the sequence
	 */
	static long compose(long tick, int node, int virtualShard) {
		long millis = tick >>> SEQUENCE_BITS;
		long sequence = tick & ( ( 1L << SEQUENCE_BITS ) - 1 );
		return millis << TIME_SHIFT | (long) node << NODE_SHIFT | sequence << SEQUENCE_SHIFT | virtualShard;
	}

	/** @return the virtual shard an id was generated for */
	public static int virtualShardOf(long id) {
		return (int) ( id & VIRTUAL_SHARD_MASK );
	}

	/** @return when an id was generated, to the millisecond */
	public static Instant timestampOf(long id) {
		return EPOCH.plusMillis( id >>> TIME_SHIFT );
	}

	/** @return the generator node that made an id */
	public static int nodeOf(long id) {
		return (int) ( ( id >>> NODE_SHIFT ) & ( MAX_NODES - 1 ) );
	}
}
