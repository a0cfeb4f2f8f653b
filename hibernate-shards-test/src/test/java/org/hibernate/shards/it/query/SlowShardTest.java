package org.hibernate.shards.it.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardUnavailableException;
import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.it.ShardedSessionFixture;
import org.hibernate.shards.it.model.Customer;
import org.hibernate.shards.query.PartialResultList;
import org.hibernate.shards.query.PartialResultStream;
import org.hibernate.shards.query.ShardedQueryHints;
import org.hibernate.shards.test.MySqlShards;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A shard that is up but slow (here its table is locked by another connection, so its statements wait): a query over
 * every shard gives up on it within the parallel strategy's timeout or the query's own {@code setTimeout}, naming it;
 * with partial results the other shards' rows are the answer and the slow shard is named in the report. The slow
 * shard's statement is cancelled on the server, so the caller does not wait for the socket timeout (20 s here) and the
 * session can use the shard again once it answers.
 */
@MySqlShards(4)
class SlowShardTest {
	static final int SLOW = 2;
	/** Far below the socket timeout: a caller that waited for the socket instead of cancelling would exceed it. */
	static final Duration PROMPTLY = Duration.ofSeconds( 10 );
	static final String EMAILS = "select c.email from Customer c order by c.email";

	@Nested
	class Parallel extends Cases {
		Parallel() {
			super( "parallel" );
		}

		@Override
		protected Map<String, String> extraProperties() {
			return Map.of( "hibernate.shards.parallel.timeout_ms", "1500", "hibernate.shards.socket_timeout_ms", "20000" );
		}

		@Test
		void aQueryGivesUpOnTheSlowShardWithinTheTimeoutNamingIt() throws Exception {
			customersOnEveryShard();
			try ( ShardedSession session = factory.openSession() ) {
				ShardUnavailableException failure = whileSlow( () -> assertThrows( ShardUnavailableException.class,
						() -> session.createQuery( EMAILS, String.class ).getResultList() ) );
				assertEquals( ShardId.of( SLOW ), failure.getShardId() );
				assertTrue( failure.getMessage().contains( "hibernate.shards.parallel.timeout_ms" ), failure.getMessage() );
				assertEquals( 2L * dbs.size(), session.createQuery( EMAILS, String.class ).getResultList().size(),
						"the same session reads the shard again once it answers" );
			}
		}

		@Test
		void withPartialResultsAListLeavesOutTheSlowShardAndNamesIt() throws Exception {
			Set<String> answering = customersOnEveryShard();
			try ( ShardedSession session = factory.openSession() ) {
				List<String> emails = whileSlow( () -> session.createQuery( EMAILS, String.class )
						.setHint( ShardedQueryHints.PARTIAL_RESULTS, true ).getResultList() );
				PartialResultList<String> partial = assertInstanceOf( PartialResultList.class, emails );
				assertEquals( List.of( ShardId.of( SLOW ) ), partial.getFailedShards() );
				assertEquals( new ArrayList<>( answering ), emails );
			}
		}

		@Test
		void withPartialResultsAStreamLeavesOutTheSlowShardAndNamesIt() throws Exception {
			Set<String> answering = customersOnEveryShard();
			try ( ShardedSession session = factory.openSession() ) {
				List<String> emails = whileSlow( () -> {
					try ( Stream<String> stream = session.createQuery( EMAILS, String.class )
							.setHint( ShardedQueryHints.PARTIAL_RESULTS, true ).getResultStream() ) {
						PartialResultStream<String> partial = assertInstanceOf( PartialResultStream.class, stream );
						assertEquals( List.of( ShardId.of( SLOW ) ), partial.getFailedShards() );
						return stream.toList();
					}
				} );
				assertEquals( new ArrayList<>( answering ), emails );
			}
		}
	}

	@Nested
	class Sequential extends Cases {
		Sequential() {
			super( "sequential" );
		}

		@Override
		protected Map<String, String> extraProperties() {
			return Map.of( "hibernate.shards.socket_timeout_ms", "20000" );
		}

		@Test
		void aStatementTimeoutNamesTheShardWhoseStatementTimedOut() throws Exception {
			customersOnEveryShard();
			try ( ShardedSession session = factory.openSession() ) {
				RuntimeException failure = whileSlow( () -> assertThrows( RuntimeException.class,
						() -> session.createQuery( EMAILS, String.class ).setTimeout( 1 ).getResultList() ) );
				assertTrue( failure instanceof jakarta.persistence.QueryTimeoutException || failure instanceof org.hibernate.QueryTimeoutException,
						"a query timeout, as plain Hibernate reports it: " + failure );
				assertTrue( failure.getMessage().contains( ShardId.of( SLOW ).toString() ), "names the shard: " + failure.getMessage() );
			}
		}

		@Test
		void withPartialResultsAStatementTimeoutLeavesOutTheSlowShard() throws Exception {
			Set<String> answering = customersOnEveryShard();
			try ( ShardedSession session = factory.openSession() ) {
				List<String> emails = whileSlow( () -> session.createQuery( EMAILS, String.class ).setTimeout( 1 )
						.setHint( ShardedQueryHints.PARTIAL_RESULTS, true ).getResultList() );
				PartialResultList<String> partial = assertInstanceOf( PartialResultList.class, emails );
				assertEquals( List.of( ShardId.of( SLOW ) ), partial.getFailedShards() );
				assertEquals( new ArrayList<>( answering ), emails );
			}
		}
	}

	abstract static class Cases extends ShardedSessionFixture {
		private Connection locker;

		Cases(String accessStrategy) {
			super( accessStrategy );
		}

		@AfterEach
		void unlock() throws SQLException {
			if ( locker != null ) {
				locker.close();
				locker = null;
			}
		}

		/** Two customers on every shard; @return the e-mails of those not on the slow shard */
		Set<String> customersOnEveryShard() {
			Set<String> answering = new TreeSet<>();
			for ( int shard = 0; shard < dbs.size(); shard++ ) {
				for ( int i = 0; i < 2; i++ ) {
					Customer customer = persistCustomerOn( shard );
					if ( shard != SLOW ) {
						answering.add( customer.getEmail() );
					}
				}
			}
			return answering;
		}

		/** Runs work while the slow shard's table is locked, checks it ended promptly, then unlocks the table. */
		<T> T whileSlow(Callable<T> work) throws Exception {
			locker = dbs.get( SLOW ).openConnection();
			try ( Statement statement = locker.createStatement() ) {
				statement.execute( "lock tables customer write" );
			}
			long start = System.nanoTime();
			T result = work.call();
			Duration took = Duration.ofNanos( System.nanoTime() - start );
			assertTrue( took.compareTo( PROMPTLY ) < 0, "gave up on the slow shard after " + took.toMillis() + " ms" );
			unlock();
			return result;
		}
	}
}
