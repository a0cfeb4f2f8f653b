package org.hibernate.shards.it.move;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.admin.MoveReport;
import org.hibernate.shards.admin.ShardAdmin;
import org.hibernate.shards.it.move.model.MvMemo;
import org.hibernate.shards.it.move.model.MvMemoLine;
import org.hibernate.shards.strategy.directory.ShardDirectory;
import org.hibernate.shards.test.MySqlShards;
import org.hibernate.shards.test.ShardDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A partition move under load. Two application instances ({@code a}, which moves, and {@code b}, which re-reads the
 * directory only every 3 s or when a write meets a fence, so that it routes by a stale placement for a while) write
 * with three threads each: inserts, updates and deletes of memos with their lines, mostly of the moving topic, the
 * rest of topics that stay (another partition and a hashed topic of the same virtual shard, topics of other virtual
 * shards on both physical shards). Afterwards the databases, read with plain JDBC, must hold exactly what the writers
 * were told was committed: no write lost, none duplicated, nothing of the moved topic left on its old shard, every
 * other topic where it was.
 * <p>
 * The moving topic starts with {@code -Dhibernate.shards.test.move.rows} memos (default {@value #DEFAULT_ROWS}; the
 * {@code soak} profile sets 50,000), each with a line.
 */
@MySqlShards(2)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartitionMoveUnderLoadTest {
	static final int DEFAULT_ROWS = 300;
	private static final int ROWS = Integer.getInteger( MoveUnderLoadTest.ROWS_PROPERTY, DEFAULT_ROWS );
	/** Virtual shards 0-3 live on shard 0, 4-7 on shard 1. */
	private static final int FROM = 3;
	private static final int TO = 6;
	private static final int ROWS_PER_OTHER_TOPIC = 20;
	private static final int WRITERS_PER_INSTANCE = 3;
	private static final Duration WRITE_LIMIT = Duration.ofSeconds( 60 + ROWS / 200 );

	private MoveFixture fixture;
	private ShardedSessionFactory a;
	private ShardedSessionFactory b;
	private final MemoLedger ledger = new MemoLedger();
	private final AtomicBoolean stop = new AtomicBoolean();
	private final List<MemoWriter> writers = new ArrayList<>();
	private final String moving = MoveFixture.topicOn( FROM, "hot" );
	/** The other topics, with the physical shard each lives on throughout. */
	private final Map<String, Integer> others = new LinkedHashMap<>();
	private int nextOwner;

	@BeforeAll
	void twoInstancesAndAPartitionFullOfMemos(ShardDatabases dbs) {
		fixture = new MoveFixture( dbs );
		// As MoveUnderLoadTest: realistic batches, an instance timeout above b's refresh (the mover waits for b to follow),
		// pools as large as the threads need.
		Map<String, String> settings = Map.of( "hibernate.shards.move.batch_size", "100", "hibernate.shards.move.instance_timeout_seconds", "10",
				"hibernate.hikari.maximumPoolSize", String.valueOf( WRITERS_PER_INSTANCE + 2 ), "hibernate.jdbc.batch_size", "100",
				"hibernate.order_inserts", "true" );
		a = fixture.factory( "create", 1, settings );
		b = fixture.factory( "none", 3, settings );
		ShardDirectory directory = ShardDirectory.of( a );
		directory.setupTable( "MvMemo", "topic", null, "HASH()" );
		directory.addPartition( "MvMemo", "hot", moving, FROM );
		String warm = MoveFixture.topicOn( FROM, "warm" );
		directory.addPartition( "MvMemo", "warm", warm, FROM );
		others.put( warm, 0 );
		others.put( MoveFixture.topicOn( FROM, "cold" ), 0 );
		others.put( MoveFixture.topicOn( 1, "near" ), 0 );
		others.put( MoveFixture.topicOn( 5, "far" ), 1 );

		long seed = Long.getLong( "hibernate.shards.test.move.seed", System.nanoTime() );
		System.out.println( "PartitionMoveUnderLoadTest seed " + seed + " (-Dhibernate.shards.test.move.seed to repeat the writers' choices)" );
		for ( int i = 0; i < 2 * WRITERS_PER_INSTANCE; i++ ) {
			boolean onA = i < WRITERS_PER_INSTANCE;
			writers.add( new MemoWriter( ( onA ? "a" : "b" ) + "-writer-" + i, onA ? a : b, ledger, moving, List.copyOf( others.keySet() ),
					WRITE_LIMIT, stop, seed + i ) );
		}
		preload( moving, ROWS );
		others.keySet().forEach( topic -> preload( topic, ROWS_PER_OTHER_TOPIC ) );
	}

	@AfterAll
	void close() {
		stop.set( true );
		if ( b != null ) {
			b.close();
		}
		if ( a != null ) {
			a.close();
		}
	}

	@Test
	void aPartitionMovesWhileTwoInstancesWriteItAndNoAcknowledgedWriteIsLostOrDuplicated() {
		ShardAdmin admin = ShardAdmin.of( a );
		List<Thread> threads = new ArrayList<>();
		writers.forEach( writer -> threads.add( new Thread( writer, writer.name ) ) );
		MoveReport report;
		long moveStart;
		long moveEnd;
		try {
			threads.forEach( Thread::start );
			awaitLoad( "every writer to commit 3 writes before the move", Duration.ofSeconds( 60 ), () -> writers.stream().allMatch( w -> w.commits >= 3 ) );

			moveStart = System.nanoTime();
			report = MoveFixture.awaitUnderLoad( admin, admin.movePartition( "MvMemo", "hot", TO ), Duration.ofSeconds( 120 + ROWS / 100 ), this::requireNoWriterFailed );
			moveEnd = System.nanoTime();
			long after = moveEnd;
			awaitLoad( "every writer to commit again after the move, for at least 1 s", Duration.ofSeconds( 60 ),
					() -> System.nanoTime() - after > 1_000_000_000L && writers.stream().allMatch( w -> w.lastCommitNanos > after ) );
		}
		finally {
			stopAll( threads );
		}
		requireNoWriterFailed();

		WriteStats stats = WriteStats.merge( writers.stream().map( w -> w.stats ).toList() );
		System.out.printf( "PartitionMoveUnderLoadTest: moved %d preloaded memos of a partition in %.1f s; write pause seen by writers to it "
				+ "p50 %.1f ms, p99 %.1f ms, max %.1f ms; %s; report.writePause %d ms, report.followedBinlog %s%n", ROWS,
				( moveEnd - moveStart ) / 1e9, stats.percentileMillis( 0.50 ), stats.percentileMillis( 0.99 ), stats.percentileMillis( 1.0 ),
				stats.describe(), report.writePause().toMillis(), report.followedBinlog() );

		assertTrue( stats.movingWrites() > 0 && stats.otherWrites() > 0, "writes went to the moving partition and to other topics: " + stats.describe() );
		assertEquals( ShardId.of( 0 ), report.source() );
		assertEquals( ShardId.of( 1 ), report.target() );
		assertEquals( TO, ShardDirectory.of( a ).listPartitions( "MvMemo" ).stream().filter( p -> p.name().equals( "hot" ) ).findFirst().orElseThrow()
				.virtualShard() );
		assertTrue( admin.status().moves().isEmpty(), "no unfinished move: " + admin.status().moves() );
		assertStoredRowsAreTheLedger();
		MoveFixture.awaitFollows( b, a );
		List<Long> live = ledger.live().values().stream().filter( memo -> memo.topic().equals( moving ) ).map( MemoLedger.Memo::id ).sorted().toList();
		assertEquals( live, MoveFixture.memoIdsByKey( b, moving ), "b finds every memo of the moved topic by its key" );
	}

	/** The databases hold exactly what the writers were told was committed, each row once, where its topic lives. */
	private void assertStoredRowsAreTheLedger() {
		List<String> problems = new ArrayList<>();
		compare( "mv_memo", "select id, topic, body from mv_memo", ledger.memoLines(), problems );
		compare( "mv_memo_line", "select id, memo_id, text from mv_memo_line", ledger.lineLines(), problems );

		Map<String, Integer> shardOfTopic = new HashMap<>( others );
		shardOfTopic.put( moving, 1 );
		for ( int shard = 0; shard < 2; shard++ ) {
			for ( String line : fixture.lines( shard, "select topic, count(*) from mv_memo group by topic" ) ) {
				String topic = line.substring( 0, line.lastIndexOf( '|' ) );
				Integer expected = shardOfTopic.get( topic );
				if ( expected != null && expected != shard ) {
					problems.add( line.substring( line.lastIndexOf( '|' ) + 1 ) + " memos of " + topic + " are on shard " + shard + ", it lives on shard "
							+ expected );
				}
			}
			long orphans = fixture.count( shard, "select count(*) from mv_memo_line l where not exists (select 1 from mv_memo m where m.id = l.memo_id)" );
			if ( orphans > 0 ) {
				problems.add( orphans + " lines on shard " + shard + " whose memo is not there" );
			}
		}
		long leftOnSource = fixture.count( 0, "select count(*) from mv_memo where topic = '" + moving + "'" )
				+ fixture.count( 0, "select count(*) from mv_memo_line l join mv_memo m on m.id = l.memo_id where m.topic = '" + moving + "'" );
		if ( leftOnSource > 0 ) {
			problems.add( leftOnSource + " rows of the moved topic are left on shard 0" );
		}
		System.out.printf( "PartitionMoveUnderLoadTest: the ledger holds %d memos (%d of the moved topic); %d memos were deleted%n", ledger.live().size(),
				ledger.live().values().stream().filter( memo -> memo.topic().equals( moving ) ).count(), ledger.deleted().size() );
		assertTrue( problems.isEmpty(), problems.size() + " differences between what was committed and what the shards hold:\n  "
				+ String.join( "\n  ", problems.stream().limit( 20 ).toList() ) );
	}

	/** Compares a table's rows on both shards with the ledger's, and reports rows stored on both shards. */
	private void compare(String table, String query, List<String> committed, List<String> problems) {
		List<String> shard0 = fixture.lines( 0, query );
		List<String> shard1 = fixture.lines( 1, query );
		List<String> stored = new ArrayList<>( shard0 );
		stored.addAll( shard1 );
		java.util.Collections.sort( stored );
		java.util.Set<String> ids0 = new java.util.HashSet<>();
		shard0.forEach( line -> ids0.add( line.substring( 0, line.indexOf( '|' ) ) ) );
		List<String> twice = shard1.stream().filter( line -> ids0.contains( line.substring( 0, line.indexOf( '|' ) ) ) ).toList();
		if ( !twice.isEmpty() ) {
			problems.add( table + ": " + twice.size() + " ids on both shards, e.g. " + twice.stream().limit( 5 ).toList() );
		}
		if ( !stored.equals( committed ) ) {
			problems.add( table + ": the writers committed " + StoredAccounts.checksum( committed ) + ", the shards hold " + StoredAccounts.checksum( stored )
					+ "; committed but missing " + StoredAccounts.missingFrom( stored, committed, 5 ) + ", held but not committed (or not in that state) "
					+ StoredAccounts.missingFrom( committed, stored, 5 ) );
		}
	}

	/** Memos with a line each, written through {@code a} in chunks, recorded in the ledger and shared out among the writers. */
	private void preload(String topic, int count) {
		for ( int chunk = 0; chunk < count; chunk += 500 ) {
			int from = chunk;
			int to = Math.min( count, chunk + 500 );
			List<MemoLedger.Memo> written = new ArrayList<>();
			try ( ShardedSession session = a.openSession() ) {
				session.inTransaction( tx -> {
					for ( int i = from; i < to; i++ ) {
						long id = MemoWriter.IDS.incrementAndGet();
						long lineId = MemoWriter.IDS.incrementAndGet();
						MvMemo memo = new MvMemo( id, topic, "preloaded " + i );
						session.persist( memo );
						session.persist( new MvMemoLine( lineId, memo, "preloaded line " + i ) );
						written.add( new MemoLedger.Memo( id, topic, memo.getBody(), Map.of( lineId, "preloaded line " + i ) ) );
					}
				} );
			}
			for ( MemoLedger.Memo memo : written ) {
				ledger.written( memo );
				writers.get( nextOwner++ % writers.size() ).own( memo );
			}
		}
	}

	/** Waits, bounded, while the writers run; fails at once when one of them failed. */
	private void awaitLoad(String what, Duration limit, BooleanSupplier done) {
		long deadline = System.nanoTime() + limit.toNanos();
		while ( !done.getAsBoolean() ) {
			requireNoWriterFailed();
			if ( System.nanoTime() > deadline ) {
				fail( "Waited " + limit.toSeconds() + " s for " + what + "; commits per writer " + writers.stream().map( w -> w.commits ).toList() );
			}
			try {
				Thread.sleep( 20 );
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new AssertionError( "Interrupted", e );
			}
		}
	}

	private void requireNoWriterFailed() {
		AssertionError failed = null;
		for ( MemoWriter writer : writers ) {
			if ( writer.failure != null ) {
				if ( failed == null ) {
					failed = new AssertionError( "A writer failed: " + writer.failure.getMessage(), writer.failure );
				}
				else {
					failed.addSuppressed( writer.failure );
				}
			}
		}
		if ( failed != null ) {
			throw failed;
		}
	}

	/** Stops the writers: each finishes the write it is making (retrying until it commits), bounded by the limit for one write. */
	private void stopAll(List<Thread> threads) {
		stop.set( true );
		List<String> stuck = new ArrayList<>();
		long deadline = System.nanoTime() + WRITE_LIMIT.plusSeconds( 30 ).toNanos();
		for ( Thread thread : threads ) {
			try {
				thread.join( Math.max( 1, ( deadline - System.nanoTime() ) / 1_000_000 ) );
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			if ( thread.isAlive() ) {
				stuck.add( thread.getName() + " at " + List.of( thread.getStackTrace() ).stream().limit( 8 ).toList() );
				thread.interrupt();
			}
		}
		if ( !stuck.isEmpty() ) {
			fail( "Writers did not stop in time: " + stuck );
		}
	}
}
