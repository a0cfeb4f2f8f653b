package org.hibernate.shards.it.keys;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;

import org.apache.commons.codec.digest.MurmurHash3;

/**
 * The documented placement of a partition value, computed here independently of the library
 * (docs/routing.md, docs/key-functions.md): a key function's partition value is hashed like a key,
 * {@code unsigned(murmur3_x86_32(canonical bytes, seed 0)) mod virtualShards}, where an integer's canonical bytes are
 * its 8 big-endian bytes and a string's are the UTF-8 of its folded text (lower case, accents removed, trailing spaces
 * dropped). Virtual shards map onto physical shards in equal contiguous ranges unless a map is configured.
 */
final class Placement {
	private Placement() {
	}

	static int virtualShard(Object partitionValue, int virtualShards) {
		byte[] bytes = canonicalBytes( partitionValue );
		return Integer.remainderUnsigned( MurmurHash3.hash32x86( bytes, 0, bytes.length, 0 ), virtualShards );
	}

	static int physicalShard(int virtualShard, int virtualShards, int physicalShards) {
		return (int) ( (long) virtualShard * physicalShards / virtualShards );
	}

	private static byte[] canonicalBytes(Object value) {
		if ( value instanceof Long || value instanceof Integer ) {
			return ByteBuffer.allocate( 8 ).putLong( ( (Number) value ).longValue() ).array();
		}
		if ( value instanceof BigInteger big && big.bitLength() < 64 ) {
			return ByteBuffer.allocate( 8 ).putLong( big.longValue() ).array();
		}
		if ( value instanceof String text ) {
			return fold( text ).getBytes( StandardCharsets.UTF_8 );
		}
		throw new IllegalArgumentException( "no canonical bytes in this test for " + value.getClass() );
	}

	/** Lower case, accents removed, trailing spaces dropped: how MySQL's default collations compare. */
	static String fold(String text) {
		String folded = Normalizer.normalize( text, Normalizer.Form.NFD ).replaceAll( "\\p{M}+", "" ).toLowerCase( Locale.ROOT );
		return folded.replaceAll( " +$", "" );
	}

	/** {@code PREFIX(n)}: the first n code points of the folded text, or the whole folded text when shorter. */
	static String prefix(String text, int codePoints) {
		String folded = fold( text );
		return folded.codePointCount( 0, folded.length() ) <= codePoints ? folded
				: folded.substring( 0, folded.offsetByCodePoints( 0, codePoints ) );
	}

	/** @return the virtual shard a {@code @ShardedId} carries in its low 10 bits */
	static int virtualShardOfId(long id) {
		return (int) ( id & 1023 );
	}
}
