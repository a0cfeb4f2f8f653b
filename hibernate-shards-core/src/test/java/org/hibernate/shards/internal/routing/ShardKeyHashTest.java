package org.hibernate.shards.internal.routing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class ShardKeyHashTest {

	@Test
	void keysHashWithPublishedMurmur3Vectors() {
		// MurmurHash3_x86_32 reference vectors (seed 0): placement must be reproducible outside Java.
		assertEquals( Integer.remainderUnsigned( 0x248bfa47, 1000 ), ShardKeyHash.virtualShard( "hello", 1000 ) );
		assertEquals( Integer.remainderUnsigned( 0x2e4ff723, 997 ),
				ShardKeyHash.virtualShard( "The quick brown fox jumps over the lazy dog".getBytes( StandardCharsets.UTF_8 ), 997 ) );
	}

	@Test
	void stringsThatACaseAndAccentInsensitiveCollationCallsEqualLandTogether() {
		int expected = ShardKeyHash.virtualShard( "zoe@example.com", 256 );
		assertEquals( expected, ShardKeyHash.virtualShard( "ZOE@Example.COM", 256 ) );
		assertEquals( expected, ShardKeyHash.virtualShard( "Zoë@example.com", 256 ) );
		assertEquals( expected, ShardKeyHash.virtualShard( "zoe@example.com  ", 256 ), "trailing spaces do not count (PAD SPACE)" );
		assertArrayEquals( "zoe".getBytes( StandardCharsets.UTF_8 ), ShardKeyHash.canonicalBytes( "Zoë" ) );
	}

	@Test
	void theSameNumberPlacesTheSameWhateverItsJavaType() {
		int expected = ShardKeyHash.virtualShard( 7L, 64 );
		assertEquals( expected, ShardKeyHash.virtualShard( 7, 64 ) );
		assertEquals( expected, ShardKeyHash.virtualShard( (short) 7, 64 ) );
		assertEquals( expected, ShardKeyHash.virtualShard( (byte) 7, 64 ) );
		assertEquals( expected, ShardKeyHash.virtualShard( BigInteger.valueOf( 7 ), 64 ) );
		assertEquals( expected, ShardKeyHash.virtualShard( new BigDecimal( "7.000" ), 64 ) );
	}

	@Test
	void integersAreEightBytesBigEndian() {
		assertArrayEquals( new byte[] { 0, 0, 0, 0, 0, 0, 1, 2 }, ShardKeyHash.canonicalBytes( 258 ) );
		assertArrayEquals( new byte[] { -1, -1, -1, -1, -1, -1, -1, -1 }, ShardKeyHash.canonicalBytes( -1L ) );
	}

	@Test
	void decimalsIgnoreTrailingZeros() {
		assertArrayEquals( "1.5".getBytes( StandardCharsets.UTF_8 ), ShardKeyHash.canonicalBytes( new BigDecimal( "1.50" ) ) );
	}

	@Test
	void datesAreIsoTextAndUtilDatesAreUtcInstants() {
		assertArrayEquals( "2025-03-04".getBytes( StandardCharsets.UTF_8 ), ShardKeyHash.canonicalBytes( LocalDate.of( 2025, 3, 4 ) ) );
		Instant instant = Instant.parse( "2025-01-31T10:15:30Z" );
		assertArrayEquals( ShardKeyHash.canonicalBytes( instant ), ShardKeyHash.canonicalBytes( Date.from( instant ) ) );
	}

	@Test
	void uuidsAreSixteenBytes() {
		UUID uuid = new UUID( 1L, 2L );
		byte[] bytes = ShardKeyHash.canonicalBytes( uuid );
		assertEquals( 16, bytes.length );
		assertEquals( 1, bytes[7] );
		assertEquals( 2, bytes[15] );
	}

	@Test
	void manyKeysSpreadOverAllVirtualShards() {
		Set<Integer> seen = new HashSet<>();
		int[] counts = new int[64];
		for ( int i = 0; i < 64_000; i++ ) {
			int v = ShardKeyHash.virtualShard( "user" + i + "@example.com", 64 );
			seen.add( v );
			counts[v]++;
		}
		assertEquals( 64, seen.size() );
		for ( int count : counts ) {
			// 1,000 expected per virtual shard; a fair hash stays well within ±20%.
			assertTrue( count > 800 && count < 1200, "unbalanced: " + count );
		}
	}

	@Test
	void supportedTypesAreTheOnesWithCanonicalBytes() {
		assertTrue( ShardKeyHash.supports( String.class ) );
		assertTrue( ShardKeyHash.supports( long.class ) );
		assertTrue( ShardKeyHash.supports( UUID.class ) );
		assertTrue( ShardKeyHash.supports( LocalDate.class ) );
		assertFalse( ShardKeyHash.supports( Object.class ) );
		assertFalse( ShardKeyHash.supports( int[].class ) );
	}
}
