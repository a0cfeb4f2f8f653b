package org.hibernate.shards.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.hibernate.shards.CrossShardAssociationException;
import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.it.model.Customer;
import org.hibernate.shards.it.model.OrderLine;
import org.hibernate.shards.it.model.PurchaseOrder;
import org.hibernate.shards.test.MySqlShards;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A reference from an entity on one shard to an entity on another cannot be joined or constrained by either
 * database; such writes are refused before anything is written, unless the check is switched off.
 * {@code Customer.referredBy} is the model's non-key association between customers.
 */
@MySqlShards(4)
class CrossShardAssociationTest {

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

		@Test
		void newEntityReferencingAnEntityOnAnotherShardFailsAtPersistAndNothingIsWritten() {
			Customer referrer = persistCustomerOn( 1 );
			Customer referred = new Customer( KeyRouting.emailOnShard( 0 ), "Referred across shards" );
			try ( ShardedSession session = factory.openSession() ) {
				session.beginTransaction();
				referred.setReferredBy( session.find( Customer.class, referrer.getId() ) );
				CrossShardAssociationException failure = assertThrows( CrossShardAssociationException.class,
						() -> {
							session.persist( referred );
							session.flush();
						} );
				assertTrue( failure.getMessage().contains( "referredBy" ), failure.getMessage() );
				assertTrue( failure.getMessage().contains( "shard 0" ) && failure.getMessage().contains( "shard 1" ), failure.getMessage() );
				session.getTransaction().rollback();
			}
			assertEquals( List.of(), rows.shardsWhere( "select count(*) from customer where email = ?", referred.getEmail() ) );
			assertEquals( 1L, rows.total( "customer" ) );
		}

		@Test
		void referenceToAProxyOfAnotherShardIsRefusedToo() {
			Customer referrer = persistCustomerOn( 3 );
			Customer referred = new Customer( KeyRouting.emailOnShard( 2 ), "Referred by a proxy" );
			try ( ShardedSession session = factory.openSession() ) {
				session.beginTransaction();
				referred.setReferredBy( session.getReference( Customer.class, referrer.getId() ) );
				assertThrows( CrossShardAssociationException.class, () -> {
					session.persist( referred );
					session.flush();
				} );
				session.getTransaction().rollback();
			}
			assertEquals( 1L, rows.total( "customer" ) );
		}

		@Test
		void referenceSetOnAManagedEntityFailsAtCommitAndNothingIsWritten() {
			Customer referred = persistCustomerOn( 0 );
			Customer referrer = persistCustomerOn( 2 );
			try ( ShardedSession session = factory.openSession() ) {
				session.beginTransaction();
				Customer loaded = session.find( Customer.class, referred.getId() );
				loaded.setName( "Renamed with the bad reference" );
				loaded.setReferredBy( session.find( Customer.class, referrer.getId() ) );
				assertThrows( CrossShardAssociationException.class, () -> session.getTransaction().commit() );
			}
			assertNull( rows.single( 0, "select referred_by_id from customer where id = ?", referred.getId() ) );
			assertEquals( referred.getName(), rows.single( 0, "select name from customer where id = ?", referred.getId() ) );
		}

		@Test
		void anEntityOfAnotherShardAddedToALoadedCascadingCollectionIsRefusedAsCrossShardAndNothingIsWritten() {
			PurchaseOrder onOne = persistOrderWithALineOn( 1 );
			PurchaseOrder onTwo = persistOrderWithALineOn( 2 );
			try ( ShardedSession session = factory.openSession() ) {
				session.beginTransaction();
				PurchaseOrder one = session.find( PurchaseOrder.class, onOne.getId() );
				OrderLine foreign = session.find( PurchaseOrder.class, onTwo.getId() ).getLines().get( 0 );
				one.getLines().add( foreign ); // PurchaseOrder.lines cascades ALL: the flush of shard 1 would persist it there
				one.setStatus( "CHANGED" );
				CrossShardAssociationException failure = assertThrows( CrossShardAssociationException.class,
						() -> session.getTransaction().commit(), "not Hibernate's 'detached entity passed to persist'" );
				assertTrue( failure.getMessage().contains( "OrderLine#" + foreign.getId() ) && failure.getMessage().contains( "shard 1" )
						&& failure.getMessage().contains( "shard 2" ), failure.getMessage() );
			}
			assertEquals( List.of( 0L, 1L, 1L, 0L ), rows.countsPerShard( "order_line" ), "no line was copied" );
			assertEquals( "NEW", rows.single( 1, "select status from purchase_order where id = ?", onOne.getId() ), "nothing was written" );
		}

		@Test
		void aDetachedEntityOfAnotherShardCascadedFromANewEntityIsRefusedAsCrossShard() {
			PurchaseOrder onTwo = persistOrderWithALineOn( 2 );
			OrderLine detached;
			try ( ShardedSession session = factory.openSession() ) {
				detached = session.find( PurchaseOrder.class, onTwo.getId() ).getLines().get( 0 );
			}
			Customer customer = persistCustomerOn( 3 );
			try ( ShardedSession session = factory.openSession() ) {
				session.beginTransaction();
				PurchaseOrder order = new PurchaseOrder( session.find( Customer.class, customer.getId() ), "with a stolen line" );
				order.getLines().add( detached );
				assertThrows( CrossShardAssociationException.class, () -> {
					session.persist( order );
					session.flush();
				} );
				session.getTransaction().rollback();
			}
			assertEquals( 0L, rows.countsPerShard( "purchase_order" ).get( 3 ), "nothing was written" );
			assertEquals( List.of( 0L, 0L, 1L, 0L ), rows.countsPerShard( "order_line" ) );
		}

		private PurchaseOrder persistOrderWithALineOn(int shard) {
			Customer customer = persistCustomerOn( shard );
			PurchaseOrder order = new PurchaseOrder( customer, "order on " + shard );
			order.addLine( "SKU-" + shard, 1, java.math.BigDecimal.TEN );
			inTransaction( session -> session.persist( order ) );
			return order;
		}

		@Test
		void referenceWithinOneShardIsWritten() {
			Customer referrer = persistCustomerOn( 2 );
			Customer referred = new Customer( KeyRouting.emailOnShard( 2 ), "Referred on the same shard" );
			inTransaction( session -> {
				referred.setReferredBy( session.find( Customer.class, referrer.getId() ) );
				session.persist( referred );
			} );
			assertEquals( List.of( 2 ), rows.shardsHolding( "customer", referred.getId() ) );
			assertEquals( referrer.getId(), rows.count( 2, "select referred_by_id from customer where id = ?", referred.getId() ) );
		}

		@Test
		void withTheCheckSwitchedOffTheCrossShardReferenceIsWritten() {
			Customer referrer = persistCustomerOn( 1 );
			Customer referred = new Customer( KeyRouting.emailOnShard( 0 ), "Referred, unchecked" );
			Map<String, String> unchecked = Map.of(
					"hibernate.hbm2ddl.auto", "none",
					"hibernate.shards.access_strategy", accessStrategy,
					"hibernate.shards.cross_shard_relationship_checks", "false" );
			try ( ShardedSessionFactory uncheckedFactory = ShardedFactories.build( dbs, unchecked ) ) {
				try ( ShardedSession session = uncheckedFactory.openSession() ) {
					session.beginTransaction();
					referred.setReferredBy( session.find( Customer.class, referrer.getId() ) );
					session.persist( referred );
					session.getTransaction().commit();
				}
			}
			assertEquals( List.of( 0 ), rows.shardsHolding( "customer", referred.getId() ) );
			assertEquals( referrer.getId(), rows.count( 0, "select referred_by_id from customer where id = ?", referred.getId() ),
					"without the check, shard 0 holds a reference to a row that only shard 1 has" );
			assertEquals( List.of( 1 ), rows.shardsHolding( "customer", referrer.getId() ) );

			// The same write through the checked factory is refused.
			Customer again = new Customer( KeyRouting.emailOnShard( 0 ), "Referred, checked" );
			try ( ShardedSession session = factory.openSession() ) {
				session.beginTransaction();
				again.setReferredBy( session.find( Customer.class, referrer.getId() ) );
				assertThrows( CrossShardAssociationException.class, () -> {
					session.persist( again );
					session.flush();
				} );
				session.getTransaction().rollback();
			}
			assertEquals( List.of(), rows.shardsWhere( "select count(*) from customer where email = ?", again.getEmail() ) );
		}
	}
}
