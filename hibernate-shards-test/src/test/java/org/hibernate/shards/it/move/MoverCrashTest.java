package org.hibernate.shards.it.move;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.VirtualShardMovingException;
import org.hibernate.shards.admin.MoveHandle;
import org.hibernate.shards.admin.MoveStep;
import org.hibernate.shards.admin.ShardAdmin;
import org.hibernate.shards.admin.ShardAdminException;
import org.hibernate.shards.admin.ShardStatus;
import org.hibernate.shards.it.move.model.MvAccount;
import org.hibernate.shards.it.move.model.MvInvoice;
import org.hibernate.shards.it.move.model.MvMemo;
import org.hibernate.shards.it.move.model.MvMemoLine;
import org.hibernate.shards.strategy.directory.Partition;
import org.hibernate.shards.strategy.directory.ShardDirectory;
import org.hibernate.shards.test.MySqlShards;
import org.hibernate.shards.test.ShardDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A mover killed with {@code kill -9} (a {@link MoverProcess} in a JVM of its own) after each journalled step in turn,
 * then resumed by another process, this test's: the result must equal an uninterrupted move. Each kill point moves a
 * virtual shard of its own, and then a partition of its own ({@code MvMemo} topics placed on virtual shard 3, moved to
 * 7, which no virtual shard move here touches); every outcome is read back from the databases with plain JDBC.
 */
@MySqlShards(2)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MoverCrashTest {
	/** Small batches, so that the child's copy takes many and can be killed between two of them. */
	private static final int CHILD_BATCH_SIZE = 2;
	private static final Duration WAIT = Duration.ofSeconds( 120 );

	private MoveFixture fixture;
	private ShardedSessionFactory factory;
	private ShardAdmin admin;
	private Path childConfiguration;

	/** Where the child is killed, which virtual shard it moves where, and the step the journal then shows. */
	enum KillPoint {
		/** The journal row exists, nothing is copied yet. */
		COPYING_JOURNALLED(0, 1, "step:COPYING", MoveStep.COPYING),
		/** 50 of the 83 entity rows are on the target (parents first: every account, some invoices), in batches of 2. */
		MID_COPY(1, 1, "rows:50", MoveStep.COPYING),
		/** The copy is verified and the source's fence is closed; the placement has not switched. */
		FENCED(2, 1, "step:FENCED", MoveStep.FENCED),
		/** The placement says target; the source still holds the rows. */
		SWITCHED(4, 0, "step:SWITCHED", MoveStep.SWITCHED),
		/** Nothing left to resume. */
		DONE(5, 0, "step:DONE", null);

		final int virtualShard;
		final ShardId source;
		final ShardId target;
		final String trigger;
		final MoveStep journalled;

		KillPoint(int virtualShard, int target, String trigger, MoveStep journalled) {
			this.virtualShard = virtualShard;
			this.source = ShardId.of( 1 - target );
			this.target = ShardId.of( target );
			this.trigger = trigger;
			this.journalled = journalled;
		}
	}

	/** The virtual shard whose killed move is rolled back, not resumed. */
	private static final int ROLLED_BACK = 6;

	/** Where a partition's mover is killed, and the step the journal then shows. Each moves its own partition from 3 to 7. */
	enum PartitionKillPoint {
		/** The journal row exists, nothing is copied yet. */
		COPYING_JOURNALLED("step:COPYING", MoveStep.COPYING),
		/** The memos (4 rows of the 12) are on the target, in batches of 2; their lines are not. */
		MID_COPY("rows:4", MoveStep.COPYING),
		/** The copy is verified and the source's fence is marked; the directory still places the partition on 3. */
		FENCED("step:FENCED", MoveStep.FENCED),
		/** The directory places the partition on 7; the source still holds its rows. */
		SWITCHED("step:SWITCHED", MoveStep.SWITCHED),
		/** Nothing left to resume. */
		DONE("step:DONE", null);

		final String trigger;
		final MoveStep journalled;

		PartitionKillPoint(String trigger, MoveStep journalled) {
			this.trigger = trigger;
			this.journalled = journalled;
		}

		String partition() {
			return "crash-" + name().toLowerCase( java.util.Locale.ROOT );
		}
	}

	/** Partitions start on virtual shard 3 (shard 0) and move to 7 (shard 1). */
	private static final int PARTITION_FROM = 3;
	private static final int PARTITION_TO = 7;
	private static final Map<String, Long> NO_MEMOS = Map.of( "mv_memo", 0L, "mv_memo_line", 0L );

	/** The memos of each partition, by partition name. */
	private final Map<String, MoveFixture.Memos> partitions = new LinkedHashMap<>();
	/** Memos of a topic of virtual shard 3 without a partition: no partition move may touch them. */
	private MoveFixture.Memos bystanders;
	/** Memos of topics of virtual shard 3 that a partition added later takes to virtual shard 7, by that partition's name. */
	private final Map<String, MoveFixture.Memos> unplaced = new LinkedHashMap<>();

	@BeforeAll
	void dataAndTheChildsConfiguration(ShardDatabases dbs, @TempDir Path directory) {
		fixture = new MoveFixture( dbs );
		// The fence holds writes back 1 s, not 5: the write refused at a closed fence is refused sooner.
		factory = fixture.factory( "create", 1, Map.of( "hibernate.shards.move.fence_wait_seconds", "1" ) );
		admin = ShardAdmin.of( factory );
		for ( KillPoint point : KillPoint.values() ) {
			fixture.populate( factory, point.virtualShard, "k" + point.virtualShard );
		}
		fixture.populate( factory, ROLLED_BACK, "k" + ROLLED_BACK );
		ShardDirectory placements = ShardDirectory.of( factory );
		placements.setupTable( "MvMemo", "topic", null, "HASH()" );
		List<String> names = new java.util.ArrayList<>();
		for ( PartitionKillPoint point : PartitionKillPoint.values() ) {
			names.add( point.partition() );
		}
		names.addAll( List.of( "undone-by-target", "undone-by-source" ) );
		for ( String name : names ) {
			String topic = MoveFixture.topicOn( PARTITION_FROM, name );
			placements.addPartition( "MvMemo", name, topic, PARTITION_FROM );
			partitions.put( name, fixture.writeMemos( factory, topic, 4, 2 ) );
		}
		String removed = MoveFixture.topicOn( PARTITION_FROM, "removed" );
		placements.addPartition( "MvMemo", "removed", removed, PARTITION_TO ); // its rows are written to shard 1
		partitions.put( "removed", fixture.writeMemos( factory, removed, 4, 2 ) );
		for ( String name : List.of( "added-resumed", "added-undone" ) ) {
			unplaced.put( name, fixture.writeMemos( factory, MoveFixture.topicOn( PARTITION_FROM, name ), 4, 2 ) );
		}
		bystanders = fixture.writeMemos( factory, MoveFixture.topicOn( PARTITION_FROM, "bystander" ), 2, 1 );

		Map<String, String> child = new LinkedHashMap<>( dbs.hibernateProperties() );
		child.put( "hibernate.hbm2ddl.auto", "none" );
		child.put( "hibernate.hikari.maximumPoolSize", "8" );
		child.put( "hibernate.hikari.minimumIdle", "1" );
		child.put( "hibernate.shards.virtual_shards", String.valueOf( MoveFixture.VIRTUAL ) );
		child.put( "hibernate.shards.directory.enabled", "true" );
		child.put( "hibernate.shards.directory.refresh_seconds", "1" );
		child.put( "hibernate.shards.move.instance_timeout_seconds", "2" );
		child.put( "hibernate.shards.move.batch_size", String.valueOf( CHILD_BATCH_SIZE ) );
		childConfiguration = KillableMover.writeConfiguration( directory, child );
	}

	@AfterAll
	void close() {
		if ( factory != null ) {
			factory.close();
		}
	}

	@ParameterizedTest
	@EnumSource(KillPoint.class)
	void aMoverKilledAfterAStepIsResumedWithTheSameResultAsAnUninterruptedMove(KillPoint point) {
		int v = point.virtualShard;
		Map<String, List<String>> before = fixture.allRows();
		Map<String, Long> onSource = fixture.rowsOfVirtualShard( point.source.getId(), v );
		assertTrue( onSource.values().stream().allMatch( n -> n > 0 ), "every table has rows of virtual shard " + v + ": " + onSource );

		String output = KillableMover.moveAndKill( childConfiguration, v, point.target, point.trigger );

		if ( point.journalled == null ) {
			assertTrue( admin.status().moves().isEmpty(), "nothing unfinished after DONE:\n" + output );
			assertTrue( admin.resume().isEmpty(), "resume has nothing to do" );
		}
		else {
			ShardStatus.Move move = stoppedMove( output );
			assertEquals( v, move.virtualShard() );
			assertEquals( point.journalled, move.step(), output );
			assertEquals( point.source, move.source() );
			assertEquals( point.target, move.target() );
			assertNull( move.failure(), "a killed mover records no failure" );
			if ( point == KillPoint.MID_COPY ) {
				assertKilledMidCopy( point, onSource );
			}
			if ( point == KillPoint.FENCED ) {
				VirtualShardMovingException held = assertThrows( VirtualShardMovingException.class, () -> writeTo( v, "held at the fence" ),
						"writes to a fenced virtual shard are held while its mover is dead" );
				assertEquals( v, held.getVirtualShard() );
				assertEquals( point.source, held.getShardId() );
			}

			List<MoveHandle> resumed = admin.resume();
			assertEquals( 1, resumed.size(), "the killed move is resumed: " + resumed );
			assertEquals( v, resumed.get( 0 ).virtualShard() );
			awaitMove( resumed.get( 0 ) );
		}

		assertEquals( before, fixture.allRows(), "no row lost, duplicated or changed" );
		assertEquals( onSource, fixture.rowsOfVirtualShard( point.target.getId(), v ), "every row of the virtual shard is on the target" );
		fixture.rowsOfVirtualShard( point.source.getId(), v ).forEach( (table, n) -> assertEquals( 0, n, table + " rows left on the source" ) );
		assertEquals( point.target, factory.getShardIdForVirtualShard( v ) );
		ShardStatus status = admin.status();
		assertTrue( status.moves().isEmpty(), "no unfinished move: " + status.moves() );
		assertTrue( status.shards().get( point.target.getId() ).virtualShards().contains( v ) );
		if ( point == KillPoint.FENCED ) {
			assertEquals( point.target.getId(), writeTo( v, "written after the resume" ), "the write held at the fence goes to the target" );
		}
	}

	@Test
	void aMoverKilledMidCopyAndRolledBackLeavesEverythingAsItWas() {
		Map<String, List<String>> before = fixture.allRows();
		Map<String, Long> onSource = fixture.rowsOfVirtualShard( 1, ROLLED_BACK );

		String output = KillableMover.moveAndKill( childConfiguration, ROLLED_BACK, ShardId.of( 0 ), "rows:9" );

		ShardStatus.Move move = stoppedMove( output );
		assertEquals( ROLLED_BACK, move.virtualShard() );
		assertEquals( MoveStep.COPYING, move.step() );
		long copied = total( fixture.rowsOfVirtualShard( 0, ROLLED_BACK ) );
		assertTrue( copied > 0 && copied < total( onSource ), copied + " of " + total( onSource ) + " rows were copied when the mover died" );

		admin.rollback( ROLLED_BACK );

		assertEquals( before, fixture.allRows(), "the copied rows are gone from the target, the source is untouched" );
		assertTrue( admin.status().moves().isEmpty(), "nothing unfinished: " + admin.status().moves() );
		assertEquals( ShardId.of( 1 ), factory.getShardIdForVirtualShard( ROLLED_BACK ) );
		assertEquals( 1, writeTo( ROLLED_BACK, "written after the rollback" ), "the virtual shard is written where it was" );
	}

	@ParameterizedTest
	@EnumSource(PartitionKillPoint.class)
	void aPartitionMoverKilledAfterAStepIsResumedWithTheSameResultAsAnUninterruptedMove(PartitionKillPoint point) {
		String name = point.partition();
		MoveFixture.Memos memos = partitions.get( name );
		Map<String, List<String>> before = fixture.allRows();
		assertEquals( memos.counts(), fixture.held( 0, memos ) );

		String output = KillableMover.movePartitionAndKill( childConfiguration, "MvMemo", name, PARTITION_TO, point.trigger );

		if ( point.journalled == null ) {
			assertTrue( admin.status().moves().isEmpty(), "nothing unfinished after DONE:\n" + output );
			assertTrue( admin.resume().isEmpty(), "resume has nothing to do" );
		}
		else {
			ShardStatus.Move move = stoppedMove( output );
			assertStoppedPartitionMove( move, name, point.journalled, output );
			if ( point == PartitionKillPoint.MID_COPY ) {
				long copied = total( fixture.held( 1, memos ) );
				assertTrue( copied > 0 && copied < total( memos.counts() ), copied + " of the partition's " + total( memos.counts() )
						+ " rows were on the target when the mover died" );
			}
			if ( point == PartitionKillPoint.FENCED ) {
				assertThrows( VirtualShardMovingException.class, () -> writeMemo( memos.topic(), "held at the fence" ),
						"writes to a fenced partition are held while its mover is dead" );
			}

			List<MoveHandle> resumed = admin.resume();
			assertEquals( 1, resumed.size(), "the killed move is resumed: " + resumed );
			assertEquals( PARTITION_FROM, resumed.get( 0 ).virtualShard(), "the handle names the partition's virtual shard before the move" );
			awaitMove( resumed.get( 0 ) );
		}

		assertEquals( before, fixture.allRows(), "no row lost, duplicated or changed" );
		assertEquals( memos.counts(), fixture.held( 1, memos ), "every memo and line of the partition is on the target" );
		assertEquals( NO_MEMOS, fixture.held( 0, memos ), "nothing of the partition is left on the source" );
		assertEquals( bystanders.counts(), fixture.held( 0, bystanders ), "another topic of the virtual shard stayed" );
		assertEquals( PARTITION_TO, placedOn( name ) );
		assertEquals( memos.memoIds(), MoveFixture.memoIdsByKey( factory, memos.topic() ) );
		assertTrue( admin.status().moves().isEmpty(), "no unfinished move: " + admin.status().moves() );
		if ( point == PartitionKillPoint.FENCED ) {
			assertEquals( 1, writeMemo( memos.topic(), "written after the resume" ), "the write held at the fence goes to the target" );
		}
	}

	@Test
	void aPartitionMoverKilledMidCopyAndRolledBackByItsNewVirtualShardLeavesEverythingAsItWas() {
		MoveFixture.Memos memos = partitions.get( "undone-by-target" );
		Map<String, List<String>> before = fixture.allRows();

		String output = KillableMover.movePartitionAndKill( childConfiguration, "MvMemo", "undone-by-target", PARTITION_TO, "rows:4" );

		assertStoppedPartitionMove( stoppedMove( output ), "undone-by-target", MoveStep.COPYING, output );
		assertTrue( total( fixture.held( 1, memos ) ) > 0, "rows were copied when the mover died" );

		admin.rollback( PARTITION_TO );

		assertRolledBack( memos, "undone-by-target", before );
	}

	@Test
	void aPartitionMoverKilledBehindItsFenceAndRolledBackByItsOldVirtualShardLeavesEverythingAsItWas() {
		MoveFixture.Memos memos = partitions.get( "undone-by-source" );
		Map<String, List<String>> before = fixture.allRows();

		String output = KillableMover.movePartitionAndKill( childConfiguration, "MvMemo", "undone-by-source", PARTITION_TO, "step:FENCED" );

		assertStoppedPartitionMove( stoppedMove( output ), "undone-by-source", MoveStep.FENCED, output );
		assertEquals( memos.counts(), fixture.held( 1, memos ), "the whole partition was copied when the mover died" );

		admin.rollback( PARTITION_FROM );

		assertRolledBack( memos, "undone-by-source", before );
	}

	@Test
	void aPartitionAddedWithRowsElsewhereWhoseMoverWasKilledBehindItsFenceIsAddedWhenResumed() {
		MoveFixture.Memos memos = unplaced.get( "added-resumed" );
		Map<String, List<String>> before = fixture.allRows();

		String output = KillableMover.addPartitionAndKill( childConfiguration, "MvMemo", "added-resumed", memos.topic(), PARTITION_TO, "step:FENCED" );

		assertStoppedPartitionMove( stoppedMove( output ), "added-resumed", MoveStep.FENCED, output );
		assertFalse( partitionNames().contains( "added-resumed" ), "the partition is not in the directory before its switch" );
		List<MoveHandle> resumed = admin.resume();
		assertEquals( 1, resumed.size(), "the killed move is resumed: " + resumed );
		awaitMove( resumed.get( 0 ) );

		assertEquals( before, fixture.allRows(), "no row lost, duplicated or changed" );
		assertEquals( memos.counts(), fixture.held( 1, memos ), "the rows of the value went with the new partition" );
		assertEquals( NO_MEMOS, fixture.held( 0, memos ) );
		assertEquals( PARTITION_TO, placedOn( "added-resumed" ) );
		assertEquals( memos.memoIds(), MoveFixture.memoIdsByKey( factory, memos.topic() ) );
		assertTrue( admin.status().moves().isEmpty(), "no unfinished move: " + admin.status().moves() );
	}

	@Test
	void aPartitionAddedWithRowsElsewhereWhoseMoverWasKilledAndRolledBackIsNeverAdded() {
		MoveFixture.Memos memos = unplaced.get( "added-undone" );
		Map<String, List<String>> before = fixture.allRows();

		String output = KillableMover.addPartitionAndKill( childConfiguration, "MvMemo", "added-undone", memos.topic(), PARTITION_TO, "rows:4" );

		assertStoppedPartitionMove( stoppedMove( output ), "added-undone", MoveStep.COPYING, output );
		admin.rollback( PARTITION_TO );

		assertEquals( before, fixture.allRows(), "the copied rows are gone from the target, the source is untouched" );
		assertEquals( NO_MEMOS, fixture.held( 1, memos ) );
		assertFalse( partitionNames().contains( "added-undone" ), "the partition was never added" );
		assertTrue( admin.status().moves().isEmpty(), "nothing unfinished: " + admin.status().moves() );
		assertEquals( 0, writeMemo( memos.topic(), "written after the rollback" ), "the value is still written where its hash places it" );
	}

	@Test
	void aPartitionRemovedWhoseMoverWasKilledAfterItsSwitchIsGoneWhenResumed() {
		MoveFixture.Memos memos = partitions.get( "removed" );
		Map<String, List<String>> before = fixture.allRows();
		assertEquals( memos.counts(), fixture.held( 1, memos ) );

		String output = KillableMover.removePartitionAndKill( childConfiguration, "MvMemo", "removed", "step:SWITCHED" );

		assertStoppedPartitionMove( stoppedMove( output ), "removed", MoveStep.SWITCHED, 1, 0, output );
		assertFalse( partitionNames().contains( "removed" ), "the switch removed the partition from the directory" );
		List<MoveHandle> resumed = admin.resume();
		assertEquals( 1, resumed.size(), "the killed move is resumed: " + resumed );
		awaitMove( resumed.get( 0 ) );

		assertEquals( before, fixture.allRows(), "no row lost, duplicated or changed" );
		assertEquals( memos.counts(), fixture.held( 0, memos ), "the rows went where the hash places the value" );
		assertEquals( NO_MEMOS, fixture.held( 1, memos ) );
		assertEquals( memos.memoIds(), MoveFixture.memoIdsByKey( factory, memos.topic() ) );
		assertTrue( admin.status().moves().isEmpty(), "no unfinished move: " + admin.status().moves() );
	}

	private List<String> partitionNames() {
		return ShardDirectory.of( factory ).listPartitions( "MvMemo" ).stream().map( Partition::name ).toList();
	}

	private void assertStoppedPartitionMove(ShardStatus.Move move, String name, MoveStep step, String output) {
		assertStoppedPartitionMove( move, name, step, 0, 1, output );
	}

	private void assertStoppedPartitionMove(ShardStatus.Move move, String name, MoveStep step, int source, int target, String output) {
		assertNotNull( move.partition(), "a partition's move names its partition: " + move );
		assertTrue( move.partition().contains( "MvMemo" ) && move.partition().contains( name ), move.partition() );
		assertEquals( step, move.step(), output );
		assertEquals( ShardId.of( source ), move.source() );
		assertEquals( ShardId.of( target ), move.target() );
		assertNull( move.failure(), "a killed mover records no failure" );
	}

	private void assertRolledBack(MoveFixture.Memos memos, String name, Map<String, List<String>> before) {
		assertEquals( before, fixture.allRows(), "the copied rows are gone from the target, the source is untouched" );
		assertEquals( NO_MEMOS, fixture.held( 1, memos ) );
		assertEquals( PARTITION_FROM, placedOn( name ) );
		assertTrue( admin.status().moves().isEmpty(), "nothing unfinished: " + admin.status().moves() );
		assertThrows( ShardAdminException.class, () -> admin.rollback( PARTITION_FROM ), "nothing left to roll back" );
		assertEquals( 0, writeMemo( memos.topic(), "written after the rollback" ), "the partition is written where it was" );
		assertEquals( memos.memoIds().size() + 1, MoveFixture.memoIdsByKey( factory, memos.topic() ).size() );
	}

	private int placedOn(String partition) {
		return ShardDirectory.of( factory ).listPartitions( "MvMemo" ).stream().filter( p -> p.name().equals( partition ) ).findFirst()
				.orElseThrow().virtualShard();
	}

	/** A new memo of the topic, with a line, written through the factory. @return the shard it is on */
	private int writeMemo(String topic, String body) {
		long id = fixture.nextMemoId();
		long lineId = fixture.nextMemoId();
		try ( ShardedSession session = factory.openSession() ) {
			session.inTransaction( tx -> {
				MvMemo memo = new MvMemo( id, topic, body );
				session.persist( memo );
				session.persist( new MvMemoLine( lineId, memo, body ) );
			} );
		}
		for ( int shard = 0; shard < 2; shard++ ) {
			if ( fixture.count( shard, "select count(*) from mv_memo where id = " + id ) == 1 ) {
				assertEquals( 1, fixture.count( shard, "select count(*) from mv_memo_line where id = " + lineId ) );
				assertEquals( 0, fixture.count( 1 - shard, "select count(*) from mv_memo where id = " + id ) );
				return shard;
			}
		}
		return fail( "the memo written to " + topic + " is on no shard" );
	}

	private void assertKilledMidCopy(KillPoint point, Map<String, Long> onSource) {
		Map<String, Long> onTarget = fixture.rowsOfVirtualShard( point.target.getId(), point.virtualShard );
		assertTrue( total( onTarget ) > 0 && total( onTarget ) < total( onSource ),
				"the mover died with a part of the rows copied: " + onTarget + " of " + onSource );
	}

	/**
	 * The one unfinished move, once no mover holds it. A killed process's connections, and with them its mover's named
	 * locks, end when the server notices: a moment after the kill, not at the same instant.
	 */
	private ShardStatus.Move stoppedMove(String output) {
		long deadline = System.nanoTime() + Duration.ofSeconds( 10 ).toNanos();
		while ( true ) {
			List<ShardStatus.Move> moves = admin.status().moves();
			assertEquals( 1, moves.size(), "one unfinished move after the kill: " + moves + "\n" + output );
			ShardStatus.Move move = moves.get( 0 );
			if ( !move.running() ) {
				return move;
			}
			if ( System.nanoTime() > deadline ) {
				fail( "The killed mover's move still shows as running 10 s after the kill: " + move );
			}
			sleep( 100 );
		}
	}

	private static void awaitMove(MoveHandle handle) {
		if ( handle.await( WAIT ) == null ) {
			fail( "The resumed move of virtual shard " + handle.virtualShard() + " did not finish within " + WAIT.toSeconds() + " s: "
					+ handle.progress() );
		}
	}

	/** A new account with an invoice on the virtual shard, written through the factory. @return the shard it is on */
	private int writeTo(int virtualShard, String name) {
		MvAccount account = new MvAccount( MoveFixture.emailOn( virtualShard, name.replace( ' ', '-' ) ), name );
		try ( ShardedSession session = factory.openSession() ) {
			session.inTransaction( tx -> {
				session.persist( account );
				session.persist( new MvInvoice( account, BigDecimal.ONE, null ) );
			} );
		}
		for ( int shard = 0; shard < 2; shard++ ) {
			if ( fixture.count( shard, "select count(*) from mv_account where id = " + account.getId() ) == 1 ) {
				assertEquals( 1, fixture.count( shard, "select count(*) from mv_invoice where account_id = " + account.getId() ) );
				assertFalse( fixture.count( 1 - shard, "select count(*) from mv_account where id = " + account.getId() ) > 0 );
				return shard;
			}
		}
		return fail( "the account written to virtual shard " + virtualShard + " is on no shard" );
	}

	private static long total(Map<String, Long> counts) {
		return counts.values().stream().mapToLong( Long::longValue ).sum();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep( millis );
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException( e );
		}
	}
}
