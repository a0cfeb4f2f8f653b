package org.hibernate.shards.it.move;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.hibernate.shards.admin.ShardStatus;
import org.hibernate.shards.it.move.model.MvAccount;
import org.hibernate.shards.it.move.model.MvInvoice;
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
 * virtual shard of its own; every outcome is read back from the databases with plain JDBC.
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
			ShardStatus.Move move = stoppedMove( v, output );
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

		ShardStatus.Move move = stoppedMove( ROLLED_BACK, output );
		assertEquals( MoveStep.COPYING, move.step() );
		long copied = total( fixture.rowsOfVirtualShard( 0, ROLLED_BACK ) );
		assertTrue( copied > 0 && copied < total( onSource ), copied + " of " + total( onSource ) + " rows were copied when the mover died" );

		admin.rollback( ROLLED_BACK );

		assertEquals( before, fixture.allRows(), "the copied rows are gone from the target, the source is untouched" );
		assertTrue( admin.status().moves().isEmpty(), "nothing unfinished: " + admin.status().moves() );
		assertEquals( ShardId.of( 1 ), factory.getShardIdForVirtualShard( ROLLED_BACK ) );
		assertEquals( 1, writeTo( ROLLED_BACK, "written after the rollback" ), "the virtual shard is written where it was" );
	}

	private void assertKilledMidCopy(KillPoint point, Map<String, Long> onSource) {
		Map<String, Long> onTarget = fixture.rowsOfVirtualShard( point.target.getId(), point.virtualShard );
		assertTrue( total( onTarget ) > 0 && total( onTarget ) < total( onSource ),
				"the mover died with a part of the rows copied: " + onTarget + " of " + onSource );
	}

	/**
	 * The virtual shard's unfinished move, once no mover holds it. A killed process's connections, and with them its
	 * mover's named locks, end when the server notices: a moment after the kill, not at the same instant.
	 */
	private ShardStatus.Move stoppedMove(int virtualShard, String output) {
		long deadline = System.nanoTime() + Duration.ofSeconds( 10 ).toNanos();
		while ( true ) {
			List<ShardStatus.Move> moves = admin.status().moves();
			assertEquals( 1, moves.size(), "one unfinished move after the kill: " + moves + "\n" + output );
			ShardStatus.Move move = moves.get( 0 );
			assertEquals( virtualShard, move.virtualShard() );
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
