package org.hibernate.shards.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.persistence.PersistenceException;
import org.hibernate.Session;
import org.hibernate.exception.SQLGrammarException;
import org.hibernate.query.NativeQuery;
import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardedQueryException;
import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.it.model.Customer;
import org.hibernate.shards.test.MySqlShards;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Native SQL names its shard, or reads every shard: a native query without a shard is refused with
 * {@link ShardedQueryException} saying how to name one; on a named shard it is that shard session's own query, in the
 * sharded transaction, and its failures name the shard; on every shard it reads only, rows in shard order.
 */
@MySqlShards(4)
class NativeSqlTest {

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
		@SuppressWarnings("deprecation")
		void nativeSqlWithoutAShardIsRefusedSayingHowToNameOne() {
			Map<String, Consumer<ShardedSession>> calls = new LinkedHashMap<>();
			calls.put( "createNativeQuery(String)", s -> s.createNativeQuery( "select 1" ) );
			calls.put( "createNativeQuery(String, Class)", s -> s.createNativeQuery( "select * from customer", Customer.class ) );
			calls.put( "createNativeQuery(String, Class, String)", s -> s.createNativeQuery( "select * from customer", Customer.class, "c" ) );
			calls.put( "createNativeQuery(String, String)", s -> s.createNativeQuery( "select * from customer", "mapping" ) );
			calls.put( "createNativeQuery(String, String, Class)", s -> s.createNativeQuery( "select * from customer", "mapping", Customer.class ) );
			calls.put( "createNativeMutationQuery(String)", s -> s.createNativeMutationQuery( "delete from customer" ) );
			calls.put( "getNamedNativeQuery(String)", s -> s.getNamedNativeQuery( "Customer.names" ) );
			calls.put( "createNamedQuery(String) of a named native query", s -> s.createNamedQuery( "Customer.names" ) );
			calls.put( "createStoredProcedureQuery(String)", s -> s.createStoredProcedureQuery( "any_procedure" ) );
			persistCustomerOn( 1 );
			calls.forEach( (method, call) -> {
				try ( ShardedSession session = factory.openSession() ) {
					ShardActivity activity = new ShardActivity();
					ShardedQueryException refused = assertThrows( ShardedQueryException.class, () -> call.accept( session ), method );
					assertTrue( refused.getMessage().contains( "ShardedSession." + method ), refused.getMessage() );
					assertTrue( refused.getMessage().contains( "createNativeQuery(ShardId" ), "says how to name a shard: " + refused.getMessage() );
					assertEquals( List.of(), activity.shardsWithStatements(), method + " asks no shard" );
				}
			} );
			assertEquals( 1L, rows.total( "customer" ) );
		}

		@Test
		void aNativeQueryOnANamedShardReturnsItsRowsAsEntitiesOfThatShard() {
			Customer onTwo = persistCustomerOn( 2 );
			persistCustomerOn( 3 );
			try ( ShardedSession session = factory.openSession() ) {
				ShardActivity activity = new ShardActivity();
				List<Customer> found = session.createNativeQuery( ShardId.of( 2 ), "select * from customer where name like :p", Customer.class )
						.setParameter( "p", "Customer%" )
						.getResultList();
				assertEquals( List.of( onTwo.getId() ), found.stream().map( Customer::getId ).toList() );
				assertEquals( List.of( 2 ), activity.shardsWithStatements() );
				assertTrue( session.contains( found.get( 0 ) ), "managed by the sharded session" );
				assertEquals( ShardId.of( 2 ), session.getShardIdForObject( found.get( 0 ) ) );
				found.get( 0 ).setName( "Renamed after a native read" );
				session.inTransaction( tx -> { } );
			}
			assertEquals( "Renamed after a native read", rows.single( 2, "select name from customer where id = ?", onTwo.getId() ) );
			try ( ShardedSession session = factory.openSession() ) {
				assertEquals( List.of( "Renamed after a native read" ),
						session.createNamedNativeQuery( ShardId.of( 2 ), "Customer.names", String.class ).getResultList() );
			}
		}

		@Test
		void aNativeUpdateOnANamedShardCommitsAndRollsBackWithTheShardedTransaction() {
			Customer onOne = persistCustomerOn( 1 );
			Customer onThree = persistCustomerOn( 3 );
			try ( ShardedSession session = factory.openSession() ) {
				session.beginTransaction();
				session.find( Customer.class, onThree.getId() ).setName( "Written with the native update" );
				assertEquals( 1, session.createNativeQuery( ShardId.of( 1 ), "update customer set name = 'Rolled back' where id = :id" )
						.setParameter( "id", onOne.getId() ).executeUpdate() );
				session.getTransaction().rollback();
			}
			assertEquals( onOne.getName(), rows.single( 1, "select name from customer where id = ?", onOne.getId() ) );
			assertEquals( onThree.getName(), rows.single( 3, "select name from customer where id = ?", onThree.getId() ) );
			inTransaction( session -> {
				session.find( Customer.class, onThree.getId() ).setName( "Written with the native update" );
				session.createNativeQuery( ShardId.of( 1 ), "update customer set name = 'Committed' where id = :id" )
						.setParameter( "id", onOne.getId() ).executeUpdate();
			} );
			assertEquals( "Committed", rows.single( 1, "select name from customer where id = ?", onOne.getId() ) );
			assertEquals( "Written with the native update", rows.single( 3, "select name from customer where id = ?", onThree.getId() ) );
		}

		@Test
		void aNativeReadOnEveryShardConcatenatesTheShardsRowsInShardOrder() {
			List<Customer> customers = new ArrayList<>();
			for ( int shard : new int[] { 3, 1, 0, 2, 1, 3 } ) {
				customers.add( persistCustomerOn( shard ) );
			}
			List<String> expected = new ArrayList<>();
			for ( int shard = 0; shard < 4; shard++ ) {
				int on = shard;
				customers.stream().filter( c -> KeyRouting.physicalShardOfKey( c.getEmail() ) == on ).map( Customer::getEmail )
						.sorted( Comparator.reverseOrder() ).forEach( expected::add );
			}
			try ( ShardedSession session = factory.openSession() ) {
				assertEquals( expected, session.nativeQueryOnEveryShard( "select email from customer where name like :p order by email desc",
						String.class, Map.of( "p", "Customer on %" ) ), "each shard's order, shards in order" );
				assertEquals( List.of( 1L, 2L, 1L, 2L ), session.nativeQueryOnEveryShard( "select count(*) from customer", Long.class, Map.of() ),
						"an aggregate is per shard" );
				List<Customer> entities = session.nativeQueryOnEveryShard( "select * from customer", Customer.class, Map.of() );
				assertEquals( 6, entities.size() );
				entities.forEach( c -> assertEquals( ShardId.of( KeyRouting.physicalShardOfKey( c.getEmail() ) ), session.getShardIdForObject( c ) ) );
				assertEquals( 6, session.nativeQueryOnEveryShard( "select id from customer where name <> 'delete me; update x' -- insert",
						Long.class, Map.of() ).size(), "words in literals and comments are not statements" );
			}
		}

		@Test
		void aNativeWriteOnEveryShardIsRefusedNamingTheAlternativeAndNothingRuns() {
			persistCustomerOn( 0 );
			persistCustomerOn( 2 );
			for ( String write : List.of( "update customer set name = 'x'", "delete from customer", "  /* c */ DELETE FROM customer",
					"insert into product (id, sku, name, price) values (1, 's', 'n', 1)", "replace into product (id) values (2)",
					"with doomed as (select id from customer) delete from customer where id in (select id from doomed)",
					"select name from customer into outfile '/tmp/x'", "call any_procedure()", "truncate table customer",
					"(select 1); delete from customer" ) ) {
				try ( ShardedSession session = factory.openSession() ) {
					ShardActivity activity = new ShardActivity();
					ShardedQueryException refused = assertThrows( ShardedQueryException.class,
							() -> session.nativeQueryOnEveryShard( write, Object.class, Map.of() ), write );
					assertTrue( refused.getMessage().contains( "createNativeQuery(shardId, sql).executeUpdate()" ), refused.getMessage() );
					assertEquals( List.of(), activity.shardsWithStatements(), "nothing runs: " + write );
				}
			}
			assertEquals( 2L, rows.total( "customer" ) );
			assertEquals( 0L, rows.total( "product" ) );
		}

		@Test
		void aBadColumnInANamedNativeQueryFailsAsInPlainHibernateNamingTheShard() {
			persistCustomerOn( 2 );
			Throwable plain;
			try ( Session session = factory.getSessionFactories().get( ShardId.of( 2 ) ).openSession() ) {
				plain = assertThrows( RuntimeException.class, () -> session.createNamedQuery( "Customer.badColumn", Object.class ).getResultList() );
			}
			try ( ShardedSession session = factory.openSession() ) {
				NativeQuery<Object> query = session.createNamedNativeQuery( ShardId.of( 2 ), "Customer.badColumn", Object.class );
				RuntimeException failure = assertThrows( RuntimeException.class, query::getResultList );
				assertEquals( plain.getClass(), failure.getClass() );
				assertEquals( SQLGrammarException.class, failure.getClass() );
				assertTrue( failure.getMessage().startsWith( "shard 2: " ) && failure.getMessage().contains( "no_such_column" ), failure.getMessage() );
			}
		}

		@Test
		void aShardTheFactoryDoesNotHaveIsRefusedNamingTheShards() {
			try ( ShardedSession session = factory.openSession() ) {
				IllegalArgumentException unknown = assertThrows( IllegalArgumentException.class,
						() -> session.createNativeQuery( ShardId.of( 9 ), "select 1" ) );
				assertTrue( unknown.getMessage().contains( "shard 9" ) && unknown.getMessage().contains( "0 to 3" ), unknown.getMessage() );
				assertThrows( IllegalArgumentException.class, () -> session.createNativeQuery( (ShardId) null, "select 1", Long.class ) );
				assertThrows( IllegalArgumentException.class, () -> session.createNativeQuery( ShardId.of( 1 ), null ) );
			}
		}

		@Test
		void aNamedShardsQueryBelongsToTheShardedSessionAndIsNotUnwrappedPastIt() {
			try ( ShardedSession session = factory.openSession() ) {
				NativeQuery<Long> query = session.createNativeQuery( ShardId.of( 1 ), "select count(*) from customer", Long.class );
				assertSame( session, query.getSession() );
				assertSame( query, query.setMaxResults( 5 ), "chained calls return the same query" );
				assertSame( query, query.unwrap( NativeQuery.class ) );
				assertThrows( PersistenceException.class, () -> query.unwrap( org.hibernate.query.sql.spi.NativeQueryImplementor.class ) );
				assertEquals( 0L, query.getSingleResult() );
				assertFalse( query.toString().isEmpty() );
			}
		}
	}
}
