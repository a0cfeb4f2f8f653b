package org.hibernate.shards.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hibernate.shards.ShardingException;
import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.it.model.Customer;
import org.hibernate.shards.it.model.PurchaseOrder;
import org.hibernate.shards.test.MySqlShards;
import org.hibernate.shards.test.ShardDatabase;
import org.hibernate.shards.test.ShardDatabases;
import org.junit.jupiter.api.Test;

/**
 * With a control database of its own (the partition directory's), the {@code @ShardedId} node lease lives there, not on
 * shard 0: its named lock and its table of limits. When the lease's connection there is killed from the server's side,
 * no two instances ever issue the same id: the instance that lost its node stops issuing until it leases one again,
 * then goes on.
 */
@MySqlShards(2)
class IdLeaseInControlDatabaseTest {
	/** Checked every second, so that the test sees the loss noticed quickly. */
	private static final int LEASE_SECONDS = 5;
	private static final int NODES = 32;

	private static Map<String, String> settings(ShardDatabase control, String hbm2ddl) {
		Map<String, String> properties = new LinkedHashMap<>( ShardedFactories.controlDatabase( control ) );
		properties.put( "hibernate.shards.id.lease_seconds", String.valueOf( LEASE_SECONDS ) );
		properties.put( "hibernate.hbm2ddl.auto", hbm2ddl );
		return properties;
	}

	@Test
	void theLeaseLivesInTheControlDatabaseAndNotOnShardZero(ShardDatabases dbs) throws SQLException {
		ShardDatabase control = dbs.createExtraDatabase( "control" );
		try ( ShardedSessionFactory factory = ShardedFactories.build( dbs, settings( control, "create" ) ) ) {
			Customer customer = ShardedFactories.persist( factory, new Customer( KeyRouting.emailOnShard( 0 ), "leased" ) );
			int node = ShardedIdTest.nodeOf( customer.getId() );
			assertTrue( IdLeaseLocks.holderOf( control, node ) > 0, "the control database holds the node's lock" );
			assertTrue( IdLeaseLocks.recordedLimit( control, node ) > System.currentTimeMillis(), "and the node's limit, ahead of now" );
			assertEquals( 0, IdLeaseLocks.holderOf( dbs.get( 0 ), node ), "shard 0 holds no lock of the lease" );
			assertFalse( IdLeaseLocks.hasLimitsTable( dbs.get( 0 ) ), "nor its table of limits" );
		}
	}

	@Test
	void anInstanceWhoseLeaseConnectionIsKilledStopsIssuingUntilItLeasesANodeAgainAndNoIdIsIssuedTwice(ShardDatabases dbs) throws Exception {
		ShardDatabase control = dbs.createExtraDatabase( "control" );
		// Two customers of one virtual shard: their orders' ids could only differ by node, time and sequence.
		List<String> emails = KeyRouting.emailsOnVirtualShard( 7, 2 );
		try ( ShardedSessionFactory firstFactory = ShardedFactories.build( dbs, settings( control, "create" ) );
				ShardedSessionFactory secondFactory = ShardedFactories.build( dbs, settings( control, "none" ) );
				Connection byHand = control.openConnection() ) {
			Instance first = new Instance( firstFactory, ShardedFactories.persist( firstFactory, new Customer( emails.get( 0 ), "first" ) ) );
			int lost = ShardedIdTest.nodeOf( first.owner.getId() );
			// Every other node is held by hand: the second instance can lease only the node the first loses, and the first none.
			for ( int node = 0; node < NODES; node++ ) {
				assertTrue( node == lost || IdLeaseLocks.lock( byHand, node ), "node " + node + " was free" );
			}
			awaitRenewal( control, lost ); // the first checks its lease again a second later: the second leases the node before
			IdLeaseLocks.killHolder( control, lost );
			Instance second = new Instance( secondFactory, ShardedFactories.persist( secondFactory, new Customer( emails.get( 1 ), "second" ) ) );
			assertEquals( lost, ShardedIdTest.nodeOf( second.owner.getId() ), "the second instance leased the node the first lost" );

			Set<Long> issued = new HashSet<>( List.of( first.owner.getId(), second.owner.getId() ) );
			long deadline = System.currentTimeMillis() + 20_000;
			// Both issue ids in the same milliseconds until the first notices that its lock is gone.
			while ( first.issue( issued ) ) {
				assertTrue( System.currentTimeMillis() < deadline, "the first instance still issued ids long after its lease connection was killed" );
				assertTrue( second.issue( issued ) );
			}
			// Every node is another's: the first issues nothing, however often it is asked, while the second goes on.
			for ( int i = 0; i < 5; i++ ) {
				Thread.sleep( 300 );
				assertFalse( first.issue( issued ), "the first instance issued ids without a lease" );
				assertTrue( second.issue( issued ) );
			}
			int freed = lost == 0 ? 1 : 0;
			IdLeaseLocks.release( byHand, freed );
			while ( !first.issue( issued ) ) {
				assertTrue( System.currentTimeMillis() < deadline, "the first instance did not lease the freed node" );
				assertTrue( second.issue( issued ) );
				Thread.sleep( 100 );
			}
			for ( int i = 0; i < 5; i++ ) {
				assertTrue( first.issue( issued ) );
				assertTrue( second.issue( issued ) );
			}

			assertEquals( Set.of( lost ), second.nodes(), "the second instance issued every id as the node the first lost" );
			assertEquals( lost, ShardedIdTest.nodeOf( first.ids.get( 0 ) ), "the first went on with its node until it noticed" );
			assertEquals( freed, ShardedIdTest.nodeOf( first.ids.get( first.ids.size() - 1 ) ), "then it leased the freed node" );
			long lastOfFirst = first.ids.stream().filter( id -> ShardedIdTest.nodeOf( id ) == lost ).mapToLong( ShardedIdTest::millisOf ).max().orElseThrow();
			long firstOfSecond = second.ids.stream().mapToLong( ShardedIdTest::millisOf ).min().orElseThrow();
			assertTrue( lastOfFirst < firstOfSecond, "the node's ids of the two instances lie in separate milliseconds: the first's end at "
					+ lastOfFirst + ", the second's start at " + firstOfSecond );
			assertEquals( first.committed + second.committed, new ShardRows( dbs ).total( "purchase_order" ), "every order stored once" );
		}
	}

	/** Waits for the holder of a node to renew its lease: its next check is a fifth of the lease away. */
	private static void awaitRenewal(ShardDatabase control, int node) throws SQLException, InterruptedException {
		long limit = IdLeaseLocks.recordedLimit( control, node );
		long deadline = System.currentTimeMillis() + LEASE_SECONDS * 1000L;
		while ( IdLeaseLocks.recordedLimit( control, node ) == limit ) {
			assertTrue( System.currentTimeMillis() < deadline, "the lease of node " + node + " was not renewed" );
			Thread.sleep( 10 );
		}
	}

	/** An application instance that issues ids for orders of its customer, and what it issued. */
	private static final class Instance {
		final ShardedSessionFactory factory;
		final Customer owner;
		final List<Long> ids = new ArrayList<>();
		long committed;

		Instance(ShardedSessionFactory factory, Customer owner) {
			this.factory = factory;
			this.owner = owner;
		}

		/**
		 * Persists ten orders in one transaction; every id issued goes into {@code issued}, which must not have it yet.
		 *
		 * @return {@code false} when the instance refused to issue an id, having no lease (nothing is written then)
		 */
		boolean issue(Set<Long> issued) {
			try ( ShardedSession session = factory.openSession() ) {
				session.beginTransaction();
				try {
					Customer customer = session.find( Customer.class, owner.getId() );
					for ( int i = 0; i < 10; i++ ) {
						PurchaseOrder order = new PurchaseOrder( customer, "o" + ids.size() );
						session.persist( order );
						assertTrue( issued.add( order.getId() ), "id " + order.getId() + " was issued already" );
						ids.add( order.getId() );
					}
				}
				catch (RuntimeException e) {
					session.getTransaction().rollback();
					if ( refusedForWantOfALease( e ) ) {
						return false;
					}
					throw e;
				}
				session.getTransaction().commit();
				committed += 10;
				return true;
			}
		}

		Set<Integer> nodes() {
			Set<Integer> nodes = new HashSet<>();
			ids.forEach( id -> nodes.add( ShardedIdTest.nodeOf( id ) ) );
			return nodes;
		}

		private static boolean refusedForWantOfALease(Throwable e) {
			for ( Throwable cause = e; cause != null; cause = cause.getCause() ) {
				if ( cause instanceof ShardingException && cause.getMessage().contains( "nodes are leased by other application instances" ) ) {
					return true;
				}
			}
			return false;
		}
	}
}
