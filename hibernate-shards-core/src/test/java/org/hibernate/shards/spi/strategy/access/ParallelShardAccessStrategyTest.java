package org.hibernate.shards.spi.strategy.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardUnavailableException;
import org.junit.jupiter.api.Test;

class ParallelShardAccessStrategyTest {
	private static final List<ShardId> FOUR = List.of( ShardId.of( 0 ), ShardId.of( 1 ), ShardId.of( 2 ), ShardId.of( 3 ) );

	@Test
	void everyShardRunsAndTheExitStrategySeesAllResultsOnTheCallingThread() {
		try ( ParallelShardAccessStrategy access = new ParallelShardAccessStrategy( 4, Duration.ofSeconds( 10 ) ) ) {
			List<String> threads = java.util.Collections.synchronizedList( new ArrayList<>() );
			List<Integer> results = new ArrayList<>();
			Thread caller = Thread.currentThread();
			access.apply( FOUR, shard -> {
				threads.add( Thread.currentThread().getName() );
				return shard.getId() * 10;
			}, (shard, result) -> {
				assertSame( caller, Thread.currentThread() );
				results.add( result );
				return false;
			} );
			results.sort( null );
			assertEquals( List.of( 0, 10, 20, 30 ), results );
			// Every shard runs on the pool, so that one deadline covers them all the same way.
			assertEquals( 4, threads.stream().filter( name -> name.startsWith( "hibernate-shards-" ) ).count(), threads.toString() );
		}
	}

	@Test
	void aShardThatDoesNotAnswerInTimeFailsTheCallNamingIt() {
		try ( ParallelShardAccessStrategy access = new ParallelShardAccessStrategy( 4, Duration.ofMillis( 200 ) ) ) {
			ShardUnavailableException e = assertThrows( ShardUnavailableException.class, () -> access.apply( FOUR, shard -> {
				if ( shard.getId() == 2 ) {
					sleep( 10_000 );
				}
				return shard;
			}, (shard, result) -> false ) );
			assertEquals( ShardId.of( 2 ), e.getShardId() );
			assertTrue( e.getMessage().contains( "[shard 2]" ), e.getMessage() );
		}
	}

	@Test
	void theFirstShardIsUnderTheDeadlineToo() {
		try ( ParallelShardAccessStrategy access = new ParallelShardAccessStrategy( 4, Duration.ofMillis( 200 ) ) ) {
			ShardUnavailableException e = assertThrows( ShardUnavailableException.class, () -> access.apply( FOUR, shard -> {
				if ( shard.getId() == 0 ) {
					sleep( 10_000 );
				}
				return shard;
			}, (shard, result) -> false ) );
			assertEquals( ShardId.of( 0 ), e.getShardId() );
		}
	}

	@Test
	void timeQueuedBehindOtherWorkDoesNotCountAgainstAShard() {
		// One thread for four shards of 150 ms each: 600 ms in all, each well within its 400 ms from its own start.
		try ( ParallelShardAccessStrategy access = new ParallelShardAccessStrategy( 1, Duration.ofMillis( 400 ) ) ) {
			List<ShardId> answered = java.util.Collections.synchronizedList( new ArrayList<>() );
			access.apply( FOUR, shard -> {
				sleep( 150 );
				return shard;
			}, (shard, result) -> answered.add( shard ) && false );
			assertEquals( 4, answered.size() );
		}
	}

	@Test
	void noWorkOutlivesACallThatTimedOut() {
		try ( ParallelShardAccessStrategy access = new ParallelShardAccessStrategy( 4, Duration.ofMillis( 100 ) ) ) {
			Set<ShardId> running = ConcurrentHashMap.newKeySet();
			assertThrows( ShardUnavailableException.class, () -> access.apply( FOUR, shard -> {
				running.add( shard );
				try {
					if ( shard.getId() == 2 ) {
						// Work that ignores interruption, as a blocked JDBC read does until its socket timeout.
						long end = System.nanoTime() + 400_000_000L;
						while ( System.nanoTime() < end ) {
							Thread.onSpinWait();
						}
					}
					return shard;
				}
				finally {
					running.remove( shard );
				}
			}, (shard, result) -> false ) );
			assertTrue( running.isEmpty(), "work still running after the call returned: " + running );
		}
	}

	@Test
	void aShardFailureIsRethrownAsItIs() {
		try ( ParallelShardAccessStrategy access = new ParallelShardAccessStrategy( 2, Duration.ofSeconds( 10 ) ) ) {
			IllegalStateException failure = new IllegalStateException( "boom on 3" );
			IllegalStateException thrown = assertThrows( IllegalStateException.class, () -> access.apply( FOUR, shard -> {
				if ( shard.getId() == 3 ) {
					throw failure;
				}
				return shard;
			}, (shard, result) -> false ) );
			assertSame( failure, thrown );
		}
	}

	@Test
	void anEarlyExitIgnoresLaterResultsButLetsRunningShardsFinishBeforeReturning() {
		try ( ParallelShardAccessStrategy access = new ParallelShardAccessStrategy( 4, Duration.ofSeconds( 30 ) ) ) {
			Set<ShardId> started = ConcurrentHashMap.newKeySet();
			Set<ShardId> finished = ConcurrentHashMap.newKeySet();
			List<ShardId> answered = new ArrayList<>();
			access.apply( FOUR, shard -> {
				started.add( shard );
				if ( shard.getId() != 1 ) {
					sleep( 300 );
				}
				finished.add( shard );
				return shard;
			}, (shard, result) -> answered.add( shard ) );
			assertEquals( 1, answered.size(), "results after the exit are not delivered: " + answered );
			// Shard sessions are not thread-safe: no shard operation may still run once the call has returned (work that had
			// not started yet never starts).
			assertEquals( Set.copyOf( started ), Set.copyOf( finished ) );
			assertTrue( started.size() > 1, "shards ran side by side: " + started );
		}
	}

	@Test
	void sequentialAccessStopsAtTheFirstHitInShardOrder() {
		List<ShardId> asked = new ArrayList<>();
		new SequentialShardAccessStrategy().apply( FOUR, shard -> {
			asked.add( shard );
			return shard.getId() == 1 ? "found" : null;
		}, (shard, result) -> result != null );
		assertEquals( List.of( ShardId.of( 0 ), ShardId.of( 1 ) ), asked );
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep( millis );
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
