package org.hibernate.shards.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.RollbackException;
import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardUnavailableException;
import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.it.model.Customer;
import org.hibernate.shards.it.model.Note;
import org.hibernate.shards.test.MySqlShards;
import org.hibernate.shards.test.ShardDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * One shard's server is killed in the middle of the test (dedicated servers): what is routed to it fails fast with a
 * {@link ShardUnavailableException} that names the shard and its URL but never the password; what is routed to the
 * other shards keeps working in the same factory; and once the server is back, the same factory uses it again.
 * <p>
 * The factory connects as a user with a password (created for this class), given both as the shard property and, for
 * the shard that is stopped, inside its JDBC URL too, so that the message is checked against a real secret.
 */
@MySqlShards(value = 4, dedicated = true)
class UnreachableShardTest {
	static final int DOWN = 2;
	static final String USER = "shards_app";
	static final String PASSWORD = "Pw-7hIs-1s-5ecret";
	static final Duration FAST = Duration.ofSeconds( 10 );

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

		@Override
		protected Map<String, String> extraProperties() {
			Map<String, String> properties = new LinkedHashMap<>();
			for ( int shard = 0; shard < dbs.size(); shard++ ) {
				createUserWithPassword( dbs.get( shard ), rows.databaseName( shard ) );
				String prefix = "hibernate.shards." + shard + ".connection.";
				properties.put( prefix + "username", USER );
				properties.put( prefix + "password", PASSWORD );
				if ( shard == DOWN ) {
					properties.put( prefix + "url", dbs.get( shard ).jdbcUrl() + "&user=" + USER + "&password=" + PASSWORD );
				}
			}
			return properties;
		}

		private static void createUserWithPassword(ShardDatabase database, String databaseName) {
			try ( Connection connection = database.openConnection(); Statement statement = connection.createStatement() ) {
				for ( String host : List.of( "%", "localhost", "127.0.0.1" ) ) {
					statement.execute( "create user if not exists '" + USER + "'@'" + host + "' identified by '" + PASSWORD + "'" );
					statement.execute( "grant all privileges on `" + databaseName + "`.* to '" + USER + "'@'" + host + "'" );
				}
			}
			catch (SQLException e) {
				throw new IllegalStateException( "Cannot create the test user on " + database + ": " + e.getMessage(), e );
			}
		}

		private boolean stopped;

		@AfterEach
		void restartTheStoppedShard() {
			if ( stopped ) {
				start();
			}
		}

		/**
		 * Stops the shard's server and waits a little: HikariCP hands out a connection idle for less than 500 ms without
		 * checking it, so an operation right after a kill would only meet a dead pooled connection. After the wait, the
		 * pool checks its idle connections, finds them dead, and has to connect: the path of a real outage.
		 */
		void stop() {
			dbs.get( DOWN ).stop();
			stopped = true;
			pause();
		}

		/**
		 * Starts the server again and waits for the same reason: connections from before the stop must be checked; then
		 * until the factory's background probe has found the shard, which ends its failing fast.
		 */
		void start() {
			dbs.get( DOWN ).start();
			stopped = false;
			pause();
			ShardedFactories.awaitUsedAgain( () -> {
				try ( ShardedSession session = factory.openSession() ) {
					session.find( Customer.class, -1L );
					session.createSelectionQuery( "select count(*) from Customer", Long.class ).getSingleResult();
				}
			} );
		}

		private static void pause() {
			try {
				Thread.sleep( 600 );
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}

		/** Runs what must fail because shard {@link #DOWN} is down, and checks how it failed. */
		private ShardUnavailableException assertUnavailableFast(Executable operation) {
			long start = System.nanoTime();
			ShardUnavailableException failure = assertThrows( ShardUnavailableException.class, operation );
			Duration took = Duration.ofNanos( System.nanoTime() - start );
			assertTrue( took.compareTo( FAST ) < 0, "failed after " + took.toMillis() + " ms; expected under " + FAST.toMillis() + " ms" );
			assertEquals( ShardId.of( DOWN ), failure.getShardId() );
			String message = failure.getMessage();
			assertTrue( message.contains( "shard " + DOWN ), message );
			String url = dbs.get( DOWN ).jdbcUrl();
			String hostPortDatabase = url.substring( "jdbc:mysql://".length(), url.indexOf( '?' ) );
			assertTrue( message.contains( hostPortDatabase ), "the message names the shard's URL " + hostPortDatabase + ": " + message );
			for ( Throwable t = failure; t != null; t = t.getCause() ) {
				assertFalse( String.valueOf( t.getMessage() ).contains( PASSWORD ), "the password appears in " + t );
				assertFalse( t.toString().contains( PASSWORD ), "the password appears in " + t );
			}
			return failure;
		}

		@Test
		void operationsRoutedToTheStoppedShardFailFastNamingTheShardAndUrlButNotThePassword() {
			Customer onDownShard = persistCustomerOn( DOWN );
			stop();

			try ( ShardedSession session = factory.openSession() ) {
				assertUnavailableFast( () -> session.find( Customer.class, onDownShard.getId() ) );
			}
			Customer fresh = new Customer( KeyRouting.emailOnShard( DOWN ), "Routed to the stopped shard" );
			try ( ShardedSession session = factory.openSession() ) {
				assertUnavailableFast( () -> {
					session.beginTransaction();
					session.persist( fresh );
					session.getTransaction().commit();
				} );
			}
			// An id that does not name its shard must be looked for on the stopped shard too: "not found" would be a lie.
			try ( ShardedSession session = factory.openSession() ) {
				assertUnavailableFast( () -> session.find( Note.class, 424_242L ) );
			}

			start();
			assertEquals( List.of(), rows.shardsWhere( "select count(*) from customer where email = ?", fresh.getEmail() ) );
			assertEquals( "Customer on " + DOWN, rows.single( DOWN, "select name from customer where id = ?", onDownShard.getId() ) );
		}

		@Test
		void otherShardsKeepWorkingAndTheStoppedShardWorksAgainOnceStartedWithoutRebuildingTheFactory() {
			Customer onZero = persistCustomerOn( 0 );
			Customer onDownShard = persistCustomerOn( DOWN );
			Note noteOnThree = new Note( 7L, KeyRouting.topicOnShard( 3 ), "on shard 3" );
			inTransaction( session -> session.persist( noteOnThree ) );
			stop();

			Customer onOne = new Customer( KeyRouting.emailOnShard( 1 ), "Written while shard 2 is down" );
			Customer onThree = new Customer( KeyRouting.emailOnShard( 3 ), "Written while shard 2 is down" );
			inTransaction( session -> {
				Customer loaded = session.find( Customer.class, onZero.getId() );
				assertNotNull( loaded );
				loaded.setName( "Updated while shard 2 is down" );
				session.persist( onOne );
				session.persist( onThree );
			} );
			assertEquals( "Updated while shard 2 is down", rows.single( 0, "select name from customer where id = ?", onZero.getId() ) );
			assertEquals( 1, rows.count( 1, "select count(*) from customer where id = ?", onOne.getId() ) );
			assertEquals( 1, rows.count( 3, "select count(*) from customer where id = ?", onThree.getId() ) );
			try ( ShardedSession session = factory.openSession() ) {
				assertEquals( onZero.getEmail(), session.find( Customer.class, onZero.getId() ).getEmail() );
			}

			// A transaction that also needs the stopped shard commits nothing, not even on the shards that are up.
			Customer alsoOnZero = new Customer( KeyRouting.emailOnShard( 0 ), "Part of a failed transaction" );
			Customer onDown = new Customer( KeyRouting.emailOnShard( DOWN ), "Part of a failed transaction" );
			try ( ShardedSession session = factory.openSession() ) {
				session.beginTransaction();
				session.persist( alsoOnZero );
				assertUnavailableFast( () -> {
					session.persist( onDown );
					session.flush();
				} );
				assertThrows( RollbackException.class, () -> session.getTransaction().commit() );
			}
			assertEquals( 0, rows.count( 0, "select count(*) from customer where email = ?", alsoOnZero.getEmail() ) );

			start();
			assertEquals( List.of( 1 ), rows.shardsHolding( "customer", onOne.getId() ) );
			assertEquals( List.of( 3 ), rows.shardsHolding( "customer", onThree.getId() ) );
			assertEquals( List.of(), rows.shardsWhere( "select count(*) from customer where email = ?", onDown.getEmail() ) );

			// The same factory uses the shard again, for routed operations and for lookups over all shards.
			try ( ShardedSession session = factory.openSession() ) {
				Customer found = session.find( Customer.class, onDownShard.getId() );
				assertNotNull( found );
				assertEquals( onDownShard.getEmail(), found.getEmail() );
			}
			Customer fresh = persistCustomerOn( DOWN );
			assertEquals( List.of( DOWN ), rows.shardsHolding( "customer", fresh.getId() ) );
			Note note = new Note( 9L, KeyRouting.topicOnShard( DOWN ), "after the restart" );
			inTransaction( session -> session.persist( note ) );
			try ( ShardedSession session = factory.openSession() ) {
				assertEquals( "after the restart", session.find( Note.class, 9L ).getBody(), "a lookup over all shards works again" );
				assertNull( session.find( Note.class, 424_242L ) );
			}
		}

	}
}
