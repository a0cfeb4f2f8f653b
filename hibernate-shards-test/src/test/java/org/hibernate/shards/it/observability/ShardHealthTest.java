package org.hibernate.shards.it.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.health.ShardHealth;
import org.hibernate.shards.health.ShardsHealth;
import org.hibernate.shards.it.ShardedFactories;
import org.hibernate.shards.strategy.directory.ShardDirectory;
import org.hibernate.shards.test.MySqlShards;
import org.hibernate.shards.test.ShardDatabases;
import org.junit.jupiter.api.Test;

/**
 * {@code ShardedSessionFactory.health()} tells each shard up or down within its probe's timeout, whatever the shard
 * does: a stopped shard is down at once, a hung one is down once the timeout has passed and does not hang the check;
 * with the partition directory it also tells the version this instance routes by and how long since it read it.
 */
@MySqlShards(value = 2, dedicated = true)
class ShardHealthTest {
	private static final long TIMEOUT_MS = 1_000;
	/** What a check may take beyond its timeout on a busy machine. */
	private static final long SLACK_MS = 1_500;
	private static final Map<String, String> SETTINGS = Map.of( "hibernate.shards.health.timeout_ms", String.valueOf( TIMEOUT_MS ),
			"hibernate.hikari.connectionTimeout", "1000" );

	@Test
	void everyShardIsUpAndThereIsNoDirectoryWithoutOne(ShardDatabases dbs) {
		try ( ShardedSessionFactory factory = ShardedFactories.build( dbs, SETTINGS ) ) {
			ShardsHealth health = factory.health();
			assertTrue( health.allUp(), health.toString() );
			assertEquals( List.of( ShardId.of( 0 ), ShardId.of( 1 ) ), health.shards().stream().map( ShardHealth::shard ).toList() );
			health.shards().forEach( shard -> assertNull( shard.problem() ) );
			assertNull( health.directoryVersion() );
			assertNull( health.sinceDirectoryRead() );
		}
	}

	@Test
	void aStoppedShardIsDownAndTheOtherUpWithinTheTimeout(ShardDatabases dbs) {
		try ( ShardedSessionFactory factory = ShardedFactories.build( dbs, SETTINGS ) ) {
			dbs.get( 1 ).stop();
			try {
				ShardsHealth health = timedHealth( factory );
				assertTrue( health.shards().get( 0 ).up(), health.toString() );
				assertFalse( health.shards().get( 1 ).up(), health.toString() );
				assertNotNull( health.shards().get( 1 ).problem() );
				assertFalse( health.allUp() );
			}
			finally {
				dbs.get( 1 ).start();
			}
			awaitAllUp( factory );
		}
	}

	@Test
	void aFrozenShardIsDownWithoutHangingTheCheckAndUpAgainOnceItAnswers(ShardDatabases dbs) {
		try ( ShardedSessionFactory factory = ShardedFactories.build( dbs, SETTINGS ) ) {
			assertTrue( factory.health().allUp() );
			dbs.get( 1 ).freeze();
			try {
				for ( int check = 0; check < 3; check++ ) {
					// The second and third checks find the first probe still hanging, and wait for it instead of starting more.
					ShardsHealth health = timedHealth( factory );
					assertTrue( health.shards().get( 0 ).up(), health.toString() );
					ShardHealth frozen = health.shards().get( 1 );
					assertFalse( frozen.up(), health.toString() );
					assertNotNull( frozen.problem() ); // no answer in time; or the pool gave up first, and then the shard fails fast
				}
			}
			finally {
				dbs.get( 1 ).thaw();
			}
			awaitAllUp( factory );
		}
	}

	@Test
	void withTheDirectoryItTellsTheVersionRoutedByAndHowLongSinceItWasRead(ShardDatabases dbs) {
		Map<String, String> settings = new java.util.LinkedHashMap<>( SETTINGS );
		settings.putAll( ShardedFactories.controlDatabase( dbs.createExtraDatabase( "control" ) ) );
		try ( ShardedSessionFactory factory = ShardedFactories.build( dbs, settings ) ) {
			ShardsHealth health = factory.health();
			assertTrue( health.allUp(), health.toString() );
			assertEquals( ShardDirectory.of( factory ).version(), health.directoryVersion() );
			// Read at start, and checked again every refresh_seconds (5 by default) at most.
			assertTrue( health.sinceDirectoryRead().compareTo( Duration.ofSeconds( 10 ) ) < 0, health.toString() );
		}
	}

	/** A health check, which must end within the probe's timeout (and some slack), whatever the shards do. */
	private static ShardsHealth timedHealth(ShardedSessionFactory factory) {
		long start = System.nanoTime();
		ShardsHealth health = factory.health();
		long millis = ( System.nanoTime() - start ) / 1_000_000;
		assertTrue( millis < TIMEOUT_MS + SLACK_MS, "the health check took " + millis + " ms" );
		return health;
	}

	/** Waits until every shard is up again: a shard that answers again is found by the next probes. */
	private static void awaitAllUp(ShardedSessionFactory factory) {
		long deadline = System.currentTimeMillis() + 30_000;
		ShardsHealth health = factory.health();
		while ( !health.allUp() ) {
			assertTrue( System.currentTimeMillis() < deadline, "still down 30 s after it answers again: " + health );
			try {
				Thread.sleep( 200 );
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new AssertionError( e );
			}
			health = factory.health();
		}
	}
}
