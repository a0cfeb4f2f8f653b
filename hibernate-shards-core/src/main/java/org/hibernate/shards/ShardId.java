package org.hibernate.shards;

import java.io.Serializable;

/**
 * A physical shard: one MySQL database and the Hibernate {@code SessionFactory} that talks to it.
 * Physical shards are numbered from 0, in the order of the {@code hibernate.shards.<n>.*} properties.
 * Values are interned for the shard numbers in common use, so {@code ShardId.of(2) == ShardId.of(2)} usually holds,
 * but compare with {@link #equals(Object)}.
 */
public final class ShardId implements Comparable<ShardId>, Serializable {
	private static final long serialVersionUID = 1L;
	private static final ShardId[] CACHE = new ShardId[256];

	static {
		for ( int i = 0; i < CACHE.length; i++ ) {
			CACHE[i] = new ShardId( i );
		}
	}

	private final int id;

	private ShardId(int id) {
		this.id = id;
	}

	/**
	 * @param id the shard number, 0 or more
	 * @return the shard with that number
	 * @throws IllegalArgumentException if {@code id} is negative
	 */
	public static ShardId of(int id) {
		if ( id < 0 ) {
			throw new IllegalArgumentException( "A shard id is 0 or more, not " + id );
		}
		return id < CACHE.length ? CACHE[id] : new ShardId( id );
	}

	/** @return the shard number */
	public int getId() {
		return id;
	}

	@Override
	public int compareTo(ShardId other) {
		return Integer.compare( id, other.id );
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof ShardId other && other.id == id;
	}

	@Override
	public int hashCode() {
		return id;
	}

	@Override
	public String toString() {
		return "shard " + id;
	}

	private Object readResolve() {
		return of( id );
	}
}
