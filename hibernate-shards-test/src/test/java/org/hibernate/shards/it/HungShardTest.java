package org.hibernate.shards.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardUnavailableException;
import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.it.model.Customer;
import org.hibernate.shards.test.MySqlShards;
import org.hibernate.shards.test.ShardDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A shard whose server hangs (suspended with {@code SIGSTOP}: its port and connections stay open, nothing answers) or
 * whose row is locked by another connection must not block callers: routed work, fan-outs, streams and commits that
 * meet it fail with {@link ShardUnavailableException} naming it within the socket timeout (2 s here), the other shard
 * keeps working, and the shard is used again once it answers.
 */
@MySqlShards(value = 2, dedicated = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HungShardTest {
	private static final ShardId HUNG = ShardId.of( 1 );
	/** The socket timeout, plus the pool's wait and a new connection's handshake: what a caller may wait at most. */
	private static final Duration BOUND = Duration.ofSeconds( 12 );

	private ShardDatabases dbs;
	private ShardedSessionFactory factory;
	private Customer onHung;
	private Customer onLive;

	@BeforeAll
	void open(ShardDatabases dbs) {
		this.dbs = dbs;
		factory = ShardedFactories.build( dbs, Map.of( "hibernate.shards.socket_timeout_ms", "2000" ) );
		onHung = persist( new Customer( KeyRouting.emailOnShard( 3 ), "on the hung shard" ) ); // shard 1 of 2
		onLive = persist( new Customer( KeyRouting.emailOnShard( 0 ), "on the live shard" ) );
	}

	@AfterEach
	void thaw() {
		thawAndAwait();
	}

	/** Lets the server run again and waits until the factory's background probe has found it (which ends failing fast). */
	private void thawAndAwait() {
		dbs.get( HUNG.getId() ).thaw();
		ShardedFactories.awaitUsedAgain( () -> {
			try ( ShardedSession session = factory.openSession() ) {
				session.find( Customer.class, onHung.getId() );
			}
		} );
	}

	@AfterAll
	void close() {
		if ( factory != null ) {
			factory.close();
		}
	}

	@Test
	void routedWorkOnAHungShardFailsNamingItWhileTheOtherShardAnswers() {
		try ( ShardedSession session = factory.openSession() ) {
			dbs.get( HUNG.getId() ).freeze();
			assertFailsNamingTheHungShard( () -> session.find( Customer.class, onHung.getId() ) );
			assertEquals( "on the live shard", session.find( Customer.class, onLive.getId() ).getName(), "the other shard answers meanwhile" );
		}
		thawAndAwait();
		try ( ShardedSession session = factory.openSession() ) {
			assertEquals( "on the hung shard", session.find( Customer.class, onHung.getId() ).getName(), "used again once it answers" );
		}
	}

	@Test
	void aQueryOverEveryShardAndAStreamFailNamingTheHungShard() {
		try ( ShardedSession session = factory.openSession() ) {
			dbs.get( HUNG.getId() ).freeze();
			assertFailsNamingTheHungShard( () -> session.createSelectionQuery( "from Customer order by email", Customer.class ).list() );
			assertFailsNamingTheHungShard( () -> {
				try ( Stream<Customer> stream = session.createSelectionQuery( "from Customer", Customer.class ).getResultStream() ) {
					return stream.count();
				}
			} );
		}
	}

	@Test
	void aCommitThatMeetsAHungShardFailsNamingIt() {
		try ( ShardedSession session = factory.openSession() ) {
			session.beginTransaction();
			session.find( Customer.class, onHung.getId() ).setName( "changed before the shard hung" );
			dbs.get( HUNG.getId() ).freeze();
			assertFailsNamingTheHungShard( () -> {
				session.getTransaction().commit();
				return null;
			} );
		}
		thawAndAwait();
		try ( ShardedSession session = factory.openSession() ) {
			assertEquals( "on the hung shard", session.find( Customer.class, onHung.getId() ).getName(), "nothing was committed" );
		}
	}

	@Test
	void aWriteWaitingForARowLockHeldElsewhereFailsNamingTheShard() throws Exception {
		try ( Connection other = dbs.get( HUNG.getId() ).openConnection() ) {
			other.setAutoCommit( false );
			try ( PreparedStatement lock = other.prepareStatement( "select * from customer where id = ? for update" ) ) {
				lock.setLong( 1, onHung.getId() );
				lock.executeQuery().close();
			}
			try ( ShardedSession session = factory.openSession() ) {
				assertFailsNamingTheHungShard( () -> {
					session.inTransaction( tx -> session.find( Customer.class, onHung.getId() ).setName( "waits for the lock" ) );
					return null;
				} );
			}
			other.rollback();
		}
		// The timed-out read made the shard fail fast for a moment, until the background probe found it answering.
		ShardedFactories.awaitUsedAgain( () -> {
			try ( ShardedSession session = factory.openSession() ) {
				assertEquals( "on the hung shard", session.find( Customer.class, onHung.getId() ).getName() );
			}
		} );
	}

	private void assertFailsNamingTheHungShard(java.util.concurrent.Callable<?> work) {
		long start = System.nanoTime();
		try {
			work.call();
			fail( "The work on hung " + HUNG + " succeeded" );
		}
		catch (ShardUnavailableException e) {
			Duration waited = Duration.ofNanos( System.nanoTime() - start );
			assertEquals( HUNG, e.getShardId(), e.getMessage() );
			assertTrue( e.getMessage().contains( HUNG.toString() ), e.getMessage() );
			assertTrue( waited.compareTo( BOUND ) < 0, "failed after " + waited.toMillis() + " ms, not within the socket timeout: " + e );
		}
		catch (Exception e) {
			throw new AssertionError( "Expected ShardUnavailableException naming " + HUNG + ", got " + e, e );
		}
	}

	private Customer persist(Customer customer) {
		try ( ShardedSession session = factory.openSession() ) {
			session.inTransaction( tx -> session.persist( customer ) );
			assertNotNull( customer.getId() );
			return customer;
		}
	}
}
