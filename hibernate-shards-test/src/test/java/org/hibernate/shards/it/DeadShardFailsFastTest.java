package org.hibernate.shards.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardUnavailableException;
import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.it.model.Customer;
import org.hibernate.shards.test.MySqlShards;
import org.hibernate.shards.test.ShardDatabases;
import org.junit.jupiter.api.Test;

/**
 * A shard that just failed to give a connection is remembered: the requests that follow fail at once, not after the
 * pool's connection timeout each, so work on the live shards keeps its pace; a background probe finds the shard as
 * soon as it answers again, without waiting out the fail-fast interval.
 */
@MySqlShards(value = 2, dedicated = true)
class DeadShardFailsFastTest {
	private static final ShardId DEAD = ShardId.of( 1 );

	@Test
	void requestsToAShardThatJustFailedFailAtOnceAndItIsUsedAgainAsSoonAsItAnswers(ShardDatabases dbs) throws InterruptedException {
		// A fail-fast interval far longer than the test: only the background probe can end it.
		try ( ShardedSessionFactory factory = ShardedFactories.build( dbs, Map.of( "hibernate.shards.fail_fast_ms", "600000" ) ) ) {
			Customer onDead = persist( factory, new Customer( KeyRouting.emailOnShard( 3 ), "on the dead shard" ) ); // shard 1 of 2
			Customer onLive = persist( factory, new Customer( KeyRouting.emailOnShard( 0 ), "on the live shard" ) );
			dbs.get( DEAD.getId() ).stop();
			try {
				ShardUnavailableException first = assertThrows( ShardUnavailableException.class, () -> find( factory, onDead ) );
				assertEquals( DEAD, first.getShardId() );

				long start = System.nanoTime();
				for ( int i = 0; i < 10; i++ ) {
					ShardUnavailableException fast = assertThrows( ShardUnavailableException.class, () -> find( factory, onDead ) );
					assertEquals( DEAD, fast.getShardId() );
					assertTrue( fast.getMessage().contains( "hibernate.shards.fail_fast_ms" ), fast.getMessage() );
					assertEquals( "on the live shard", find( factory, onLive ).getName(), "the live shard answers in between" );
				}
				long millis = ( System.nanoTime() - start ) / 1_000_000;
				assertTrue( millis < 3_000, "ten requests to the dead shard took " + millis + " ms: they waited instead of failing at once "
						+ "(one connection timeout is 3,000 ms)" );
			}
			finally {
				dbs.get( DEAD.getId() ).start();
			}
			long deadline = System.currentTimeMillis() + 20_000;
			while ( true ) {
				try {
					assertEquals( "on the dead shard", find( factory, onDead ).getName() );
					break;
				}
				catch (ShardUnavailableException stillFailingFast) {
					if ( System.currentTimeMillis() > deadline ) {
						fail( "The shard answered again but was not used within 20 s: " + stillFailingFast.getMessage() );
					}
					Thread.sleep( 100 );
				}
			}
		}
	}

	private static Customer find(ShardedSessionFactory factory, Customer customer) {
		try ( ShardedSession session = factory.openSession() ) {
			return session.find( Customer.class, customer.getId() );
		}
	}

	private static Customer persist(ShardedSessionFactory factory, Customer customer) {
		try ( ShardedSession session = factory.openSession() ) {
			session.inTransaction( tx -> session.persist( customer ) );
			return customer;
		}
	}
}
