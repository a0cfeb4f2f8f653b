package org.hibernate.shards.it.inputs;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

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

		/** @return what the sharded session threw, of the type a plain session throws for the same call */
		private Throwable assertFailsAsPlainHibernate(java.util.function.Consumer<Session> call) {
			Class<? extends Throwable> expected = plainFailure( call );
			try ( ShardedSession session = factory.openSession() ) {
				session.beginTransaction();
				Executable sharded = () -> call.accept( session );
				Throwable thrown = assertThrows( Throwable.class, sharded );
				assertEquals( expected, thrown.getClass(), "the exception plain Hibernate throws" );
				return thrown;
			}
		}

		private static void assertNamesEntityAndIdType(Throwable failure) {
			assertTrue( failure.getMessage().contains( Customer.class.getName() ) && failure.getMessage().contains( "java.lang.Long" ),
					"the message names the entity and its id type: " + failure.getMessage() );
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
		void getReferenceWithAnIdOfTheWrongTypeFailsAsInPlainHibernateNamingTheEntityAndIdType() {
			persistCustomerOn( 1 );
			assertEquals( IllegalArgumentException.class, plainFailure( session -> session.getReference( Customer.class, "not-a-number" ) ) );
			assertNamesEntityAndIdType( assertFailsAsPlainHibernate( session -> session.getReference( Customer.class, "not-a-number" ) ) );
			assertNamesEntityAndIdType( assertFailsAsPlainHibernate( session -> session.getReference( Customer.class.getName(), 1.5d ) ) );
			assertFailsAsPlainHibernate( session -> session.getReference( Customer.class, null ) );
		}

		@Test
		void findMultipleWithAnIdOfTheWrongTypeFailsAsInPlainHibernateNamingTheEntityAndIdType() {
			Customer customer = persistCustomerOn( 1 );
			ShardActivity activity = new ShardActivity();
			assertNamesEntityAndIdType( assertFailsAsPlainHibernate(
					session -> session.findMultiple( Customer.class, List.of( customer.getId(), "not-a-number" ) ) ) );
			try ( ShardedSession session = factory.openSession() ) {
				IllegalArgumentException nullId = assertThrows( IllegalArgumentException.class,
						() -> session.findMultiple( Customer.class, Arrays.asList( customer.getId(), null ) ),
						"a null id is refused (plain Hibernate 7.3 fails an assertion) rather than found as nothing" );
				assertTrue( nullId.getMessage().contains( "position 1" ), nullId.getMessage() );
			}
			assertEquals( List.of(), activity.shardsWithStatements(), "no shard was asked" );
			try ( ShardedSession session = factory.openSession() ) {
				assertEquals( List.of( customer.getId() ), session.findMultiple( Customer.class, List.of( String.valueOf( customer.getId() ) ) )
						.stream().map( Customer::getId ).toList(), "an id Hibernate converts is routed converted" );
			}
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
