package org.hibernate.shards.it.inputs;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.hibernate.Session;
import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.it.ShardedSessionFixture;
import org.hibernate.shards.it.model.Customer;
import org.hibernate.shards.test.MySqlShards;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Wrong arguments to a sharded session fail as they do in a plain Hibernate session (one shard's own session is the
 * reference), and what plain Hibernate accepts as a no-op is one here too.
 */
@MySqlShards(2)
class SessionInputsTest {

	@Nested
	class Sequential extends ShardedSessionFixture {
		Sequential() {
			super( "sequential" );
		}

		/** What a plain session of shard 0 throws for the same call. */
		private Class<? extends Throwable> plainFailure(java.util.function.Consumer<Session> call) {
			try ( Session plain = factory.getSessionFactories().get( ShardId.of( 0 ) ).openSession() ) {
				plain.beginTransaction();
				Throwable thrown = assertThrows( Throwable.class, () -> call.accept( plain ), "plain Hibernate refuses it too" );
				return thrown.getClass();
			}
		}

		private void assertFailsAsPlainHibernate(java.util.function.Consumer<Session> call) {
			Class<? extends Throwable> expected = plainFailure( call );
			try ( ShardedSession session = factory.openSession() ) {
				session.beginTransaction();
				Executable sharded = () -> call.accept( session );
				assertEquals( expected, assertThrows( Throwable.class, sharded ).getClass(), "the exception plain Hibernate throws" );
			}
		}

		@Test
		void persistNullFailsAsInPlainHibernate() {
			assertFailsAsPlainHibernate( session -> session.persist( null ) );
			assertEquals( IllegalArgumentException.class, plainFailure( session -> session.persist( null ) ) );
			assertFailsAsPlainHibernate( session -> session.merge( null ) );
		}

		@Test
		void findWithAnIdOfTheWrongTypeFailsAsInPlainHibernate() {
			persistCustomerOn( 1 );
			assertFailsAsPlainHibernate( session -> session.find( Customer.class, "not-a-number" ) );
			assertFailsAsPlainHibernate( session -> session.find( Customer.class.getName(), "not-a-number" ) );
			assertEquals( IllegalArgumentException.class, plainFailure( session -> session.find( Customer.class, "not-a-number" ) ) );
		}

		@Test
		void findWithAnIdHibernateConvertsFindsTheEntity() {
			Customer customer = persistCustomerOn( 1 );
			ShardId holding;
			try ( ShardedSession session = factory.openSession() ) {
				holding = session.getShardIdForObject( customer );
			}
			try ( Session plain = factory.getSessionFactories().get( holding ).openSession() ) {
				assertEquals( customer.getId(), plain.find( Customer.class, String.valueOf( customer.getId() ) ).getId(), "plain Hibernate" );
			}
			try ( ShardedSession session = factory.openSession() ) {
				// A String of digits is converted to the Long id by plain Hibernate; the sharded session routes the converted id.
				assertEquals( customer.getId(), session.find( Customer.class, String.valueOf( customer.getId() ) ).getId() );
			}
		}

		@Test
		void closingASessionTwiceIsANoOp() {
			ShardedSession session = factory.openSession();
			session.find( Customer.class, 1L );
			session.close();
			assertDoesNotThrow( session::close );
			assertFalse( session.isOpen() );
		}
	}
}
