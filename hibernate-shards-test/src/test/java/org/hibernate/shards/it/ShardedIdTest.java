package org.hibernate.shards.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.it.model.Customer;
import org.hibernate.shards.it.model.OrderLine;
import org.hibernate.shards.it.model.PurchaseOrder;
import org.hibernate.shards.test.MySqlShards;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@code @ShardedId} values on 4 real shards. The layout is the documented one (see {@code @ShardedId}): from the most
 * significant bit, 1 zero bit, 41 bits of milliseconds since 2025-01-01T00:00Z, 5 bits of node, 7 bits of sequence and
 * 10 bits of virtual shard.
 */
@MySqlShards(4)
class ShardedIdTest {
	private static final long EPOCH_MILLIS = Instant.parse( "2025-01-01T00:00:00Z" ).toEpochMilli();

	static int virtualShardOf(long id) {
		return (int) ( id & 1023 );
	}

	static int nodeOf(long id) {
		return (int) ( ( id >>> 17 ) & 31 );
	}

	static long millisOf(long id) {
		return ( id >>> 22 ) + EPOCH_MILLIS;
	}

	@Nested
	class Sequential extends Cases {
		Sequential() {
			super( "sequential" );
		}
	}

	@Nested
	class Parallel extends Cases {
		Parallel() {
			super( "parallel" );
		}
	}

	abstract static class Cases extends ShardedSessionFixture {
		Cases(String accessStrategy) {
			super( accessStrategy );
		}

		@Override
		protected Map<String, String> extraProperties() {
			return Map.of( "hibernate.jdbc.batch_size", "100" );
		}

		private List<Customer> persistMany(ShardedSessionFactory on, String prefix, int count) {
			List<Customer> customers = new ArrayList<>( count );
			for ( int i = 0; i < count; i++ ) {
				customers.add( new Customer( prefix + "-" + i + "-" + System.nanoTime() + "@example.com", prefix + " " + i ) );
			}
			try ( ShardedSession session = on.openSession() ) {
				session.beginTransaction();
				customers.forEach( session::persist );
				session.getTransaction().commit();
			}
			return customers;
		}

		@Test
		void idsAreUniqueAcrossShardsOrderedPerVirtualShardAndNameTheShardThatHoldsTheRow() {
			long before = System.currentTimeMillis();
			List<Customer> customers = persistMany( factory, "many", 2000 );
			long after = System.currentTimeMillis();

			List<Long> ids = customers.stream().map( Customer::getId ).toList();
			assertEquals( 2000, new HashSet<>( ids ).size(), "2,000 ids, all distinct" );

			Map<Integer, Long> lastPerVirtualShard = new HashMap<>();
			for ( Customer customer : customers ) {
				long id = customer.getId();
				assertTrue( id > 0, "ids are positive" );
				int virtualShard = virtualShardOf( id );
				assertEquals( KeyRouting.virtualShard( customer.getEmail() ), virtualShard, "the id carries its key's virtual shard" );
				Long last = lastPerVirtualShard.put( virtualShard, id );
				assertTrue( last == null || id > last, "ids of one virtual shard increase in the order they were generated" );
				long millis = millisOf( id );
				assertTrue( millis >= before && millis <= after + 1_000,
						"the id's time " + Instant.ofEpochMilli( millis ) + " is when it was generated, between "
								+ Instant.ofEpochMilli( before ) + " and " + Instant.ofEpochMilli( after ) );
			}

			Map<Long, Integer> shardOfId = new HashMap<>();
			for ( int shard = 0; shard < 4; shard++ ) {
				List<Long> stored = rows.ids( shard, "customer" );
				assertTrue( stored.size() > 400, "2,000 hashed keys spread over every shard, shard " + shard + " has " + stored.size() );
				for ( long id : stored ) {
					assertEquals( shard, factory.getShardIdForVirtualShard( virtualShardOf( id ) ).getId(),
							"the id's virtual shard maps to the shard that holds row " + id );
					shardOfId.put( id, shard );
				}
			}
			assertEquals( new HashSet<>( ids ), shardOfId.keySet(), "every id is stored exactly once" );
		}

		@Test
		void idsOfALaterSessionAreGreaterThanEarlierOnesOfTheSameVirtualShard() throws InterruptedException {
			List<Customer> first = persistMany( factory, "first", 300 );
			Thread.sleep( 5 );
			List<Customer> second = persistMany( factory, "second", 300 );
			Map<Integer, Long> maxOfFirst = new HashMap<>();
			for ( Customer c : first ) {
				maxOfFirst.merge( virtualShardOf( c.getId() ), c.getId(), Math::max );
			}
			int compared = 0;
			for ( Customer c : second ) {
				Long earlier = maxOfFirst.get( virtualShardOf( c.getId() ) );
				if ( earlier != null ) {
					assertTrue( c.getId() > earlier, "an id generated later is greater than every earlier id of its virtual shard" );
					compared++;
				}
			}
			assertTrue( compared > 100, "enough virtual shards in common to compare: " + compared );
			long lastMillisOfFirst = first.stream().mapToLong( c -> millisOf( c.getId() ) ).max().orElseThrow();
			long firstMillisOfSecond = second.stream().mapToLong( c -> millisOf( c.getId() ) ).min().orElseThrow();
			assertTrue( firstMillisOfSecond >= lastMillisOfFirst, "the time in later ids is not earlier" );
		}

		@Test
		void keylessChildrenGetIdsOfTheirParentsVirtualShard() {
			Customer customer = new Customer( KeyRouting.emailOnShard( 1 ), "Parent" );
			PurchaseOrder order = new PurchaseOrder( customer, "PO-ids" );
			for ( int i = 0; i < 5; i++ ) {
				order.addLine( "SKU-" + i, i + 1, BigDecimal.ONE );
			}
			inTransaction( session -> {
				session.persist( customer );
				session.persist( order );
			} );
			int virtualShard = KeyRouting.virtualShard( customer.getEmail() );
			assertEquals( virtualShard, virtualShardOf( customer.getId() ) );
			assertEquals( virtualShard, virtualShardOf( order.getId() ) );
			for ( OrderLine line : order.getLines() ) {
				assertEquals( virtualShard, virtualShardOf( line.getId() ) );
			}
			assertEquals( 5, rows.count( 1, "select count(*) from order_line" ) );
		}

		@Test
		void twoFactoriesSharingTheShardsUseDifferentNodesAndNeverCollide() {
			Map<String, String> sameTables = Map.of( "hibernate.hbm2ddl.auto", "none", "hibernate.jdbc.batch_size", "100" );
			try ( ShardedSessionFactory other = ShardedFactories.build( dbs, sameTables ) ) {
				// Interleave the two factories' sessions so that both generate ids in the same milliseconds.
				Set<Long> ids = new HashSet<>();
				Set<Integer> nodesOfMine = new HashSet<>();
				Set<Integer> nodesOfOther = new HashSet<>();
				try ( ShardedSession mine = factory.openSession(); ShardedSession theirs = other.openSession() ) {
					mine.beginTransaction();
					theirs.beginTransaction();
					// All keys of one virtual shard: equal ids would be possible if the nodes were equal.
					List<String> emails = KeyRouting.emailsOnVirtualShard( 42, 600 );
					for ( int i = 0; i < 300; i++ ) {
						Customer a = new Customer( emails.get( 2 * i ), "mine" );
						Customer b = new Customer( emails.get( 2 * i + 1 ), "theirs" );
						mine.persist( a );
						theirs.persist( b );
						assertTrue( ids.add( a.getId() ) );
						assertTrue( ids.add( b.getId() ), "id " + b.getId() + " of the other factory was already generated" );
						nodesOfMine.add( nodeOf( a.getId() ) );
						nodesOfOther.add( nodeOf( b.getId() ) );
					}
					mine.getTransaction().commit();
					theirs.getTransaction().commit();
				}
				assertEquals( 1, nodesOfMine.size() );
				assertEquals( 1, nodesOfOther.size() );
				assertNotEquals( nodesOfMine, nodesOfOther, "each factory leased its own node" );
				assertEquals( 600L, rows.total( "customer" ) );
			}
		}
	}
}
