package org.hibernate.shards.it.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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
 * A query over every shard while one shard is down: by default it fails naming the shard; with partial results it
 * answers with the other shards' rows and says which shard is missing, so it is never mistaken for a full answer.
 */
@MySqlShards(value = 4, dedicated = true)
class PartialResultsTest {
	static final int DOWN = 1;

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
		private boolean stopped;

		Cases(String accessStrategy) {
			super( accessStrategy );
		}

		/** Fail fast on the stopped shard: these tests are about the answer, not the timeout. */
		@Override
		protected java.util.Map<String, String> extraProperties() {
			return java.util.Map.of( "hibernate.hikari.connectionTimeout", "1000", "hibernate.hikari.validationTimeout", "500" );
		}

		@AfterEach
		void startTheStoppedShard() {
			if ( stopped ) {
				startShard();
			}
		}

		/** Starts the shard and waits until the factory uses it again (its background probe ends the failing fast). */
		private void startShard() {
			dbs.get( DOWN ).start();
			stopped = false;
			pause();
			org.hibernate.shards.it.ShardedFactories.awaitUsedAgain( () -> {
				try ( ShardedSession session = factory.openSession() ) {
					session.createQuery( "select count(*) from Customer c", Long.class ).getSingleResult();
				}
			} );
		}

		private void stopShard() {
			dbs.get( DOWN ).stop();
			stopped = true;
			pause();
		}

		/** HikariCP trusts a connection used in the last 500 ms; after the pause a query meets the real outage. */
		private static void pause() {
			try {
				Thread.sleep( 600 );
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}

		/** Two customers on every shard; returns the e-mails of those not on the shard that will be down. */
		private Set<String> customersOnEveryShard() {
			Set<String> reachable = new TreeSet<>();
			for ( int shard = 0; shard < dbs.size(); shard++ ) {
				for ( int i = 0; i < 2; i++ ) {
					Customer customer = persistCustomerOn( shard );
					if ( shard != DOWN ) {
						reachable.add( customer.getEmail() );
					}
				}
			}
			return reachable;
		}

		@Test
		void withoutTheHintAQueryOverAShardThatIsDownFailsNamingIt() {
			customersOnEveryShard();
			stopShard();
			try ( ShardedSession session = factory.openSession() ) {
				ShardUnavailableException failure = assertThrows( ShardUnavailableException.class,
						() -> session.createQuery( "select c.email from Customer c order by c.email", String.class ).getResultList() );
				assertEquals( ShardId.of( DOWN ), failure.getShardId() );
			}
		}

		@Test
		void withTheHintTheOtherShardsAnswerAndTheMissingShardIsNamed() {
			Set<String> reachable = customersOnEveryShard();
			stopShard();
			try ( ShardedSession session = factory.openSession() ) {
				List<String> emails = session.createQuery( "select c.email from Customer c order by c.email", String.class )
						.setHint( ShardedQueryHints.PARTIAL_RESULTS, true )
						.getResultList();
				PartialResultList<String> partial = assertInstanceOf( PartialResultList.class, emails );
				assertFalse( partial.isComplete() );
				assertEquals( List.of( ShardId.of( DOWN ) ), partial.getFailedShards() );
				assertInstanceOf( ShardUnavailableException.class, partial.getFailures().get( ShardId.of( DOWN ) ) );
				assertEquals( new ArrayList<>( reachable ), emails, "every reachable row, merged in order" );
			}
		}

		@Test
		void withoutTheHintAStreamOverAShardThatIsDownFailsNamingIt() {
			customersOnEveryShard();
			stopShard();
			try ( ShardedSession session = factory.openSession() ) {
				ShardUnavailableException failure = assertThrows( ShardUnavailableException.class, () -> {
					try ( Stream<String> emails = session.createQuery( "select c.email from Customer c order by c.email", String.class )
							.getResultStream() ) {
						emails.count();
					}
				} );
				assertEquals( ShardId.of( DOWN ), failure.getShardId() );
			}
		}

		@Test
		void withTheHintAStreamMergesTheRowsOfTheShardsThatAnswered() {
			Set<String> reachable = customersOnEveryShard();
			stopShard();
			try ( ShardedSession session = factory.openSession();
					Stream<String> emails = session.createQuery( "select c.email from Customer c order by c.email", String.class )
							.setHint( ShardedQueryHints.PARTIAL_RESULTS, true )
							.getResultStream() ) {
				PartialResultStream<String> partial = assertInstanceOf( PartialResultStream.class, emails );
				assertEquals( List.of( ShardId.of( DOWN ) ), partial.getFailedShards(), "known before a row is read" );
				assertInstanceOf( ShardUnavailableException.class, partial.getFailures().get( ShardId.of( DOWN ) ) );
				assertEquals( new ArrayList<>( reachable ), emails.toList(), "every reachable row, merged in order" );
			}
		}

		@Test
		void aSingleResultCannotBeDecidedWhileAShardIsMissing() {
			customersOnEveryShard();
			stopShard();
			try ( ShardedSession session = factory.openSession() ) {
				assertThrows( ShardUnavailableException.class, () -> session
						.createQuery( "select c from Customer c where c.name = 'nobody'", Customer.class )
						.setHint( ShardedQueryHints.PARTIAL_RESULTS, true )
						.getSingleResultOrNull() );
			}
		}

		@Test
		void onceTheShardIsBackTheAnswerIsCompleteAgain() {
			customersOnEveryShard();
			stopShard();
			startShard();
			try ( ShardedSession session = factory.openSession() ) {
				List<String> emails = session.createQuery( "select c.email from Customer c", String.class )
						.setHint( ShardedQueryHints.PARTIAL_RESULTS, true )
						.getResultList();
				assertTrue( ( (PartialResultList<String>) emails ).isComplete() );
				assertEquals( 2L * dbs.size(), emails.size() );
			}
		}

		@Test
		void aQueryRoutedToAShardThatIsUpIsNotAffected() {
			String email = customersOnEveryShard().iterator().next();
			stopShard();
			try ( ShardedSession session = factory.openSession() ) {
				assertEquals( 1L, session.createQuery( "select count(*) from Customer c where c.email = :e", Long.class )
						.setParameter( "e", email ).getSingleResult() );
			}
		}
	}
}
