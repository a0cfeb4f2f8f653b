package org.hibernate.shards.it;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.codec.digest.MurmurHash3;

/**
 * The documented placement of a string shard key, computed independently of the library:
 * {@code unsigned(murmur3_x86_32(utf8(key), seed 0)) mod virtualShards}, and the default map of virtual shards onto
 * physical shards, equal contiguous ranges ({@code v * physical / virtual}). Tests use it to choose keys that land on
 * a given shard, and to check that the library put rows where the documentation says.
 */
public final class KeyRouting {
	/** The default number of virtual shards with 4 physical shards. */
	public static final int VIRTUAL_SHARDS = 256;
	public static final int PHYSICAL_SHARDS = 4;

	private static final AtomicInteger COUNTER = new AtomicInteger();

	private KeyRouting() {
	}

	public static int virtualShard(String key, int virtualShards) {
		byte[] bytes = key.getBytes( StandardCharsets.UTF_8 );
		return Integer.remainderUnsigned( MurmurHash3.hash32x86( bytes, 0, bytes.length, 0 ), virtualShards );
	}

	public static int virtualShard(String key) {
		return virtualShard( key, VIRTUAL_SHARDS );
	}

	/** The physical shard of a virtual shard under the default map. */
	public static int physicalShard(int virtualShard, int virtualShards, int physicalShards) {
		return (int) ( (long) virtualShard * physicalShards / virtualShards );
	}

	/** The physical shard of a key under the default 256 virtual shards over 4 physical shards. */
	public static int physicalShardOfKey(String key) {
		return physicalShard( virtualShard( key ), VIRTUAL_SHARDS, PHYSICAL_SHARDS );
	}

	/** A new, unique e-mail address whose hash lands on the given physical shard (256 virtual over 4 physical). */
	public static String emailOnShard(int shard) {
		return keyOnShard( "customer", shard, "@example.com" );
	}

	/** A new, unique topic whose hash lands on the given physical shard (256 virtual over 4 physical). */
	public static String topicOnShard(int shard) {
		return keyOnShard( "topic-", shard, "" );
	}

	private static String keyOnShard(String prefix, int shard, String suffix) {
		while ( true ) {
			String key = prefix + COUNTER.incrementAndGet() + suffix;
			if ( physicalShardOfKey( key ) == shard ) {
				return key;
			}
		}
	}

	/** New, unique e-mail addresses that all hash to the given virtual shard (of 256). */
	public static java.util.List<String> emailsOnVirtualShard(int virtualShard, int count) {
		java.util.List<String> emails = new java.util.ArrayList<>( count );
		while ( emails.size() < count ) {
			String key = "v" + COUNTER.incrementAndGet() + "@example.com";
			if ( virtualShard( key ) == virtualShard ) {
				emails.add( key );
			}
		}
		return emails;
	}

	/** A new, unique e-mail address whose hash lands on another physical shard than the given one. */
	public static String emailNotOnShard(int shard) {
		return emailOnShard( ( shard + 1 ) % PHYSICAL_SHARDS );
	}
}
