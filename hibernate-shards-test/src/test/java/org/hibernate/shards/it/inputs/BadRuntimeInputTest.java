package org.hibernate.shards.it.inputs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.hibernate.QueryParameterException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.DataException;
import org.hibernate.query.QueryArgumentException;
import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardKeyException;
import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.it.KeyRouting;
import org.hibernate.shards.it.ShardedFactories;
import org.hibernate.shards.it.ShardedSessionFixture;
import org.hibernate.shards.it.model.Customer;
import org.hibernate.shards.test.MySqlShards;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input suite, part two: wrong input at run time, through a factory whose shards connect with the distinctive
 * password of {@link SecretCredentials}.
 * <ul>
 * <li><b>Refused</b>: each call fails with the type plain Hibernate (or the documented sharding exception) has, its
 * message names the culprit (entity, attribute, parameter, shard), no message in the chain shows the password, and when
 * the application then commits what is left of the transaction, nothing of it reaches any shard: a failed write marks
 * the transaction for rollback rather than committing half of it. Each case starts with one customer on every shard.</li>
 * <li><b>Routed</b>: keys that look like SQL injection, emoji, right-to-left text, and parameters that are null, of
 * another type or longer than the column are stored intact on one shard, found by id and by key asking that shard only,
 * and leave the other rows alone, or find what plain Hibernate finds.</li>
 * </ul>
 */
@MySqlShards(4)
class BadRuntimeInputTest {

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
		/** note.body and customer.name hold 500 and 100 characters, customer.email 190. */
		private static final String NAME_TOO_LONG = "n".repeat( 101 );

		private SecretCredentials credentials;
		private final List<Customer> seeded = new ArrayList<>();

		Cases(String accessStrategy) {
			super( accessStrategy );
		}

		@Override
		protected Map<String, String> extraProperties() {
			credentials = SecretCredentials.create( dbs, "bad_run_" + accessStrategy.substring( 0, 3 ) );
			return credentials.properties();
		}

		@AfterAll
		void dropAccount() {
			credentials.drop();
		}

		@BeforeEach
		void oneCustomerOnEveryShard() {
			seeded.clear();
			for ( int shard = 0; shard < 4; shard++ ) {
				seeded.add( persistCustomerOn( shard ) );
			}
			// A name 10 characters short of its column on shard 2 only: an update that adds 10 fails there, not on the others.
			rows.update( 2, "update customer set name = ? where id = ?", "m".repeat( 91 ), seededOn( 2 ).getId() );
		}

		private Customer seededOn(int shard) {
			return seeded.get( shard );
		}

		// ---- refused

		private static Arguments refused(String name, Class<? extends Throwable> type, Consumer<ShardedSession> call, String... culprits) {
			return Arguments.of( Named.of( name, call ), type, List.of( culprits ) );
		}

		/** An e-mail of the given length that routes to the shard. */
		private static String emailOfLength(int length, int shard) {
			String email;
			for ( int i = 0; ; i++ ) {
				String suffix = "-" + i + "@example.com";
				email = "x".repeat( length - suffix.length() ) + suffix;
				if ( KeyRouting.physicalShardOfKey( email ) == shard ) {
					return email;
				}
			}
		}

		Stream<Arguments> refusals() {
			return Stream.of(
					refused( "a null shard key after a valid persist on another shard", ShardKeyException.class, s -> {
						s.persist( new Customer( KeyRouting.emailOnShard( 0 ), "valid" ) );
						s.persist( new Customer( null, "keyless" ) );
					}, "Customer.email", "null" ),
					refused( "a key longer than its column", DataException.class, s -> {
						s.persist( new Customer( KeyRouting.emailOnShard( 0 ), "valid" ) );
						s.persist( new Customer( emailOfLength( 191, 3 ), "long key" ) );
						s.flush();
					}, "shard 3: ", "email" ),
					refused( "a value longer than its column, in a transaction over three shards, at commit", DataException.class, s -> {
						s.persist( new Customer( KeyRouting.emailOnShard( 0 ), "valid" ) );
						s.persist( new Customer( KeyRouting.emailOnShard( 1 ), "valid" ) );
						s.persist( new Customer( KeyRouting.emailOnShard( 2 ), NAME_TOO_LONG ) );
						s.getTransaction().commit();
					}, "shard 2: ", "name" ),
					refused( "the same key twice in one transaction", ConstraintViolationException.class, s -> {
						String email = KeyRouting.emailOnShard( 1 );
						s.persist( new Customer( KeyRouting.emailOnShard( 3 ), "valid" ) );
						s.persist( new Customer( email, "first" ) );
						s.persist( new Customer( email.toUpperCase( java.util.Locale.ROOT ), "same key, other case" ) );
						s.flush();
					}, "shard 1: ", "Duplicate entry" ),
					refused( "an update that assigns the shard key", ShardKeyException.class,
							s -> s.createMutationQuery( "update Customer c set c.email = 'same@example.com'" ).executeUpdate(), "Customer.email" ),
					refused( "an update that overflows a column on one shard after others took it", DataException.class,
							s -> s.createMutationQuery( "update Customer c set c.name = concat(c.name, :suffix)" )
									.setParameter( "suffix", "x".repeat( 10 ) ).executeUpdate(), "shard 2: ", "name" ),
					refused( "a native update with a value longer than its column", DataException.class,
							s -> s.createNativeQuery( ShardId.of( 1 ), "update customer set name = :name" ).setParameter( "name", NAME_TOO_LONG )
									.executeUpdate(), "shard 1: ", "name" ),
					refused( "a named parameter without argument", QueryParameterException.class,
							s -> s.createQuery( "from Customer c where c.email = :email", Customer.class ).getResultList(), ":email" ),
					refused( "a positional parameter without argument", QueryParameterException.class,
							s -> s.createQuery( "from Customer c where c.email = ?1", Customer.class ).getResultList(), "?1" ),
					refused( "an argument for a parameter the query does not have", IllegalArgumentException.class,
							s -> s.createQuery( "from Customer c where c.email = :email", Customer.class ).setParameter( "mail", "x" ), ":mail" ),
					refused( "an argument of the wrong type", QueryArgumentException.class,
							s -> s.createQuery( "from Customer c where c.id = :id", Customer.class ).setParameter( "id", "abc" ).getResultList(),
							"abc", "java.lang.Long" ),
					refused( "an attribute the entity does not have", IllegalArgumentException.class,
							s -> s.createQuery( "from Customer c where c.mail = 'x'", Customer.class ), "mail", Customer.class.getName() ),
					refused( "a number compared with the string key", IllegalArgumentException.class,
							s -> s.createQuery( "from Customer c where c.email = 5", Customer.class ), "java.lang.String", "java.lang.Integer" ),
					refused( "a negative first result", IllegalArgumentException.class,
							s -> s.createQuery( "from Customer c", Customer.class ).setFirstResult( -1 ), "First result" ),
					refused( "a persist of a non-entity", IllegalArgumentException.class, s -> s.persist( "not an entity" ), "java.lang.String" ),
					refused( "a find of a non-entity", IllegalArgumentException.class, s -> s.find( String.class, 1L ), "java.lang.String" ),
					refused( "a find by a null id", IllegalArgumentException.class, s -> s.find( Customer.class, null ), "Customer" ),
					refused( "a detached entity whose key was changed, merged", ShardKeyException.class, s -> {
						Customer detached = seededOn( 1 );
						detached.setEmail( KeyRouting.emailOnShard( 2 ) );
						s.merge( detached );
					}, "Customer.email", "shard 1", "shard 2" )
			);
		}

		@ParameterizedTest(name = "{0}")
		@MethodSource("refusals")
		void wrongInputIsRefusedTypedNamingTheCulpritWithoutThePasswordAndNothingIsWritten(Consumer<ShardedSession> call,
				Class<? extends Throwable> type, List<String> culprits) {
			Map<String, List<Long>> before = rows.fingerprint( ShardedFactories.MODEL_TABLES );
			try ( ShardedSession session = factory.openSession() ) {
				session.beginTransaction();
				Throwable failure = assertThrows( type, () -> call.accept( session ) );
				for ( String culprit : culprits ) {
					assertTrue( failure.getMessage().contains( culprit ), "the message names " + culprit + ": " + failure.getMessage() );
				}
				SecretCredentials.assertNotShown( failure );
				if ( session.getTransaction().isActive() ) {
					// What an application that catches the failure and goes on would do: nothing of the refused call may commit.
					try {
						session.getTransaction().commit();
					}
					catch (RuntimeException refusedCommit) {
						SecretCredentials.assertNotShown( refusedCommit );
					}
				}
			}
			assertEquals( before, rows.fingerprint( ShardedFactories.MODEL_TABLES ), "no shard was written" );
		}

		// ---- routed

		static Stream<Arguments> keys() {
			return Stream.of( "' or 1=1 --", "x' OR 'x'='x@example.com", "\"; drop table customer; --", "Robert'); DROP TABLE customer;--",
					"%_\\\\%@example.com", "😀🚀@example.com", "👨\u200D👩\u200D👧@family.example", "مرحبا@مثال.com",
					"\u200Fשלום@example.co.il", "東京都@example.jp", "Zoë.Ünïcode@Example.COM" ).map( key -> Arguments.of( Named.of( key, key ) ) );
		}

		@ParameterizedTest(name = "{0}")
		@MethodSource("keys")
		void aKeyThatLooksLikeSqlOrIsNotLatinIsStoredIntactOnOneShardAndFoundByIdAndByKey(String key) {
			Customer customer = new Customer( key, "Key: " + key );
			inTransaction( session -> session.persist( customer ) );
			List<Integer> holding = rows.shardsHolding( "customer", customer.getId() );
			assertEquals( 1, holding.size(), "stored on one shard: " + holding );
			int shard = holding.get( 0 );
			assertEquals( key, rows.single( shard, "select email from customer where id = ?", customer.getId() ), "stored intact" );
			try ( ShardedSession session = factory.openSession() ) {
				Customer found = session.find( Customer.class, customer.getId() );
				assertEquals( key, found.getEmail() );
				assertEquals( ShardId.of( shard ), session.getShardIdForObject( found ) );
				ShardActivity activity = new ShardActivity();
				assertEquals( List.of( customer.getId() ), session.createQuery( "select c.id from Customer c where c.email = :email", Long.class )
						.setParameter( "email", key ).getResultList() );
				assertEquals( List.of( shard ), activity.shardsWithStatements(), "the key routes to its shard only" );
			}
			assertEquals( 5L, rows.total( "customer" ), "the other rows and the table are intact" );
		}

		@ParameterizedTest(name = "{0}")
		@MethodSource("parameterValues")
		void aKeyParameterThatIsNullOfAnotherTypeOrTooLongFindsWhatPlainHibernateFinds(Object value) {
			inTransaction( session -> session.persist( new Customer( "5", "Five" ) ) );
			String hql = value instanceof List<?> ? "select c.email from Customer c where c.email in :email"
					: "select c.email from Customer c where c.email = :email";
			// What plain Hibernate finds, shard by shard: together, what one database holding every row would give.
			List<String> expected = new ArrayList<>();
			for ( int shard = 0; shard < 4; shard++ ) {
				try ( org.hibernate.Session plain = factory.getSessionFactories().get( ShardId.of( shard ) ).openSession() ) {
					expected.addAll( plain.createQuery( hql, String.class ).setParameter( "email", resolve( value ) ).getResultList() );
				}
			}
			try ( ShardedSession session = factory.openSession() ) {
				List<String> found = new ArrayList<>( session.createQuery( hql, String.class ).setParameter( "email", resolve( value ) ).getResultList() );
				found.sort( null );
				expected.sort( null );
				assertEquals( expected, found );
			}
		}

		/** A seeded customer's e-mail stands for itself in the arguments, resolved once the customers exist. */
		private Object resolve(Object value) {
			if ( value instanceof List<?> list ) {
				return list.stream().map( this::resolve ).toList();
			}
			return value instanceof Integer shard ? seededOn( shard ).getEmail() : value;
		}

		static Stream<Arguments> parameterValues() {
			return Stream.of(
					Arguments.of( Named.of( "null", null ) ),
					Arguments.of( Named.of( "a list of keys with a null", Arrays.asList( 2, null ) ) ),
					Arguments.of( Named.of( "a Long for the string key", 5L ) ),
					Arguments.of( Named.of( "a key with trailing spaces", "5   " ) ),
					Arguments.of( Named.of( "a key longer than the column", "y".repeat( 500 ) + "@example.com" ) ) );
		}
	}
}
