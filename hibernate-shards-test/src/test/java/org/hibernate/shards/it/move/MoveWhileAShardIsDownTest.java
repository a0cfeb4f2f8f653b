package org.hibernate.shards.it.move;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.admin.MoveHandle;
import org.hibernate.shards.admin.MoveListener;
import org.hibernate.shards.admin.MoveProgress;
import org.hibernate.shards.admin.MoveStep;
import org.hibernate.shards.admin.ShardAdmin;
import org.hibernate.shards.admin.ShardAdminException;
import org.hibernate.shards.admin.ShardStatus;
import org.hibernate.shards.test.MySqlShards;
import org.hibernate.shards.test.ShardDatabase;
import org.hibernate.shards.test.ShardDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The target of a move crashes half way (its server is killed), is started again, and the move resumes: the result
 * must equal an uninterrupted move. The directory's control database is on shard 0, which stays up; shard 1 is the
 * target and goes down.
 */
@MySqlShards(value = 2, dedicated = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MoveWhileAShardIsDownTest {
	private static final Duration WAIT = Duration.ofSeconds( 120 );
	private static final ShardId SOURCE = ShardId.of( 0 );
	private static final ShardId TARGET = ShardId.of( 1 );

	private MoveFixture fixture;
	private ShardDatabase target;
	private ShardedSessionFactory factory;
	private ShardAdmin admin;
	/** Which move, at which point, takes the target down; at most once. */
	private volatile Predicate<Object> stopTargetWhen = event -> false;
	private final AtomicBoolean targetStopped = new AtomicBoolean();

	/** A journalled step, as the listener is told of it. */
	private record Step(int virtualShard, MoveStep step) {
	}

	@BeforeAll
	void shardsWithData(ShardDatabases dbs) {
		fixture = new MoveFixture( dbs );
		target = dbs.get( TARGET.getId() );
		// Batches of 2 rows: the copy takes many, and the target can go down between two of them.
		factory = fixture.factory( "create", 1, Map.of( "hibernate.shards.move.batch_size", "2" ) );
		admin = ShardAdmin.of( factory );
		admin.addListener( new MoveListener() {
			@Override
			public void stepCompleted(int virtualShard, MoveStep step) {
				stopTargetIf( new Step( virtualShard, step ) );
			}

			@Override
			public void progress(MoveProgress progress) {
				stopTargetIf( progress );
			}
		} );
		fixture.populate( factory, 1, "d1" );
		fixture.populate( factory, 2, "d2" );
	}

	/** Runs on the mover's thread: the move goes on against a dead target as soon as this returns. */
	private void stopTargetIf(Object event) {
		if ( stopTargetWhen.test( event ) && targetStopped.compareAndSet( false, true ) ) {
			target.stop();
		}
	}

	@AfterEach
	void targetUpAgain() {
		stopTargetWhen = event -> false;
		target.start();
	}

	@AfterAll
	void close() {
		if ( factory != null ) {
			factory.close();
		}
	}

	@Test
	void aTargetThatGoesDownWhileRowsAreCopiedStopsTheMoveWhichResumesOnceItIsBack() {
		int v = 1;
		stopTargetWhen = event -> event instanceof MoveProgress progress && progress.virtualShard() == v && progress.totalRowsCopied() >= 6;

		movedAfterTheTargetCameBack( v, MoveStep.COPYING );
	}

	@Test
	void aTargetThatGoesDownRightAfterTheSwitchStopsTheMoveBeforeTheSourceIsPurged() {
		int v = 2;
		stopTargetWhen = event -> event.equals( new Step( v, MoveStep.SWITCHED ) );

		movedAfterTheTargetCameBack( v, MoveStep.SWITCHED );
	}

	private void movedAfterTheTargetCameBack(int v, MoveStep stoppedAt) {
		targetStopped.set( false );
		Map<String, List<String>> before = fixture.allRows();
		Map<String, Long> onSource = fixture.rowsOfVirtualShard( SOURCE.getId(), v );
		assertTrue( onSource.values().stream().allMatch( n -> n > 0 ), "every table has rows of virtual shard " + v + ": " + onSource );

		ShardAdminException failure = assertThrows( ShardAdminException.class, () -> await( admin.moveVirtualShard( v, TARGET ) ),
				"the move stops when its target goes down" );
		assertTrue( targetStopped.get(), "the target was taken down during the move" );

		String message = failure.getMessage();
		assertTrue( message.contains( "virtual shard " + v ) && message.contains( "step " + stoppedAt ) && message.contains( "resume" ),
				"the error names the virtual shard, the step and what to do: " + message );
		assertTrue( namesTheCause( message ), "the error names the cause: " + message );
		ShardStatus status = admin.status();
		assertEquals( ShardStatus.State.UNREACHABLE, status.shards().get( TARGET.getId() ).state() );
		assertEquals( 1, status.moves().size(), "the move is unfinished: " + status.moves() );
		ShardStatus.Move move = status.moves().get( 0 );
		assertEquals( v, move.virtualShard() );
		assertEquals( stoppedAt, move.step() );
		assertFalse( move.running() );
		assertTrue( move.failure() != null && namesTheCause( move.failure() ), "the journal keeps why it stopped: " + move.failure() );
		assertEquals( onSource, fixture.rowsOfVirtualShard( SOURCE.getId(), v ), "the source keeps every row while the target is down" );
		assertEquals( stoppedAt == MoveStep.SWITCHED ? TARGET : SOURCE, factory.getShardIdForVirtualShard( v ) );

		target.start();
		List<MoveHandle> resumed = admin.resume();
		assertEquals( 1, resumed.size(), "the stopped move is resumed: " + resumed );
		await( resumed.get( 0 ) );

		assertEquals( before, fixture.allRows(), "no row lost, duplicated or changed" );
		assertEquals( onSource, fixture.rowsOfVirtualShard( TARGET.getId(), v ), "every row of the virtual shard is on the target" );
		fixture.rowsOfVirtualShard( SOURCE.getId(), v ).forEach( (table, n) -> assertEquals( 0, n, table + " rows left on the source" ) );
		assertEquals( TARGET, factory.getShardIdForVirtualShard( v ) );
		assertTrue( admin.status().moves().isEmpty(), "no unfinished move: " + admin.status().moves() );
	}

	/** What Connector/J and HikariCP say of a server that is down. */
	private static boolean namesTheCause(String message) {
		return message.contains( "Communications link failure" ) || message.contains( "Connection refused" ) || message.contains( "not available" );
	}

	private static void await(MoveHandle handle) {
		if ( handle.await( WAIT ) == null ) {
			fail( "The move of virtual shard " + handle.virtualShard() + " did not finish within " + WAIT.toSeconds() + " s: " + handle.progress() );
		}
	}
}
