package org.hibernate.shards.it.inputs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import jakarta.persistence.LockModeType;
import org.hibernate.JDBCException;
import org.hibernate.Session;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.it.KeyRouting;
import org.hibernate.shards.it.ShardedSessionFixture;
import org.hibernate.shards.it.model.Customer;
import org.hibernate.shards.it.model.Note;
import org.hibernate.shards.test.MySqlShards;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A database's refusal on one shard (a duplicate key, data too long, a lock wait timeout, a deadlock) reaches the caller
 * as the exception a plain Hibernate session of that shard throws for the same work, of the same type and carrying the
 * same SQL error, but its message starts with the shard; the other shards are not named, and nothing is written: a
 * transaction over several shards is rolled back everywhere.
 */
@MySqlShards(4)
class RefusalOnOneShardTest {

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
		private static final Map<String, Object> ONE_SECOND_LOCK_TIMEOUT = Map.of( "jakarta.persistence.lock.timeout", 1000 );

		Cases(String accessStrategy) {
			super( accessStrategy );
		}

		/**
		 * Runs the work in a transaction of a plain session of the shard, then in a sharded session, and checks that both
		 * fail alike and that the sharded failure names the shard, and only it.
		 */
		private Throwable assertNamedAsPlainHibernateFails(int shard, Function<Session, Throwable> work) {
			Throwable plain;
			try ( Session session = factory.getSessionFactories().get( ShardId.of( shard ) ).openSession() ) {
				session.beginTransaction();
				plain = work.apply( session );
			}
			Throwable sharded;
			try ( ShardedSession session = factory.openSession() ) {
				session.beginTransaction();
				sharded = work.apply( session );
			}
			assertEquals( plain.getClass(), sharded.getClass(), "the type plain Hibernate throws: " + sharded );
			assertEquals( errorCode( plain ), errorCode( sharded ), "the same SQL error" );
			assertTrue( sharded.getMessage().startsWith( "shard " + shard + ": " ), "the message names the shard: " + sharded.getMessage() );
			for ( int other = 0; other < 4; other++ ) {
				if ( other != shard ) {
					assertFalse( sharded.getMessage().contains( "shard " + other ), "and only that shard: " + sharded.getMessage() );
				}
			}
			return sharded;
		}

		private static int errorCode(Throwable failure) {
			for ( Throwable t = failure; t != null; t = t.getCause() ) {
				if ( t instanceof JDBCException jdbc ) {
					return jdbc.getErrorCode();
				}
			}
			throw new AssertionError( "no JDBC exception in " + failure );
		}

		@Test
		void aDuplicateKeyOnOneShardNamesThatShardAndNothingIsCommitted() {
			Customer existing = persistCustomerOn( 2 );
			ConstraintViolationException failure;
			try ( ShardedSession session = factory.openSession() ) {
				session.beginTransaction();
				session.persist( new Customer( KeyRouting.emailOnShard( 0 ), "new on 0" ) );
				session.persist( new Customer( KeyRouting.emailOnShard( 1 ), "new on 1" ) );
				session.persist( new Customer( KeyRouting.emailOnShard( 3 ), "new on 3" ) );
				// Same e-mail, so same shard as the existing row, where the unique key refuses it.
				session.persist( new Customer( existing.getEmail(), "duplicate" ) );
				failure = assertThrows( ConstraintViolationException.class, () -> session.getTransaction().commit() );
			}
			assertTrue( failure.getMessage().startsWith( "shard 2: " ), "the message names the shard: " + failure.getMessage() );
			assertTrue( !failure.getMessage().contains( "shard 0" ) && !failure.getMessage().contains( "shard 1" )
					&& !failure.getMessage().contains( "shard 3" ), "and only that shard: " + failure.getMessage() );
			assertEquals( ConstraintViolationException.ConstraintKind.UNIQUE, failure.getKind(), "Hibernate's details are kept" );
			assertEquals( List.of( 0L, 0L, 1L, 0L ), rows.countsPerShard( "customer" ), "nothing of the transaction was committed" );
		}

		@Test
		void dataTooLongInATransactionOverSeveralShardsNamesTheShardAndNothingIsWritten() {
			String tooLong = "x".repeat( 501 ); // note.body has 500 characters
			Throwable failure = assertNamedAsPlainHibernateFails( 2, session -> {
				if ( session instanceof ShardedSession ) {
					session.persist( new Note( 10L, KeyRouting.topicOnShard( 0 ), "fits" ) );
					session.persist( new Note( 11L, KeyRouting.topicOnShard( 3 ), "fits" ) );
				}
				session.persist( new Note( 12L, KeyRouting.topicOnShard( 2 ), tooLong ) );
				return assertThrows( RuntimeException.class, session::flush );
			} );
			assertEquals( org.hibernate.exception.DataException.class, failure.getClass() );
			assertEquals( 0L, rows.total( "note" ), "nothing is written on any shard" );
		}

		@Test
		void dataTooLongAtTheCommitOfAOneShardTransactionNamesTheShard() {
			assertNamedAsPlainHibernateFails( 1, session -> {
				session.persist( new Note( 20L, KeyRouting.topicOnShard( 1 ), "y".repeat( 501 ) ) );
				return assertThrows( RuntimeException.class, () -> session.getTransaction().commit() );
			} );
			assertEquals( 0L, rows.total( "note" ), "nothing is written on any shard" );
		}

		@Test
		void aLockWaitTimeoutNamesTheShard() throws SQLException {
			Customer customer = persistCustomerOn( 3 );
			try ( Connection holder = lockRow( 3, customer.getId() ) ) {
				assertNamedAsPlainHibernateFails( 3, session -> assertThrows( RuntimeException.class,
						() -> session.find( Customer.class, customer.getId(), LockModeType.PESSIMISTIC_WRITE, ONE_SECOND_LOCK_TIMEOUT ) ) );
				holder.rollback();
			}
		}

		@Test
		void aDeadlockNamesTheShardAndLeavesTheRowsAsTheyWere() throws Exception {
			Customer a = persistCustomerOn( 1 );
			Customer b = persistCustomerOn( 1 );
			Customer c = persistCustomerOn( 1 );
			assertNamedAsPlainHibernateFails( 1, session -> deadlock( session, a, b, c ) );
			assertEquals( List.of( a.getName(), b.getName(), c.getName() ), rows.column( 1,
					"select name from customer where id in (?, ?, ?) order by id", a.getId(), b.getId(), c.getId() ) );
		}

		/**
		 * A connection updates a and c, the session locks b, the connection waits for b, and the session asks for a: the
		 * session, which holds less, is InnoDB's victim.
		 */
		private Throwable deadlock(Session session, Customer a, Customer b, Customer c) {
			try ( Connection other = dbs.get( 1 ).openConnection() ) {
				other.setAutoCommit( false );
				try ( PreparedStatement update = other.prepareStatement( "update customer set name = 'held' where id in (?, ?)" ) ) {
					update.setLong( 1, a.getId() );
					update.setLong( 2, c.getId() );
					update.executeUpdate();
				}
				session.find( Customer.class, b.getId(), LockModeType.PESSIMISTIC_WRITE );
				CompletableFuture<Void> waiting = CompletableFuture.runAsync( () -> {
					try ( PreparedStatement lock = other.prepareStatement( "select name from customer where id = ? for update" ) ) {
						lock.setLong( 1, b.getId() );
						lock.executeQuery().close();
					}
					catch (SQLException e) {
						throw new IllegalStateException( e );
					}
				} );
				awaitLockWait( 1 );
				Throwable failure = assertThrows( RuntimeException.class,
						() -> session.find( Customer.class, a.getId(), LockModeType.PESSIMISTIC_WRITE ) );
				waiting.get( 30, java.util.concurrent.TimeUnit.SECONDS );
				other.rollback();
				return failure;
			}
			catch (Exception e) {
				throw new IllegalStateException( e );
			}
		}

		private void awaitLockWait(int shard) throws InterruptedException {
			long deadline = System.currentTimeMillis() + 10_000;
			while ( rows.count( shard, "select count(*) from information_schema.innodb_trx where trx_state = 'LOCK WAIT'" ) == 0 ) {
				assertTrue( System.currentTimeMillis() < deadline, "the other connection waits for the session's lock" );
				Thread.sleep( 20 );
			}
		}

		/** @return a connection whose open transaction holds the row's exclusive lock */
		private Connection lockRow(int shard, long id) throws SQLException {
			Connection connection = dbs.get( shard ).openConnection();
			connection.setAutoCommit( false );
			try ( PreparedStatement lock = connection.prepareStatement( "select name from customer where id = ? for update" ) ) {
				lock.setLong( 1, id );
				try ( ResultSet result = lock.executeQuery() ) {
					assertTrue( result.next() );
				}
			}
			return connection;
		}
	}
}
