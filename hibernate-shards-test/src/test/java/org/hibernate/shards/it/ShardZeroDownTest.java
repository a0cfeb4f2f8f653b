package org.hibernate.shards.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
 * Shard 0 is special in one way only: it holds the {@code @ShardedId} node lease. While it is down, work routed to
 * the other shards goes on; new sharded ids are issued until the lease runs out, then refused (never issued from a
 * lease that another instance may have taken over), and issued again once shard 0 answers.
 */
@MySqlShards(value = 2, dedicated = true)
class ShardZeroDownTest {

	@Test
	void routedWorkOnOtherShardsGoesOnAndNewShardedIdsStopOnceTheLeaseRunsOut(ShardDatabases dbs) throws InterruptedException {
		try ( ShardedSessionFactory factory = ShardedFactories.build( dbs, Map.of( "hibernate.shards.id.lease_seconds", "2" ) ) ) {
			Customer before = ShardedFactories.persist( factory, new Customer( KeyRouting.emailOnShard( 3 ), "before" ) ); // shard 1 of 2
			dbs.get( 0 ).stop();
			try {
				try ( ShardedSession session = factory.openSession() ) {
					session.inTransaction( tx -> session.find( Customer.class, before.getId() ).setName( "renamed while shard 0 was down" ) );
				}
				ShardUnavailableException refused = awaitRefusal( factory, System.currentTimeMillis() + 10_000 );
				assertEquals( ShardId.of( 0 ), refused.getShardId() );
				assertTrue( refused.getMessage().contains( "lease" ), refused.getMessage() );
			}
			finally {
				dbs.get( 0 ).start();
			}
			try ( ShardedSession session = factory.openSession() ) {
				assertEquals( "renamed while shard 0 was down", session.find( Customer.class, before.getId() ).getName() );
			}
			Customer after = ShardedFactories.persist( factory, new Customer( KeyRouting.emailOnShard( 3 ), "after" ) );
			assertNotNull( after.getId(), "ids are issued again once shard 0 answers" );
			assertEquals( 2, new ShardRows( dbs ).total( "customer" ), "the refused customer was not written" );
		}
	}

	/** Persists new customers on shard 1 until one is refused; each one persisted meanwhile was within the lease. */
	private static ShardUnavailableException awaitRefusal(ShardedSessionFactory factory, long deadline) throws InterruptedException {
		while ( System.currentTimeMillis() < deadline ) {
			Customer customer = new Customer( KeyRouting.emailOnShard( 3 ), "during" );
			try ( ShardedSession session = factory.openSession() ) {
				session.beginTransaction();
				session.persist( customer );
				session.getTransaction().rollback(); // only whether an id is issued matters here
			}
			catch (RuntimeException e) {
				for ( Throwable cause = e; cause != null; cause = cause.getCause() ) {
					if ( cause instanceof ShardUnavailableException unavailable ) {
						return unavailable;
					}
				}
				throw e;
			}
			Thread.sleep( 200 );
		}
		fail( "new sharded ids were still issued 10 s after shard 0 went down, with a 2 s lease" );
		return null;
	}
}
