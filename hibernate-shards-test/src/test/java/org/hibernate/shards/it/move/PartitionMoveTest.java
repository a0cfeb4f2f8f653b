package org.hibernate.shards.it.move;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.VirtualShardMovingException;
import org.hibernate.shards.admin.MoveHandle;
import org.hibernate.shards.admin.MoveReport;
import org.hibernate.shards.admin.MoveStep;
import org.hibernate.shards.admin.ShardAdmin;
import org.hibernate.shards.admin.ShardAdminException;
import org.hibernate.shards.admin.ShardStatus;
import org.hibernate.shards.it.move.model.MvAccount;
import org.hibernate.shards.it.move.model.MvBoard;
import org.hibernate.shards.it.move.model.MvInvoice;
import org.hibernate.shards.it.move.model.MvMemo;
import org.hibernate.shards.it.move.model.MvMemoLine;
import org.hibernate.shards.it.move.model.MvPin;
import org.hibernate.shards.strategy.directory.Partition;
import org.hibernate.shards.strategy.directory.ShardDirectory;
import org.hibernate.shards.strategy.directory.ShardDirectoryException;
import org.hibernate.shards.test.MySqlShards;
import org.hibernate.shards.test.ShardDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Moving one partition of {@code MvMemo} (the memos of one topic, with their lines) to another virtual shard, through
 * {@link ShardDirectory#movePartition} and {@link ShardAdmin#movePartition}. Values without a partition are hashed.
 * A second instance ({@code b}) shares the directory. Each test places partitions of its own; virtual shards 0-3 live
 * on shard 0, 4-7 on shard 1. Every outcome is read back from the databases with plain JDBC.
 */
@MySqlShards(2)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartitionMoveTest {
	private static final Map<String, Long> NONE = Map.of( "mv_memo", 0L, "mv_memo_line", 0L );
	private static final Duration WAIT = Duration.ofSeconds( 60 );

	private MoveFixture fixture;
	private ShardedSessionFactory a;
	private ShardedSessionFactory b;
	private ShardDirectory directory;
	private ShardAdmin admin;

	@BeforeAll
	void twoInstances(ShardDatabases dbs) {
		fixture = new MoveFixture( dbs );
		Class<?>[] model = { MvAccount.class, MvInvoice.class, MvMemo.class, MvMemoLine.class, MvBoard.class,
				MvPin.class };
		a = fixture.factory( "create", 1, Map.of(), model );
		b = fixture.factory( "none", 3600, Map.of(), model );
		directory = ShardDirectory.of( a );
		admin = ShardAdmin.of( a );
		directory.setupTable( "MvMemo", "topic", null, "HASH()" );
		directory.setupTable( "MvAccount", "email", null, "HASH()" );
		directory.setupTable( "MvBoard", "name", null, "HASH()" );
	}

	@AfterAll
	void close() {
		if ( b != null ) {
			b.close();
		}
		if ( a != null ) {
			a.close();
		}
	}

	@Test
	void aPartitionMovesWithItsLinesAndLeavesNothingOnTheSource() {
		String topic = MoveFixture.topicOn( 1, "mover" );
		String neighbour = MoveFixture.topicOn( 1, "neighbour" );
		String hashed = MoveFixture.topicOn( 1, "hashed" );
		directory.addPartition( "MvMemo", "mover", topic, 1 );
		directory.addPartition( "MvMemo", "neighbour", neighbour, 1 );
		MoveFixture.Memos memos = fixture.writeMemos( a, topic, 3, 2 );
		MoveFixture.Memos besideInAPartition = fixture.writeMemos( a, neighbour, 2, 2 );
		MoveFixture.Memos besideByHash = fixture.writeMemos( a, hashed, 2, 1 );
		Map<String, List<String>> before = fixture.allRows();

		directory.movePartition( "MvMemo", "mover", 6 ); // virtual shard 1 lives on shard 0, 6 on shard 1

		assertEquals( memos.counts(), fixture.held( 1, memos ), "every memo of the partition and every line of them is on shard 1" );
		assertEquals( NONE, fixture.held( 0, memos ), "nothing of the partition is left on shard 0" );
		assertEquals( besideInAPartition.counts(), fixture.held( 0, besideInAPartition ), "another partition of virtual shard 1 stays" );
		assertEquals( besideByHash.counts(), fixture.held( 0, besideByHash ), "a hashed topic of virtual shard 1 stays" );
		assertEquals( before, fixture.allRows(), "no row lost, duplicated or changed" );
		assertEquals( 6, partition( "mover" ).virtualShard() );
		assertEquals( 1, partition( "neighbour" ).virtualShard() );
		for ( ShardedSessionFactory factory : List.of( a, b ) ) {
			assertEquals( memos.memoIds(), MoveFixture.memoIdsByKey( factory, topic ), "found by key on its new shard" );
			assertEquals( memos.lineIds(), MoveFixture.lineIdsByKey( factory, topic ) );
			assertEquals( besideInAPartition.memoIds(), MoveFixture.memoIdsByKey( factory, neighbour ) );
			// b learns that the move is over (and stops refusing queries over every shard) within its heartbeat.
			MoveFixture.awaitFollows( factory, a );
			assertEquals( memoRows(), countAll( factory, "select count(m) from MvMemo m" ), "a query over every shard counts each memo once" );
			assertEquals( lineRows(), countAll( factory, "select count(l) from MvMemoLine l" ) );
		}
		assertTrue( admin.status().moves().isEmpty(), "no unfinished move: " + admin.status().moves() );
	}

	@Test
	void theAdministrationMovesAPartitionInTheBackgroundAndReportsWhatItMoved() {
		String topic = MoveFixture.topicOn( 2, "trip" );
		directory.addPartition( "MvMemo", "trip", topic, 2 );
		MoveFixture.Memos memos = fixture.writeMemos( a, topic, 4, 2 );
		Map<String, List<String>> before = fixture.allRows();

		MoveHandle there = admin.movePartition( "MvMemo", "trip", 5 );
		assertEquals( 2, there.virtualShard(), "the handle names the partition's current virtual shard" );
		MoveReport report = await( there );

		assertEquals( ShardId.of( 0 ), report.source() );
		assertEquals( ShardId.of( 1 ), report.target() );
		assertEquals( 4L, report.rowsByEntity().get( MvMemo.class.getName() ), "the report counts the partition's memos: " + report );
		assertEquals( 8L, report.rowsByEntity().get( MvMemoLine.class.getName() ), "and their lines: " + report );
		assertEquals( memos.counts(), fixture.held( 1, memos ) );
		assertEquals( NONE, fixture.held( 0, memos ) );
		assertEquals( 5, partition( "trip" ).virtualShard() );
		assertTrue( there.isDone() );

		MoveHandle back = admin.movePartition( "MvMemo", "trip", 2 );
		assertEquals( 5, back.virtualShard() );
		await( back );

		assertEquals( memos.counts(), fixture.held( 0, memos ), "moved back, the rows are where they started" );
		assertEquals( NONE, fixture.held( 1, memos ) );
		assertEquals( before, fixture.allRows() );
		assertEquals( 2, partition( "trip" ).virtualShard() );
		assertEquals( memos.memoIds(), MoveFixture.memoIdsByKey( b, topic ) );
	}

	@Test
	void aPartitionMovedWithinItsPhysicalShardChangesOnlyTheDirectoryAndThenTravelsWithItsVirtualShard() {
		String topic = MoveFixture.topicOn( 0, "local" );
		directory.addPartition( "MvMemo", "local", topic, 0 );
		MoveFixture.Memos memos = fixture.writeMemos( a, topic, 2, 2 );
		Map<String, List<String>> shard0 = fixture.rows( 0 );
		Map<String, List<String>> shard1 = fixture.rows( 1 );

		directory.movePartition( "MvMemo", "local", 3 ); // virtual shards 0 and 3 both live on shard 0

		assertEquals( shard0, fixture.rows( 0 ), "shard 0 holds the same rows" );
		assertEquals( shard1, fixture.rows( 1 ), "shard 1 holds the same rows" );
		assertEquals( 3, partition( "local" ).virtualShard() );
		assertEquals( memos.memoIds(), MoveFixture.memoIdsByKey( a, topic ) );

		// The rows belong to virtual shard 3 now: they go where it goes.
		admin.moveVirtualShard( 3, ShardId.of( 1 ) ).await();

		assertEquals( memos.counts(), fixture.held( 1, memos ) );
		assertEquals( NONE, fixture.held( 0, memos ) );
		assertEquals( memos.memoIds(), MoveFixture.memoIdsByKey( a, topic ) );
		assertEquals( memos.lineIds(), MoveFixture.lineIdsByKey( b, topic ) );
	}

	/**
	 * A partition's move leaves a mark on its old virtual shard's fence, which stays once the move is done. The virtual
	 * shard must still move with its other rows, there and back, and take writes from both instances each time.
	 */
	@Test
	void aVirtualShardThatAPartitionLeftStillMovesWithItsOtherRowsAndTakesWrites() {
		String leaving = MoveFixture.topicOn( 7, "outbound" );
		String remaining = MoveFixture.topicOn( 7, "remaining" );
		directory.addPartition( "MvMemo", "outbound", leaving, 7 );
		MoveFixture.Memos gone = fixture.writeMemos( a, leaving, 2, 1 );
		MoveFixture.Memos rest = fixture.writeMemos( a, remaining, 2, 1 );
		directory.movePartition( "MvMemo", "outbound", 0 ); // from shard 1 to shard 0
		assertEquals( gone.counts(), fixture.held( 0, gone ) );

		for ( int shard : new int[] { 0, 1 } ) {
			admin.moveVirtualShard( 7, ShardId.of( shard ) ).await();

			assertEquals( rest.counts(), fixture.held( shard, rest ), "the rest of virtual shard 7 is on shard " + shard );
			assertEquals( NONE, fixture.held( 1 - shard, rest ) );
			assertEquals( gone.counts(), fixture.held( 0, gone ), "the partition that left virtual shard 7 stays on virtual shard 0" );
			for ( ShardedSessionFactory factory : List.of( a, b ) ) {
				long id = fixture.nextMemoId();
				writeRetrying( factory, session -> {
					session.persist( new MvMemo( id, remaining, "written while virtual shard 7 is on shard " + shard ) );
					return null;
				} );
				assertEquals( List.of( shard == 0 ? 1L : 0L, shard == 1 ? 1L : 0L ), List.of( fixture.count( 0, "select count(*) from mv_memo where id = " + id ),
						fixture.count( 1, "select count(*) from mv_memo where id = " + id ) ), "the new memo, on shards 0 and 1" );
			}
		}
		assertEquals( 6, MoveFixture.memoIdsByKey( a, remaining ).size() );
		assertEquals( gone.memoIds(), MoveFixture.memoIdsByKey( b, leaving ) );
	}

	@Test
	void anUnfinishedPartitionMoveIsListedInStatusAndHoldsOffOtherMovesOfItsVirtualShards() throws InterruptedException {
		String topic = MoveFixture.topicOn( 1, "watched" );
		String beside = MoveFixture.topicOn( 1, "beside" );
		directory.addPartition( "MvMemo", "watched", topic, 1 );
		directory.addPartition( "MvMemo", "beside", beside, 1 );
		MoveFixture.Memos memos = fixture.writeMemos( a, topic, 2, 2 );
		fixture.writeMemos( a, beside, 1, 1 );
		MoveHold started = MoveHold.afterStep( MoveStep.COPYING );
		admin.addListener( started );
		MoveHandle move;
		try {
			move = admin.movePartition( "MvMemo", "watched", 4 );
			started.awaitReached();

			List<ShardStatus.Move> moves = admin.status().moves();
			assertEquals( 1, moves.size(), moves.toString() );
			ShardStatus.Move listed = moves.get( 0 );
			assertNotNull( listed.partition(), "a partition's move names its partition: " + listed );
			assertTrue( listed.partition().contains( "MvMemo" ) && listed.partition().contains( "watched" ), listed.partition() );
			assertTrue( listed.running(), "its mover is working on it" );
			assertNull( listed.failure() );
			assertEquals( MoveStep.COPYING, listed.step() );
			assertEquals( ShardId.of( 0 ), listed.source() );
			assertEquals( ShardId.of( 1 ), listed.target() );

			assertThrows( ShardAdminException.class, () -> admin.moveVirtualShard( 1, ShardId.of( 1 ) ), "its old virtual shard is busy" );
			assertThrows( ShardAdminException.class, () -> admin.moveVirtualShard( 4, ShardId.of( 0 ) ), "its new virtual shard is busy" );
			assertThrows( ShardAdminException.class, () -> admin.movePartition( "MvMemo", "beside", 5 ), "another partition of its virtual shard waits" );
			assertThrows( ShardAdminException.class, () -> admin.movePartition( "MvMemo", "watched", 5 ), "the partition is moving already" );
			assertThrows( ShardDirectoryException.class, () -> directory.movePartition( "MvMemo", "watched", 5 ) );
			assertThrows( ShardAdminException.class, () -> admin.rollback( 1 ), "a running move is not rolled back" );
			assertEquals( 1, admin.status().moves().size(), "the refused requests journalled nothing" );
		}
		finally {
			started.release();
		}

		await( move );

		assertTrue( admin.status().moves().isEmpty(), "nothing unfinished once it is done: " + admin.status().moves() );
		assertEquals( memos.counts(), fixture.held( 1, memos ) );
		assertEquals( NONE, fixture.held( 0, memos ) );
		assertEquals( 4, partition( "watched" ).virtualShard() );
		assertEquals( 1, partition( "beside" ).virtualShard() );
	}

	@Test
	void aPartitionMoveThatStopsIsShownInStatusAndResumesOnceTheCauseIsFixed() {
		String topic = MoveFixture.topicOn( 2, "halted" );
		directory.addPartition( "MvMemo", "halted", topic, 2 );
		MoveFixture.Memos memos = fixture.writeMemos( a, topic, 2, 2 );
		long during = fixture.nextMemoId();
		fixture.execute( 1, "alter table mv_memo add column extra int" ); // the target's table no longer matches the source's
		try {
			ShardDirectoryException stopped = assertThrows( ShardDirectoryException.class, () -> directory.movePartition( "MvMemo", "halted", 5 ) );
			assertTrue( stopped.getMessage().contains( "mv_memo" ), stopped.getMessage() );
			List<ShardStatus.Move> moves = admin.status().moves();
			assertEquals( 1, moves.size(), moves.toString() );
			ShardStatus.Move move = moves.get( 0 );
			assertTrue( move.partition() != null && move.partition().contains( "halted" ), "the stopped move names its partition: " + move );
			assertFalse( move.running() );
			assertTrue( move.failure() != null && move.failure().contains( "mv_memo" ), "it says why it stopped: " + move.failure() );
			assertEquals( 2, partition( "halted" ).virtualShard(), "nothing switched" );
			assertEquals( memos.memoIds(), MoveFixture.memoIdsByKey( a, topic ), "the partition is read where it was" );
			writeRetrying( a, session -> {
				session.persist( new MvMemo( during, topic, "written while the move was stopped" ) );
				return null;
			} );
			assertEquals( 1, fixture.count( 0, "select count(*) from mv_memo where id = " + during ), "and written where it was" );
		}
		finally {
			fixture.execute( 1, "alter table mv_memo drop column extra" );
		}

		List<MoveHandle> resumed = admin.resume();
		assertEquals( 1, resumed.size(), resumed.toString() );
		await( resumed.get( 0 ) );

		assertEquals( memos.counts(), fixture.held( 1, memos ) );
		assertEquals( NONE, fixture.held( 0, memos ) );
		assertEquals( List.of( 0L, 1L ), List.of( fixture.count( 0, "select count(*) from mv_memo where id = " + during ),
				fixture.count( 1, "select count(*) from mv_memo where id = " + during ) ), "the memo written meanwhile moved too" );
		assertEquals( 5, partition( "halted" ).virtualShard() );
		assertTrue( admin.status().moves().isEmpty(), admin.status().moves().toString() );
	}

	@Test
	void unknownEntitiesPartitionsAndVirtualShardsAreRefusedBeforeAnythingChanges() {
		String topic = MoveFixture.topicOn( 2, "fixed" );
		directory.addPartition( "MvMemo", "fixed", topic, 2 );
		MoveFixture.Memos memos = fixture.writeMemos( a, topic, 1, 1 );
		List<Partition> partitions = directory.listPartitions( "MvMemo" );
		Map<String, List<String>> before = fixture.allRows();
		long version = directory.version();

		assertRefusedBoth( "Nope", "Nope", "fixed", 6 );
		assertRefusedBoth( "nope", "MvMemo", "nope", 6 );
		assertRefusedBoth( "8", "MvMemo", "fixed", MoveFixture.VIRTUAL );
		assertRefusedBoth( "-1", "MvMemo", "fixed", -1 );

		assertEquals( partitions, directory.listPartitions( "MvMemo" ) );
		assertEquals( before, fixture.allRows() );
		assertEquals( memos.counts(), fixture.held( 0, memos ) );
		assertTrue( admin.status().moves().isEmpty(), admin.status().moves().toString() );
		directory.refresh();
		assertEquals( version, directory.version(), "the directory did not change" );
	}

	@Test
	void movingAPartitionToTheVirtualShardItIsOnIsRefused() {
		String topic = MoveFixture.topicOn( 2, "stay" );
		directory.addPartition( "MvMemo", "stay", topic, 2 );
		MoveFixture.Memos memos = fixture.writeMemos( a, topic, 1, 1 );
		long version = directory.version();

		assertThrows( ShardAdminException.class, () -> admin.movePartition( "MvMemo", "stay", 2 ),
				"ShardAdmin.movePartition documents: 'the partition is there already' is refused" );

		assertEquals( 2, partition( "stay" ).virtualShard() );
		assertEquals( memos.counts(), fixture.held( 0, memos ) );
		assertTrue( admin.status().moves().isEmpty() );
		directory.refresh();
		assertEquals( version, directory.version(), "the directory did not change" );
	}

	@Test
	void rowsWhoseIdsOrWhoseCompanionsIdsCarryTheirVirtualShardAreRefused() {
		String email = MoveFixture.emailOn( 2, "tied" );
		String boardName = MoveFixture.topicOn( 2, "board" ); // any string: the hash of the board's name places it
		directory.addPartition( "MvAccount", "tied", email, 2 );
		directory.addPartition( "MvBoard", "pinned", boardName, 2 );
		try ( ShardedSession session = a.openSession() ) {
			session.inTransaction( tx -> {
				session.persist( new MvAccount( email, "tied to virtual shard 2" ) );
				MvBoard board = new MvBoard( fixture.nextMemoId(), boardName );
				session.persist( board );
				session.persist( new MvPin( board, "a pin" ) );
			} );
		}
		Map<String, List<String>> before = fixture.allRows();
		List<Partition> accounts = directory.listPartitions( "MvAccount" );
		List<Partition> boards = directory.listPartitions( "MvBoard" );

		for ( int virtualShard : new int[] { 1, 6 } ) { // on the same physical shard, and on the other one
			String tied = assertThrows( ShardDirectoryException.class, () -> directory.movePartition( "MvAccount", "tied", virtualShard ) ).getMessage();
			assertTrue( tied.contains( "carry their virtual shard" ), tied );
			assertThrows( ShardAdminException.class, () -> admin.movePartition( "MvAccount", "tied", virtualShard ) );
			String pinned = assertThrows( ShardDirectoryException.class, () -> directory.movePartition( "MvBoard", "pinned", virtualShard ) ).getMessage();
			assertTrue( pinned.contains( "MvPin" ), "the message names the entity whose ids tie the rows: " + pinned );
			String pinnedByAdmin = assertThrows( ShardAdminException.class, () -> admin.movePartition( "MvBoard", "pinned", virtualShard ) ).getMessage();
			assertTrue( pinnedByAdmin.contains( "MvPin" ), pinnedByAdmin );
		}

		assertEquals( accounts, directory.listPartitions( "MvAccount" ) );
		assertEquals( boards, directory.listPartitions( "MvBoard" ) );
		assertEquals( before, fixture.allRows() );
		assertEquals( 1, fixture.count( 0, "select count(*) from mv_board where name = '" + boardName + "'" ) );
		assertEquals( 1, fixture.count( 0, "select count(*) from mv_pin p join mv_board b on b.id = p.board_id where b.name = '" + boardName + "'" ) );
		assertEquals( 0, fixture.count( 1, "select count(*) from mv_board" ) + fixture.count( 1, "select count(*) from mv_pin" ) );
		assertTrue( admin.status().moves().isEmpty(), admin.status().moves().toString() );
	}

	/**
	 * A partition without rows moves too, even of an entity whose ids carry their virtual shard. Right after the move
	 * another instance, which may not have read the directory since, writes a row of the partition: retried as
	 * applications retry a {@link VirtualShardMovingException}, it must end up where the partition is now, found by key,
	 * with an id that carries the partition's new virtual shard.
	 */
	@Test
	void aRowWrittenByAnotherInstanceRightAfterAnEmptyPartitionMovedLandsWhereThePartitionIsNow() {
		String email = MoveFixture.emailOn( 2, "later" );
		directory.addPartition( "MvAccount", "later", email, 2 );
		String topic = MoveFixture.topicOn( 2, "later" );
		directory.addPartition( "MvMemo", "later", topic, 2 );

		// The account's partition last: a move that waits for every instance to follow would also show b the earlier one.
		directory.movePartition( "MvMemo", "later", 6 );
		directory.movePartition( "MvAccount", "later", 6 );

		assertEquals( 6, directory.listPartitions( "MvAccount" ).stream().filter( p -> p.name().equals( "later" ) ).findFirst().orElseThrow()
				.virtualShard() );
		assertEquals( 6, partition( "later" ).virtualShard() );
		long memoId = fixture.nextMemoId();
		Long accountId = writeRetrying( b, session -> {
			MvAccount account = new MvAccount( email, "written after the move" );
			session.persist( account );
			session.persist( new MvMemo( memoId, topic, "written after the move" ) );
			return account.getId();
		} );
		assertEquals( List.of( 0L, 1L ), List.of( fixture.count( 0, "select count(*) from mv_memo where id = " + memoId ),
				fixture.count( 1, "select count(*) from mv_memo where id = " + memoId ) ), "the memo, on shards 0 and 1: it is where its partition is" );
		assertEquals( List.of( 0L, 1L ), List.of( fixture.count( 0, "select count(*) from mv_account where email = '" + email + "'" ),
				fixture.count( 1, "select count(*) from mv_account where email = '" + email + "'" ) ),
				"the account, on shards 0 and 1: it is where its partition is" );
		assertEquals( 6, accountId & 1023, "its id carries the partition's new virtual shard" );
		try ( ShardedSession session = a.openSession() ) {
			assertEquals( 1, session.createSelectionQuery( "from MvAccount where email = :e", MvAccount.class ).setParameter( "e", email ).list().size(),
					"found by key" );
		}
	}

	/** Runs a transaction in a new session until it commits; a {@link VirtualShardMovingException} is retried, up to 5 times. */
	private static <T> T writeRetrying(ShardedSessionFactory factory, java.util.function.Function<ShardedSession, T> work) {
		for ( int attempt = 1; ; attempt++ ) {
			try ( ShardedSession session = factory.openSession() ) {
				return session.fromTransaction( tx -> work.apply( session ) );
			}
			catch (VirtualShardMovingException e) {
				if ( attempt == 5 ) {
					throw e;
				}
			}
		}
	}

	/** The same request, refused by both entry points with a message naming what is wrong. */
	private void assertRefusedBoth(String named, String entity, String partition, int virtualShard) {
		String byDirectory = assertThrows( ShardDirectoryException.class, () -> directory.movePartition( entity, partition, virtualShard ) ).getMessage();
		assertTrue( byDirectory.contains( named ), byDirectory );
		String byAdmin = assertThrows( ShardAdminException.class, () -> admin.movePartition( entity, partition, virtualShard ) ).getMessage();
		assertTrue( byAdmin.contains( named ), byAdmin );
	}

	private Partition partition(String name) {
		List<String> names = new ArrayList<>();
		for ( Partition partition : directory.listPartitions( "MvMemo" ) ) {
			if ( partition.name().equals( name ) ) {
				return partition;
			}
			names.add( partition.name() );
		}
		throw new AssertionError( "MvMemo has no partition " + name + ", only " + names );
	}

	private static MoveReport await(MoveHandle handle) {
		MoveReport report = handle.await( WAIT );
		assertNotNull( report, "the move did not finish within " + WAIT.toSeconds() + " s: " + handle.progress() );
		return report;
	}

	private long memoRows() {
		return fixture.count( 0, "select count(*) from mv_memo" ) + fixture.count( 1, "select count(*) from mv_memo" );
	}

	private long lineRows() {
		return fixture.count( 0, "select count(*) from mv_memo_line" ) + fixture.count( 1, "select count(*) from mv_memo_line" );
	}

	private static long countAll(ShardedSessionFactory factory, String hql) {
		try ( ShardedSession session = factory.openSession() ) {
			return session.createSelectionQuery( hql, Long.class ).getSingleResult();
		}
	}
}
