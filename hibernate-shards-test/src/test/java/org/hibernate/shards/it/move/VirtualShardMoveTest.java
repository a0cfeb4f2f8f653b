package org.hibernate.shards.it.move;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.VirtualShardMovingException;
import org.hibernate.shards.admin.MoveReport;
import org.hibernate.shards.admin.MoveStep;
import org.hibernate.shards.admin.ShardAdmin;
import org.hibernate.shards.admin.ShardAdminException;
import org.hibernate.shards.admin.ShardStatus;
import org.hibernate.shards.it.ShardedFactories;
import org.hibernate.shards.it.move.model.MvAccount;
import org.hibernate.shards.it.move.model.MvInvoice;
import org.hibernate.shards.test.MySqlShards;
import org.hibernate.shards.test.ShardDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Moving virtual shards with their rows between two real shards, while a second instance ({@code b}, which re-reads
 * the directory only hourly) keeps a stale copy of the placement. Each test moves a virtual shard of its own; every
 * outcome is read back from the databases with plain JDBC.
 */
@MySqlShards(2)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VirtualShardMoveTest {
	private MoveFixture fixture;
	private ShardedSessionFactory a;
	private ShardedSessionFactory b;
	private ShardAdmin admin;
	private List<MvAccount> accounts;

	@BeforeAll
	void twoInstancesWithData(ShardDatabases dbs) {
		fixture = new MoveFixture( dbs );
		a = fixture.factory( "create", 1, Map.of() );
		b = fixture.factory( "none", 3600, Map.of() );
		admin = ShardAdmin.of( a );
		accounts = fixture.populate( a, 2, "p" );
	}

	@AfterAll
	void close() {
		b.close();
		a.close();
	}

	@Test
	void movesEveryRowOfAVirtualShardAndPurgesTheSource() {
		Map<String, List<String>> before = fixture.allRows();
		Map<String, Long> onSource = fixture.rowsOfVirtualShard( 0, 2 );
		assertTrue( onSource.values().stream().allMatch( n -> n > 0 ), "every table has rows of virtual shard 2: " + onSource );

		MoveReport report = admin.moveVirtualShard( 2, ShardId.of( 1 ) ).await();

		assertEquals( before, fixture.allRows(), "no row lost, duplicated or changed" );
		assertEquals( onSource, fixture.rowsOfVirtualShard( 1, 2 ), "every row of virtual shard 2 is on shard 1" );
		fixture.rowsOfVirtualShard( 0, 2 ).forEach( (table, n) -> assertEquals( 0, n, table + " rows left on shard 0" ) );
		assertEquals( ShardId.of( 1 ), a.getShardIdForVirtualShard( 2 ) );
		assertEquals( onSource.get( "mv_account" ), report.rowsByEntity().get( MvAccount.class.getName() ) );
		assertEquals( onSource.get( "mv_invoice" ), report.rowsByEntity().get( MvInvoice.class.getName() ) );
		assertTrue( report.followedBinlog(), "the test servers keep a row-based binary log" );

		for ( MvAccount account : accounts ) {
			try ( ShardedSession session = a.openSession() ) {
				MvAccount found = session.find( MvAccount.class, account.getId() );
				assertNotNull( found, account.getEmail() + " is found by id after the move" );
				assertEquals( account.getTags(), found.getTags() );
				assertEquals( a.getShardIdForVirtualShard( (int) ( account.getId() & 1023 ) ), session.getShardIdForObject( found ) );
			}
		}
		ShardStatus status = admin.status();
		assertTrue( status.moves().isEmpty(), "no unfinished move: " + status.moves() );
		assertTrue( status.shards().get( 1 ).virtualShards().contains( 2 ) );
		assertFalse( status.shards().get( 0 ).virtualShards().contains( 2 ) );
	}

	@Test
	void aVersionIncrementAskedForByALockModeMeetsTheFenceToo() {
		MvAccount target = accounts.stream().filter( account -> ( account.getId() & 1023 ) == 0 ).findFirst().orElseThrow();
		try ( ShardedSession stale = b.openSession() ) {
			stale.beginTransaction();
			MvAccount locked = stale.find( MvAccount.class, target.getId(), jakarta.persistence.LockModeType.OPTIMISTIC_FORCE_INCREMENT );
			assertNotNull( locked );

			admin.moveVirtualShard( 0, ShardId.of( 1 ) ).await();

			assertThrows( VirtualShardMovingException.class, () -> stale.getTransaction().commit(),
					"the increment would have gone to the old shard, after the purge" );
		}
		assertEquals( 0, fixture.count( 0, "select count(*) from mv_account where id = " + target.getId() ) );
		assertEquals( 1, fixture.count( 1, "select count(*) from mv_account where id = " + target.getId() + " and version = 0" ),
				"the version on the new shard is the one the move copied" );
	}

	@Test
	void aStaleInstanceMeetsTheFenceAndItsRetryWritesToTheNewShard() {
		MvAccount target = accounts.stream().filter( account -> ( account.getId() & 1023 ) == 1 ).findFirst().orElseThrow();
		try ( ShardedSession stale = b.openSession() ) {
			MvAccount loaded = stale.find( MvAccount.class, target.getId() );
			assertEquals( ShardId.of( 0 ), stale.getShardIdForObject( loaded ) );

			admin.moveVirtualShard( 1, ShardId.of( 1 ) ).await();

			VirtualShardMovingException refused = assertThrows( VirtualShardMovingException.class, () -> stale.inTransaction( tx -> {
				loaded.setName( "written by a stale instance" );
			} ) );
			assertEquals( 1, refused.getVirtualShard() );
			assertEquals( ShardId.of( 0 ), refused.getShardId() );
			assertTrue( refused.getMessage().contains( "retry" ), refused.getMessage() );
		}
		assertEquals( ShardId.of( 1 ), b.getShardIdForVirtualShard( 1 ), "the fence made the stale instance read the directory" );
		try ( ShardedSession retry = b.openSession() ) {
			retry.inTransaction( tx -> retry.find( MvAccount.class, target.getId() ).setName( "written after the retry" ) );
		}
		assertEquals( 1, fixture.count( 1, "select count(*) from mv_account where id = " + target.getId() + " and name = 'written after the retry'" ) );
		assertEquals( 0, fixture.count( 0, "select count(*) from mv_account where id = " + target.getId() ) );
	}

	@Test
	void aMoveThatStopsIsShownInStatusAndResumesOnceTheCauseIsFixed() {
		fixture.execute( 0, "alter table mv_memo add column extra int" );
		try {
			ShardAdminException stopped = assertThrows( ShardAdminException.class, () -> admin.moveVirtualShard( 5, ShardId.of( 0 ) ).await() );
			assertTrue( stopped.getMessage().contains( "mv_memo" ) && stopped.getMessage().contains( "resume" ), stopped.getMessage() );
			ShardStatus.Move move = single( admin.status().moves() );
			assertEquals( 5, move.virtualShard() );
			assertEquals( MoveStep.COPYING, move.step() );
			assertFalse( move.running() );
			assertTrue( move.failure().contains( "mv_memo" ), move.failure() );
			assertEquals( ShardId.of( 1 ), a.getShardIdForVirtualShard( 5 ), "nothing switched" );
			writeTo( 5, "still written at the source" );
		}
		finally {
			fixture.execute( 0, "alter table mv_memo drop column extra" );
		}
		Map<String, Long> onSource = fixture.rowsOfVirtualShard( 1, 5 );

		single( admin.resume() ).await();

		assertEquals( onSource, fixture.rowsOfVirtualShard( 0, 5 ) );
		fixture.rowsOfVirtualShard( 1, 5 ).forEach( (table, n) -> assertEquals( 0, n, table + " rows left on shard 1" ) );
		assertTrue( admin.status().moves().isEmpty() );
	}

	@Test
	void aStoppedMoveRolledBackLeavesTheVirtualShardWhereItWas() {
		Map<String, List<String>> before = fixture.allRows();
		fixture.execute( 0, "alter table mv_memo add column extra int" );
		try {
			assertThrows( ShardAdminException.class, () -> admin.moveVirtualShard( 6, ShardId.of( 0 ) ).await() );
		}
		finally {
			fixture.execute( 0, "alter table mv_memo drop column extra" );
		}

		admin.rollback( 6 );

		assertEquals( before, fixture.allRows(), "the copied rows are gone from the target, the source is untouched" );
		assertTrue( admin.status().moves().isEmpty() );
		assertEquals( ShardId.of( 1 ), a.getShardIdForVirtualShard( 6 ) );
		writeTo( 6, "written after the rollback" );
		assertThrows( ShardAdminException.class, () -> admin.rollback( 6 ), "nothing left to roll back" );
	}

	@Test
	void refusesWhatCannotBeDoneBeforeChangingAnything(ShardDatabases dbs) {
		assertTrue( assertThrows( ShardAdminException.class, () -> admin.moveVirtualShard( 99, ShardId.of( 1 ) ) ).getMessage().contains( "0 to 7" ) );
		assertTrue( assertThrows( ShardAdminException.class, () -> admin.moveVirtualShard( 3, ShardId.of( 7 ) ) ).getMessage()
				.contains( "not a configured physical shard" ) );
		assertTrue( assertThrows( ShardAdminException.class, () -> admin.moveVirtualShard( 3, ShardId.of( 0 ) ) ).getMessage()
				.contains( "already" ) );
		assertTrue( admin.status().moves().isEmpty() );
		// Shards whose placement the directory keeps refuse a factory without it, which would route by the configured map.
		org.hibernate.shards.ShardingConfigurationException refused = assertThrows( org.hibernate.shards.ShardingConfigurationException.class,
				() -> ShardedFactories.build( dbs, Map.of( "hibernate.hbm2ddl.auto", "none", "hibernate.shards.virtual_shards", "8" ),
						MoveFixture.MODEL ).close() );
		assertTrue( refused.getMessage().contains( "hibernate.shards.directory.enabled=true" ), refused.getMessage() );
	}

	/** A new account with an invoice on the virtual shard, written through {@code a} and found where the directory says. */
	private void writeTo(int virtualShard, String name) {
		MvAccount account = new MvAccount( MoveFixture.emailOn( virtualShard, name.replace( ' ', '-' ) ), name );
		try ( ShardedSession session = a.openSession() ) {
			session.inTransaction( tx -> {
				session.persist( account );
				session.persist( new MvInvoice( account, BigDecimal.ONE, null ) );
			} );
		}
		int shard = a.getShardIdForVirtualShard( virtualShard ).getId();
		assertEquals( 1, fixture.count( shard, "select count(*) from mv_account where id = " + account.getId() ) );
	}

	private static <T> T single(List<T> list) {
		assertEquals( 1, list.size(), list.toString() );
		return list.get( 0 );
	}
}
