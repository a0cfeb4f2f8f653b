package org.hibernate.shards.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.persistence.RollbackException;
import org.hibernate.shards.ShardKeyException;
import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.it.model.Customer;
import org.hibernate.shards.it.model.PurchaseOrder;
import org.hibernate.shards.test.MySqlShards;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The shard key must be set when an entity is persisted and must never change: otherwise the row would be written
 * to no shard, or to a shard where nobody will look for it. Each refusal happens before anything is written
 * (checked with JDBC on every shard).
 */
@MySqlShards(4)
class ShardKeyRulesTest {

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

		private String emailOf(int shard, Customer customer) {
			return (String) rows.single( shard, "select email from customer where id = ?", customer.getId() );
		}

		@Test
		void nullShardKeyFailsAtPersistAndNothingIsWritten() {
			Customer valid = new Customer( KeyRouting.emailOnShard( 0 ), "Valid" );
			Customer keyless = new Customer( null, "No e-mail" );
			try ( ShardedSession session = factory.openSession() ) {
				session.beginTransaction();
				session.persist( valid );
				ShardKeyException failure = assertThrows( ShardKeyException.class, () -> session.persist( keyless ) );
				assertTrue( failure.getMessage().contains( "Customer.email" ), failure.getMessage() );
				assertTrue( session.getTransaction().getRollbackOnly(), "the failed persist marks the transaction for rollback" );
				assertThrows( RollbackException.class, () -> session.getTransaction().commit() );
			}
			assertEquals( 0L, rows.total( "customer" ), "nothing is written, on any shard" );
		}

		@Test
		void nullAssociationShardKeyFailsAtPersistAndNothingIsWritten() {
			PurchaseOrder orphan = new PurchaseOrder( null, "PO-orphan" );
			try ( ShardedSession session = factory.openSession() ) {
				session.beginTransaction();
				ShardKeyException failure = assertThrows( ShardKeyException.class, () -> session.persist( orphan ) );
				assertTrue( failure.getMessage().contains( "PurchaseOrder.customer" ), failure.getMessage() );
				session.getTransaction().rollback();
			}
			assertEquals( 0L, rows.total( "purchase_order" ) );
		}

		@Test
		void changingTheKeyOfAManagedEntityFailsAtCommitAndNothingIsWritten() {
			Customer moved = persistCustomerOn( 2 );
			Customer bystander = persistCustomerOn( 0 ); // flushed before shard 2: its UPDATE runs, then must be rolled back
			String newEmail = KeyRouting.emailOnShard( 3 );
			try ( ShardedSession session = factory.openSession() ) {
				session.beginTransaction();
				session.find( Customer.class, bystander.getId() ).setName( "Changed in the same transaction" );
				session.find( Customer.class, moved.getId() ).setEmail( newEmail );
				ShardKeyException failure = assertThrows( ShardKeyException.class, () -> session.getTransaction().commit() );
				assertTrue( failure.getMessage().contains( "Customer.email" ), failure.getMessage() );
			}
			assertEquals( moved.getEmail(), emailOf( 2, moved ), "the row keeps its key on its shard" );
			assertEquals( List.of(), rows.shardsWhere( "select count(*) from customer where email = ?", newEmail ),
					"no copy under the new key on any shard" );
			assertEquals( bystander.getName(), rows.single( 0, "select name from customer where id = ?", bystander.getId() ),
					"the other shard's change in the same transaction is not committed either" );
			assertEquals( 2L, rows.total( "customer" ) );
		}

		@Test
		void changingTheKeyOfAManagedEntityFailsAtFlush() {
			Customer moved = persistCustomerOn( 1 );
			// A new key of the same physical shard is refused too: the key is fixed once persisted.
			String sameShardEmail = KeyRouting.emailOnShard( 1 );
			try ( ShardedSession session = factory.openSession() ) {
				session.beginTransaction();
				session.find( Customer.class, moved.getId() ).setEmail( sameShardEmail );
				assertThrows( ShardKeyException.class, session::flush );
				session.getTransaction().rollback();
			}
			assertEquals( moved.getEmail(), emailOf( 1, moved ) );
			assertEquals( 1L, rows.total( "customer" ) );
		}

		@Test
		void changingTheAssociationKeyOfAManagedEntityFailsAtCommit() {
			Customer owner = persistCustomerOn( 0 );
			Customer other = persistCustomerOn( 3 );
			PurchaseOrder order = new PurchaseOrder( owner, "PO-move" );
			inTransaction( session -> session.persist( order ) );
			try ( ShardedSession session = factory.openSession() ) {
				session.beginTransaction();
				PurchaseOrder loaded = session.find( PurchaseOrder.class, order.getId() );
				loaded.setCustomer( session.find( Customer.class, other.getId() ) );
				assertThrows( ShardKeyException.class, () -> session.getTransaction().commit() );
			}
			assertEquals( List.of( 0 ), rows.shardsHolding( "purchase_order", order.getId() ) );
			assertEquals( owner.getId(), rows.count( 0, "select customer_id from purchase_order where id = ?", order.getId() ) );
		}

		@Test
		void mergingADetachedEntityWhoseKeyWasChangedFails() {
			Customer customer = persistCustomerOn( 1 );
			String originalEmail = customer.getEmail();
			String newEmail = KeyRouting.emailOnShard( 2 );
			customer.setEmail( newEmail );
			try ( ShardedSession session = factory.openSession() ) {
				session.beginTransaction();
				ShardKeyException failure = assertThrows( ShardKeyException.class, () -> session.merge( customer ) );
				assertTrue( failure.getMessage().contains( "Customer.email" ), failure.getMessage() );
				session.getTransaction().rollback();
			}
			assertEquals( originalEmail, emailOf( 1, customer ) );
			assertEquals( List.of(), rows.shardsWhere( "select count(*) from customer where email = ?", newEmail ),
					"the entity was not copied to the shard of its new key" );
			assertEquals( 1L, rows.total( "customer" ) );
		}

		@Test
		void mergingADetachedEntityWhoseKeyWasChangedWithinItsShardFails() {
			Customer customer = persistCustomerOn( 3 );
			String originalEmail = customer.getEmail();
			customer.setEmail( KeyRouting.emailOnShard( 3 ) );
			try ( ShardedSession session = factory.openSession() ) {
				session.beginTransaction();
				assertThrows( ShardKeyException.class, () -> {
					session.merge( customer );
					session.getTransaction().commit();
				} );
			}
			assertEquals( originalEmail, emailOf( 3, customer ) );
			assertEquals( 1L, rows.total( "customer" ) );
		}

		@Test
		void mergingADetachedEntityWithAnUnchangedKeyStillWorks() {
			Customer customer = persistCustomerOn( 2 );
			customer.setName( "Only the name changed" );
			inTransaction( session -> session.merge( customer ) );
			assertEquals( "Only the name changed", rows.single( 2, "select name from customer where id = ?", customer.getId() ) );
		}
	}
}
