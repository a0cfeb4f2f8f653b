package org.hibernate.shards.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.ShardedTransactionException;
import org.hibernate.shards.it.model.Customer;
import org.hibernate.shards.test.MySqlShards;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A sharded transaction commits or rolls back every shard it touched; a failure before the commits leaves nothing
 * on any shard, and a commit that fails part way says exactly which shards committed.
 * <p>
 * How a commit is made to fail on one shard after others committed: the test flushes, reads the MariaDB connection
 * id of every shard session's connection (with {@code doWork}, which runs on each shard's own connection), and kills
 * the chosen shard's connection from a separate JDBC connection ({@code KILL CONNECTION}). The server then rolls that
 * shard's transaction back, and the shard's {@code COMMIT} fails with a communication error, while the shards before
 * it in commit order (shard order) commit normally. No server is stopped, so this works on shared servers.
 */
@MySqlShards(4)
class ShardedTransactionTest {

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

		private List<Customer> newCustomersOn(int... shards) {
			List<Customer> customers = new ArrayList<>();
			for ( int shard : shards ) {
				customers.add( new Customer( KeyRouting.emailOnShard( shard ), "Customer on " + shard ) );
			}
			return customers;
		}

		private List<Integer> shardsHoldingEmail(String email) {
			return rows.shardsWhere( "select count(*) from customer where email = ?", email );
		}

		@Test
		void aTransactionThatTouchedThreeShardsCommitsAllOfThemAndLeavesTheFourthAlone() {
			List<Customer> customers = newCustomersOn( 0, 1, 3 );
			List<Integer> outcomes = new ArrayList<>();
			ShardActivity activity = new ShardActivity();
			try ( ShardedSession session = factory.openSession() ) {
				session.beginTransaction();
				session.getTransaction().registerSynchronization( new Synchronization() {
					@Override
					public void beforeCompletion() {
					}

					@Override
					public void afterCompletion(int status) {
						outcomes.add( status );
					}
				} );
				customers.forEach( session::persist );
				session.getTransaction().commit();
				assertFalse( session.getTransaction().isActive() );
			}
			assertEquals( List.of( 0 ), shardsHoldingEmail( customers.get( 0 ).getEmail() ) );
			assertEquals( List.of( 1 ), shardsHoldingEmail( customers.get( 1 ).getEmail() ) );
			assertEquals( List.of( 3 ), shardsHoldingEmail( customers.get( 2 ).getEmail() ) );
			assertEquals( List.of( 0, 1, 3 ), activity.touchedShards(), "shard 2 was never opened" );
			assertEquals( List.of( Status.STATUS_COMMITTED ), outcomes, "synchronizations hear the outcome once" );
		}

		@Test
		void rollbackLeavesNothingOnAnyShard() {
			List<Customer> customers = newCustomersOn( 0, 1, 2, 3 );
			try ( ShardedSession session = factory.openSession() ) {
				session.beginTransaction();
				customers.forEach( session::persist );
				session.flush(); // the INSERTs ran on every shard
				session.getTransaction().rollback();
				assertFalse( session.getTransaction().isActive() );
			}
			assertEquals( 0L, rows.total( "customer" ) );
		}

		@Test
		void closingASessionWithAnActiveTransactionCommitsNothing() {
			List<Customer> customers = newCustomersOn( 0, 1, 2, 3 );
			try ( ShardedSession session = factory.openSession() ) {
				session.beginTransaction();
				customers.forEach( session::persist );
				session.flush();
			}
			assertEquals( 0L, rows.total( "customer" ) );
		}

		@Test
		void aFlushFailureOnOneShardRollsBackEveryShard() {
			Customer existing = new Customer( KeyRouting.emailOnShard( 3 ), "Existing" );
			inTransaction( session -> session.persist( existing ) );
			List<Customer> customers = newCustomersOn( 0, 1, 2 );
			Customer duplicate = new Customer( existing.getEmail(), "Duplicate e-mail" ); // unique key violation on shard 3
			try ( ShardedSession session = factory.openSession() ) {
				session.beginTransaction();
				customers.forEach( session::persist );
				session.persist( duplicate );
				RuntimeException failure = assertThrows( RuntimeException.class, () -> session.getTransaction().commit() );
				assertTrue( causedBy( failure, ConstraintViolationException.class ), "the unique key violation: " + failure );
				assertFalse( failure instanceof ShardedTransactionException, "no shard committed" );
			}
			for ( Customer customer : customers ) {
				assertEquals( List.of(), shardsHoldingEmail( customer.getEmail() ),
						"shards 0-2 flushed successfully but must not commit when shard 3 failed" );
			}
			assertEquals( List.of( 0L, 0L, 0L, 1L ), rows.countsPerShard( "customer" ) );
		}

		@ParameterizedTest(name = "commit fails on shard {0}")
		@ValueSource(ints = { 1, 3 })
		void aCommitFailingAfterOtherShardsCommittedSaysWhichCommitted(int failingShard) throws Exception {
			List<Customer> customers = newCustomersOn( 0, 1, 2, 3 );
			try ( ShardedSession session = factory.openSession() ) {
				session.beginTransaction();
				customers.forEach( session::persist );
				session.flush();
				killConnection( failingShard, connectionIds( session ).get( failingShard ) );

				ShardedTransactionException failure = assertThrows( ShardedTransactionException.class,
						() -> session.getTransaction().commit() );
				List<ShardId> committed = new ArrayList<>();
				List<ShardId> notCommitted = new ArrayList<>();
				for ( int shard = 0; shard < 4; shard++ ) {
					( shard < failingShard ? committed : notCommitted ).add( ShardId.of( shard ) );
				}
				assertEquals( committed, failure.getCommittedShards() );
				assertEquals( notCommitted, failure.getNotCommittedShards() );
				assertTrue( failure.getMessage().contains( "shard " + failingShard ), failure.getMessage() );
			}
			for ( int shard = 0; shard < 4; shard++ ) {
				assertEquals( shard < failingShard ? List.of( shard ) : List.of(), shardsHoldingEmail( customers.get( shard ).getEmail() ),
						"shard " + shard + ( shard < failingShard ? " committed" : " did not commit" ) );
			}

			// The factory recovers: the failed shard takes new transactions.
			Customer later = new Customer( KeyRouting.emailOnShard( failingShard ), "After the failure" );
			inTransaction( session -> session.persist( later ) );
			assertEquals( List.of( failingShard ), shardsHoldingEmail( later.getEmail() ) );
		}

		@Test
		void aCommitFailingOnTheFirstShardCommitsNothing() throws Exception {
			List<Customer> customers = newCustomersOn( 0, 1, 2, 3 );
			try ( ShardedSession session = factory.openSession() ) {
				session.beginTransaction();
				customers.forEach( session::persist );
				session.flush();
				killConnection( 0, connectionIds( session ).get( 0 ) );
				RuntimeException failure = assertThrows( RuntimeException.class, () -> session.getTransaction().commit() );
				assertFalse( failure instanceof ShardedTransactionException, "no shard committed, so no partial-commit report: " + failure );
			}
			assertEquals( 0L, rows.total( "customer" ), "nothing committed anywhere" );
		}

		@Test
		void aTransactionMarkedRollbackOnlyCommitsNothing() {
			List<Customer> customers = newCustomersOn( 0, 2 );
			try ( ShardedSession session = factory.openSession() ) {
				session.beginTransaction();
				customers.forEach( session::persist );
				session.getTransaction().setRollbackOnly();
				assertTrue( session.getTransaction().getRollbackOnly() );
				assertThrows( jakarta.persistence.RollbackException.class, () -> session.getTransaction().commit() );
			}
			assertEquals( 0L, rows.total( "customer" ) );
		}

		/** @return the server's connection id of each shard session's connection, by shard */
		private Map<Integer, Long> connectionIds(ShardedSession session) {
			Map<String, Long> byDatabase = new LinkedHashMap<>();
			session.doWork( connection -> {
				try ( Statement statement = connection.createStatement();
						ResultSet result = statement.executeQuery( "select database(), connection_id()" ) ) {
					result.next();
					byDatabase.put( result.getString( 1 ), result.getLong( 2 ) );
				}
			} );
			Map<Integer, Long> byShard = new LinkedHashMap<>();
			for ( int shard = 0; shard < 4; shard++ ) {
				byShard.put( shard, byDatabase.get( rows.databaseName( shard ) ) );
			}
			return byShard;
		}

		private void killConnection(int shard, long connectionId) throws Exception {
			try ( Connection connection = dbs.get( shard ).openConnection(); Statement statement = connection.createStatement() ) {
				statement.execute( "kill connection " + connectionId );
			}
		}

		private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
			for ( Throwable t = failure; t != null; t = t.getCause() ) {
				if ( type.isInstance( t ) ) {
					return true;
				}
			}
			return false;
		}
	}
}
