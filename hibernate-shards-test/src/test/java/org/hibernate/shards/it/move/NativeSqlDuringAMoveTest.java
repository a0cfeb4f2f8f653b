package org.hibernate.shards.it.move;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import jakarta.persistence.TransactionRequiredException;
import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardedQueryException;
import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.VirtualShardMovingException;
import org.hibernate.shards.admin.MoveHandle;
import org.hibernate.shards.admin.MoveStep;
import org.hibernate.shards.admin.ShardAdmin;
import org.hibernate.shards.it.move.model.MvAccount;
import org.hibernate.shards.spi.move.FenceTable;
import org.hibernate.shards.test.MySqlShards;
import org.hibernate.shards.test.ShardDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Native SQL on a named shard cannot slip past a move of a virtual shard: with the partition directory on, its
 * {@code executeUpdate} passes the write fences of every virtual shard the shard holds, in the session's transaction,
 * or is refused with {@link VirtualShardMovingException}; and SQL on a shard that holds a moving virtual shard's copies
 * is refused, since it cannot tell them from the live rows. Instance {@code b} re-reads the directory only hourly.
 */
@MySqlShards(2)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NativeSqlDuringAMoveTest {
	private static final String RENAME = "update mv_account set name = :name where id = :id";

	private ShardDatabases dbs;
	private MoveFixture fixture;
	private ShardedSessionFactory a;
	private ShardedSessionFactory b;
	private ShardAdmin admin;
	private List<MvAccount> accounts;

	@BeforeAll
	void twoInstancesWithData(ShardDatabases dbs) {
		this.dbs = dbs;
		fixture = new MoveFixture( dbs );
		Map<String, String> shortFenceWait = Map.of( "hibernate.shards.move.fence_wait_seconds", "1" );
		a = fixture.factory( "create", 1, shortFenceWait );
		b = fixture.factory( "none", 3600, shortFenceWait );
		admin = ShardAdmin.of( a );
		accounts = fixture.populate( a, 2, "n" );
	}

	@AfterAll
	void close() {
		b.close();
		a.close();
	}

	private MvAccount accountOn(int virtualShard) {
		return accounts.stream().filter( account -> ( account.getId() & 1023 ) == virtualShard ).findFirst().orElseThrow();
	}

	private long named(int shard, MvAccount account, String name) {
		return fixture.count( shard, "select count(*) from mv_account where id = " + account.getId() + " and name = '" + name + "'" );
	}

	@Test
	void aNativeUpdateHoldsTheSharedLockOfEveryFenceOfItsShardUntilCommit() throws SQLException {
		MvAccount account = accountOn( 5 ); // virtual shards 4-7 live on shard 1
		try ( ShardedSession session = a.openSession() ) {
			session.beginTransaction();
			assertEquals( 1, session.createNativeQuery( ShardId.of( 1 ), RENAME ).setParameter( "name", "fenced" )
					.setParameter( "id", account.getId() ).executeUpdate() );
			for ( int virtualShard = 4; virtualShard < 8; virtualShard++ ) {
				assertTrue( moverWouldWait( 1, virtualShard ), "a mover of virtual shard " + virtualShard + " waits for the native update" );
			}
			session.getTransaction().commit();
		}
		assertEquals( 1, named( 1, account, "fenced" ) );
		assertTrue( !moverWouldWait( 1, 5 ), "the fences are free once the transaction ended" );
	}

	@Test
	void aNativeUpdateMeetingAFenceAMoverHoldsIsRefusedAndWritesNothing() throws SQLException {
		MvAccount account = accountOn( 6 );
		try ( Connection mover = dbs.get( 1 ).openConnection() ) {
			mover.setAutoCommit( false );
			FenceTable.lock( mover, 4 ); // another virtual shard of the same physical shard
			try ( ShardedSession session = a.openSession() ) {
				session.beginTransaction();
				VirtualShardMovingException refused = assertThrows( VirtualShardMovingException.class,
						() -> session.createNativeQuery( ShardId.of( 1 ), RENAME ).setParameter( "name", "past a fence" )
								.setParameter( "id", account.getId() ).executeUpdate() );
				assertEquals( ShardId.of( 1 ), refused.getShardId() );
				assertTrue( refused.getMessage().contains( "hibernate.shards.move.fence_wait_seconds" ), refused.getMessage() );
				assertTrue( session.getTransaction().getRollbackOnly(), "the transaction cannot commit half of its work" );
				session.getTransaction().rollback();
			}
			mover.rollback();
		}
		assertEquals( 0, named( 1, account, "past a fence" ) );
	}

	@Test
	void aNativeUpdateOfAStaleInstanceOnAShardAVirtualShardLeftIsRefused() {
		MvAccount account = accountOn( 3 );
		admin.moveVirtualShard( 3, ShardId.of( 1 ) ).await();
		try ( ShardedSession stale = b.openSession() ) {
			stale.beginTransaction();
			VirtualShardMovingException refused = assertThrows( VirtualShardMovingException.class,
					() -> stale.createNativeQuery( ShardId.of( 0 ), RENAME ).setParameter( "name", "stale" )
							.setParameter( "id", account.getId() ).executeUpdate(),
					"b still places virtual shard 3 on shard 0, whose fence says it has gone" );
			assertEquals( 3, refused.getVirtualShard() );
			stale.getTransaction().rollback();
		}
		assertEquals( 0, named( 0, account, "stale" ) + named( 1, account, "stale" ) );
	}

	@Test
	void aNativeUpdateOutsideATransactionIsRefusedWhileFencesAreOn() {
		MvAccount account = accountOn( 7 );
		try ( ShardedSession session = a.openSession() ) {
			TransactionRequiredException refused = assertThrows( TransactionRequiredException.class,
					() -> session.createNativeQuery( ShardId.of( 1 ), RENAME ).setParameter( "name", "autocommit" )
							.setParameter( "id", account.getId() ).executeUpdate() );
			assertTrue( refused.getMessage().contains( "shard 1" ), refused.getMessage() );
		}
		assertEquals( 0, named( 1, account, "autocommit" ) );
	}

	@Test
	void nativeSqlOnAShardHoldingCopiesOfAMovingVirtualShardIsRefused() throws InterruptedException {
		MoveHold midCopy = MoveHold.atProgress( progress -> progress.totalRowsCopied() >= 6 );
		admin.addListener( midCopy );
		MoveHandle move = admin.moveVirtualShard( 2, ShardId.of( 1 ) );
		midCopy.awaitReached();
		try ( ShardedSession session = a.openSession() ) {
			session.beginTransaction();
			ShardedQueryException read = assertThrows( ShardedQueryException.class,
					() -> session.createNativeQuery( ShardId.of( 1 ), "select count(*) from mv_account", Long.class ).getSingleResult() );
			assertTrue( read.getMessage().contains( "virtual shards [2]" ) && read.getMessage().contains( "shard 1" ), read.getMessage() );
			VirtualShardMovingException write = assertThrows( VirtualShardMovingException.class,
					() -> session.createNativeQuery( ShardId.of( 1 ), "update mv_account set name = 'copy' where (id & 1023) = 2" )
							.executeUpdate() );
			assertEquals( 2, write.getVirtualShard() );
			assertThrows( ShardedQueryException.class,
					() -> session.nativeQueryOnEveryShard( "select count(*) from mv_account", Long.class, Map.of() ) );
			assertEquals( fixture.count( 0, "select count(*) from mv_account" ),
					session.createNativeQuery( ShardId.of( 0 ), "select count(*) from mv_account", Long.class ).getSingleResult(),
					"the source holds the live rows: it is read" );
			session.getTransaction().rollback();
		}
		midCopy.release();
		move.await();
		assertEquals( 0, fixture.count( 1, "select count(*) from mv_account where name = 'copy'" ) );
		try ( ShardedSession session = a.openSession() ) {
			assertEquals( List.of( fixture.count( 0, "select count(*) from mv_account" ), fixture.count( 1, "select count(*) from mv_account" ) ),
					session.nativeQueryOnEveryShard( "select count(*) from mv_account", Long.class, Map.of() ), "read again once the move is done" );
		}
	}

	/** @return whether a mover's exclusive lock of the fence row would wait (for a writer's shared lock) */
	private boolean moverWouldWait(int shard, int virtualShard) throws SQLException {
		try ( Connection mover = dbs.get( shard ).openConnection(); Statement settings = mover.createStatement() ) {
			settings.execute( "set session innodb_lock_wait_timeout = 1" );
			mover.setAutoCommit( false );
			try {
				FenceTable.lock( mover, virtualShard );
				return false;
			}
			catch (SQLException e) {
				if ( e.getErrorCode() == 1205 ) {
					return true;
				}
				throw e;
			}
			finally {
				mover.rollback();
			}
		}
	}
}
