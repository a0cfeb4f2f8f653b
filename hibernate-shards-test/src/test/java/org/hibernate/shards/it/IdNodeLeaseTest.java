package org.hibernate.shards.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.it.model.Customer;
import org.hibernate.shards.it.model.PurchaseOrder;
import org.hibernate.shards.test.MySqlShards;
import org.hibernate.shards.test.ShardDatabases;
import org.junit.jupiter.api.Test;

/**
 * The {@code @ShardedId} node lease is a named lock on shard 0, which the server drops with its connection. An
 * instance whose lease connection is killed must stop issuing ids with that node before another instance that takes
 * the node issues any: no two instances ever issue the same id.
 */
@MySqlShards(2)
class IdNodeLeaseTest {
	/** Renewed every 2 s: the second instance takes the node well before the first notices it lost it. */
	private static final Map<String, String> LEASE = Map.of( "hibernate.shards.id.lease_seconds", "10", "hibernate.jdbc.batch_size", "50" );

	@Test
	void anInstanceWhoseLeaseConnectionIsKilledNeverIssuesAnIdAnotherInstanceIssues(ShardDatabases dbs) throws Exception {
		Map<String, String> sameTables = new java.util.HashMap<>( LEASE );
		sameTables.put( "hibernate.hbm2ddl.auto", "none" );
		try ( ShardedSessionFactory first = ShardedFactories.build( dbs, LEASE );
				ShardedSessionFactory second = ShardedFactories.build( dbs, sameTables ) ) {
			// Two customers of one virtual shard: their orders' ids could only differ by node, time and sequence.
			List<String> emails = KeyRouting.emailsOnVirtualShard( 7, 2 );
			Customer mine = ShardedFactories.persist( first, new Customer( emails.get( 0 ), "first" ) );
			int node = ShardedIdTest.nodeOf( mine.getId() );
			IdLeaseLocks.killHolder( dbs.get( 0 ), node );
			Customer theirs = ShardedFactories.persist( second, new Customer( emails.get( 1 ), "second" ) ); // takes the node the first lost

			Set<Long> ids = new HashSet<>( List.of( mine.getId(), theirs.getId() ) );
			Set<Integer> nodesOfSecond = new HashSet<>( Set.of( ShardedIdTest.nodeOf( theirs.getId() ) ) );
			List<Integer> nodesOfFirst = new ArrayList<>();
			// Both issue ids in the same milliseconds, for longer than the first needs to notice the loss.
			long until = System.currentTimeMillis() + 5_000;
			try ( ShardedSession a = first.openSession(); ShardedSession b = second.openSession() ) {
				Customer ours = a.find( Customer.class, mine.getId() );
				Customer others = b.find( Customer.class, theirs.getId() );
				int reference = 0;
				while ( System.currentTimeMillis() < until ) {
					a.beginTransaction();
					b.beginTransaction();
					for ( int i = 0; i < 20; i++ ) {
						PurchaseOrder byFirst = new PurchaseOrder( ours, "a" + reference );
						PurchaseOrder bySecond = new PurchaseOrder( others, "b" + reference++ );
						a.persist( byFirst );
						b.persist( bySecond );
						assertTrue( ids.add( byFirst.getId() ), "id " + byFirst.getId() + " of the first instance was issued already" );
						assertTrue( ids.add( bySecond.getId() ), "id " + bySecond.getId() + " of the second instance was issued already" );
						nodesOfFirst.add( ShardedIdTest.nodeOf( byFirst.getId() ) );
						nodesOfSecond.add( ShardedIdTest.nodeOf( bySecond.getId() ) );
					}
					a.getTransaction().commit();
					b.getTransaction().commit();
				}
			}
			assertEquals( Set.of( node ), nodesOfSecond, "the second instance took the node the first lost" );
			assertEquals( node, nodesOfFirst.get( 0 ), "the first instance went on with its node until it noticed" );
			assertNotEquals( node, nodesOfFirst.get( nodesOfFirst.size() - 1 ), "the first instance noticed the loss and leased another node" );
			ShardRows rows = new ShardRows( dbs );
			assertEquals( ids.size() - 2, rows.total( "purchase_order" ), "every order stored once" );
		}
	}
}
