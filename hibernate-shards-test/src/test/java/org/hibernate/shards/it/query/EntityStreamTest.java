package org.hibernate.shards.it.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.hibernate.Hibernate;
import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.it.ShardedSessionFixture;
import org.hibernate.shards.it.model.Customer;
import org.hibernate.shards.it.model.PurchaseOrder;
import org.hibernate.shards.test.MySqlShards;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * While an entity stream is read, the caller uses the session as with a list: it touches lazy associations (each a
 * statement on the shard the stream reads) and runs other queries. The stream's rows must not hold the connection,
 * routed to one shard or merged from several. (As with plain Hibernate, this is inside a transaction: outside one, the
 * session's next statement closes an open result.)
 */
@MySqlShards(4)
class EntityStreamTest {

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

		/** Three orders for one customer on each shard; @return the customers, by shard */
		private List<Customer> ordersOnEveryShard() {
			List<Customer> customers = new ArrayList<>();
			for ( int shard = 0; shard < dbs.size(); shard++ ) {
				Customer customer = persistCustomerOn( shard );
				customers.add( customer );
				inTransaction( session -> {
					Customer managed = session.find( Customer.class, customer.getId() );
					for ( int i = 0; i < 3; i++ ) {
						session.persist( new PurchaseOrder( managed, "order " + i + " of " + customer.getEmail() ) );
					}
				} );
			}
			return customers;
		}

		@Test
		void aRoutedEntityStreamLetsTheCallerLoadLazyAssociationsAndQueryTheSameShard() {
			Customer customer = ordersOnEveryShard().get( 1 );
			List<String> seen = new ArrayList<>();
			try ( ShardedSession session = factory.openSession() ) {
				session.beginTransaction();
				Stream<PurchaseOrder> orders = session.createQuery(
							"from PurchaseOrder o where o.customer.id = :c order by o.reference", PurchaseOrder.class )
							.setParameter( "c", customer.getId() ).getResultStream();
				orders.forEach( order -> {
					Customer owner = order.getCustomer();
					Hibernate.initialize( owner );
					long count = session.createQuery( "select count(o) from PurchaseOrder o where o.customer.id = :c", Long.class )
							.setParameter( "c", owner.getId() ).getSingleResult();
					seen.add( order.getReference() + " by " + owner.getName() + " of " + count );
				} );
				orders.close();
			}
			assertEquals( List.of( "order 0 of " + customer.getEmail() + " by " + customer.getName() + " of 3",
					"order 1 of " + customer.getEmail() + " by " + customer.getName() + " of 3",
					"order 2 of " + customer.getEmail() + " by " + customer.getName() + " of 3" ), seen );
		}

		@Test
		void aMergedEntityStreamLetsTheCallerLoadLazyAssociationsAndFindOnEveryShard() {
			List<Customer> customers = ordersOnEveryShard();
			List<String> seen = new ArrayList<>();
			try ( ShardedSession session = factory.openSession() ) {
				session.beginTransaction();
				Stream<PurchaseOrder> orders = session.createQuery( "from PurchaseOrder o order by o.reference", PurchaseOrder.class )
						.getResultStream();
				orders.forEach( order -> {
					Customer owner = order.getCustomer();
					Hibernate.initialize( owner );
					Customer found = session.find( Customer.class, owner.getId() );
					seen.add( order.getReference() + " by " + found.getName() );
				} );
				orders.close();
			}
			List<String> expected = new ArrayList<>();
			for ( Customer customer : customers ) {
				for ( int i = 0; i < 3; i++ ) {
					expected.add( "order " + i + " of " + customer.getEmail() + " by " + customer.getName() );
				}
			}
			expected.sort( null );
			assertEquals( expected, seen );
		}
	}
}
