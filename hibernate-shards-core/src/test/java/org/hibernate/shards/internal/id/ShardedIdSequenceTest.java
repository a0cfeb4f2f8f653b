package org.hibernate.shards.internal.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class ShardedIdSequenceTest {
	private static final long NOW = Instant.parse( "2026-11-21T10:00:00Z" ).toEpochMilli();

	@Test
	void idsCarryTheirVirtualShardTimeAndNode() {
		ShardedIdSequence sequence = new ShardedIdSequence( 1024, () -> NOW, fixed( 17 ) );
		long id = sequence.next( 1023 );
		assertTrue( id > 0 );
		assertEquals( 1023, ShardedIdLayout.virtualShardOf( id ) );
		assertEquals( 17, ShardedIdLayout.nodeOf( id ) );
		assertEquals( Instant.ofEpochMilli( NOW ), ShardedIdLayout.timestampOf( id ) );
	}

	@Test
	void moreThan128IdsInOneMillisecondBorrowTheNextAndStayIncreasing() {
		ShardedIdSequence sequence = new ShardedIdSequence( 4, () -> NOW, fixed( 0 ) );
		long previous = 0;
		for ( int i = 0; i < 1000; i++ ) {
			long id = sequence.next( 2 );
			assertTrue( id > previous, "ids must increase within a virtual shard" );
			assertEquals( 2, ShardedIdLayout.virtualShardOf( id ) );
			previous = id;
		}
		// 1,000 ids at 128 per millisecond reach 7 ms past the clock, never more.
		assertEquals( NOW + 7, ShardedIdLayout.timestampOf( previous ).toEpochMilli() );
	}

	@Test
	void aClockThatGoesBackDoesNotRepeatIds() {
		long[] clock = { NOW };
		ShardedIdSequence sequence = new ShardedIdSequence( 1, () -> clock[0], fixed( 0 ) );
		long before = sequence.next( 0 );
		clock[0] = NOW - 5_000;
		assertTrue( sequence.next( 0 ) > before );
	}

	@Test
	void concurrentGenerationNeverRepeats() throws InterruptedException {
		ShardedIdSequence sequence = new ShardedIdSequence( 8, System::currentTimeMillis, fixed( 3 ) );
		Set<Long> ids = ConcurrentHashMap.newKeySet();
		AtomicInteger generated = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool( 4 );
		for ( int t = 0; t < 4; t++ ) {
			pool.execute( () -> {
				for ( int i = 0; i < 20_000; i++ ) {
					ids.add( sequence.next( i % 8 ) );
					generated.incrementAndGet();
				}
			} );
		}
		pool.shutdown();
		assertTrue( pool.awaitTermination( 30, TimeUnit.SECONDS ) );
		assertEquals( generated.get(), ids.size() );
	}

	@Test
	void idsStayWithinTheSpanTheLeaseGrants() {
		long[] clock = { NOW };
		// A node taken at NOW whose last holder's ids reached NOW + 5 s: ids start after them, and end where the lease does.
		IdNodeLease.Grant grant = new IdNodeLease.Grant( 4, NOW + 5_001, NOW + 11_000, NOW + 10_000, NOW + 4_000 );
		ShardedIdSequence sequence = new ShardedIdSequence( 1, () -> clock[0], now -> grant );
		long first = sequence.next( 0 );
		assertEquals( NOW + 5_001, ShardedIdLayout.timestampOf( first ).toEpochMilli(), "the first id comes after the last holder's" );
		assertEquals( 4, ShardedIdLayout.nodeOf( first ) );
		clock[0] = NOW + 11_000;
		for ( int i = 0; i < 128; i++ ) {
			sequence.next( 0 ); // the millisecond the lease ends with
		}
		assertThrows( org.hibernate.shards.ShardingException.class, () -> sequence.next( 0 ),
				"borrowing past the lease would reach ids whoever takes the node next may issue" );
	}

	@Test
	void theLeaseIsAskedAtEveryIdWithTheTimeOfIt() {
		AtomicInteger asked = new AtomicInteger();
		ShardedIdSequence sequence = new ShardedIdSequence( 2, () -> NOW, now -> {
			assertEquals( NOW, now );
			asked.incrementAndGet();
			return IdNodeLease.Grant.fixed( 5 );
		} );
		assertEquals( 0, asked.get(), "nothing is leased before the first id" );
		Set<Integer> nodes = new HashSet<>();
		for ( int i = 0; i < 10; i++ ) {
			nodes.add( ShardedIdLayout.nodeOf( sequence.next( i % 2 ) ) );
		}
		assertEquals( 10, asked.get() );
		assertEquals( Set.of( 5 ), nodes );
	}

	private static java.util.function.LongFunction<IdNodeLease.Grant> fixed(int node) {
		IdNodeLease.Grant grant = IdNodeLease.Grant.fixed( node );
		return now -> grant;
	}
}
