package org.hibernate.shards.it.move;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.admin.MoveListener;
import org.hibernate.shards.admin.MoveReport;
import org.hibernate.shards.admin.MoveStep;
import org.hibernate.shards.admin.ShardAdmin;
import org.hibernate.shards.it.move.model.MvAccount;
import org.hibernate.shards.it.move.model.MvInvoice;
import org.hibernate.shards.test.MySqlShards;
import org.hibernate.shards.test.ShardDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A move under load. Two application instances ({@code a}, which moves, and {@code b}, which re-reads the directory
 * only every 3 s or when a write meets a fence saying the virtual shard has gone, so that it routes by a stale
 * placement for a while) write with four threads each: inserts, updates
 * and deletes of accounts with tags and invoices, mostly on the moving virtual shard; a reader on each instance reads
 * the accounts back by id and by e-mail. Afterwards the databases, read with plain JDBC, must hold exactly what the
 * writers were told was committed: no write lost, none duplicated, nothing of the moved virtual shard left on its old
 * shard.
 * <p>
 * The size of the moving virtual shard is {@code -Dhibernate.shards.test.move.rows} accounts (default
 * {@value #DEFAULT_ROWS}; the {@code soak} profile moves 50,000). The write pause the writers saw is printed, not
 * asserted: speed goals live in the benchmarks.
 */
@MySqlShards(2)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MoveUnderLoadTest {
	static final String ROWS_PROPERTY = "hibernate.shards.test.move.rows";
	static final int DEFAULT_ROWS = 2_000;
	private static final int ROWS = Integer.getInteger( ROWS_PROPERTY, DEFAULT_ROWS );
	/** Virtual shards 0-3 live on shard 0, 4-7 on shard 1. */
	private static final int MOVING = 3;
	private static final ShardId SOURCE = ShardId.of( 0 );
	private static final ShardId TARGET = ShardId.of( 1 );
	private static final int[] OTHERS = IntStream.range( 0, MoveFixture.VIRTUAL ).filter( v -> v != MOVING ).toArray();
	private static final int ROWS_ON_OTHERS = 20;
	private static final int WRITERS_PER_INSTANCE = 4;
	/**
	 * How long one logical write may take, retries included, before it counts as failed: without a binary log to follow
	 * the whole copy runs behind the fence, so this grows with the size.
	 */
	private static final Duration WRITE_LIMIT = Duration.ofSeconds( 120 + ROWS / 200 );

	private ShardDatabases dbs;
	private MoveFixture fixture;
	private ShardedSessionFactory a;
	private ShardedSessionFactory b;
	private final LoadLedger ledger = new LoadLedger();
	private final AtomicBoolean stop = new AtomicBoolean();
	private final List<LoadWriter> writers = new ArrayList<>();
	private final List<LoadReader> readers = new ArrayList<>();
	private final Map<MoveStep, Long> steps = new ConcurrentHashMap<>();
	private int nextOwner;

	@BeforeAll
	void twoInstancesAndAVirtualShardFullOfAccounts(ShardDatabases dbs) {
		this.dbs = dbs;
		fixture = new MoveFixture( dbs );
		// Copy in batches of a realistic size; the instance timeout above b's refresh, so that the mover waits for b to follow.
		// Each instance's pools are as large as its threads need (a connection per writer and reader, and on shard 0 the one
		// the @ShardedId node lease holds), so that while the fence is closed the writers waiting at it hold all they may
		// take: the mover must not need them.
		Map<String, String> settings = Map.of( "hibernate.shards.move.batch_size", "500", "hibernate.shards.move.instance_timeout_seconds", "10",
				"hibernate.hikari.maximumPoolSize", String.valueOf( WRITERS_PER_INSTANCE + 2 ), "hibernate.jdbc.batch_size", "100",
				"hibernate.order_inserts", "true" );
		a = fixture.factory( "create", 1, settings );
		b = fixture.factory( "none", 3, settings );
		long seed = Long.getLong( "hibernate.shards.test.move.seed", System.nanoTime() );
		System.out.println( "MoveUnderLoadTest seed " + seed + " (-Dhibernate.shards.test.move.seed to repeat the writers' choices)" );
		for ( int i = 0; i < 2 * WRITERS_PER_INSTANCE; i++ ) {
			ShardedSessionFactory factory = i < WRITERS_PER_INSTANCE ? a : b;
			writers.add( new LoadWriter( ( i < WRITERS_PER_INSTANCE ? "a" : "b" ) + "-writer-" + i, factory, ledger, MOVING, OTHERS, WRITE_LIMIT, stop,
					seed + i ) );
		}
		readers.add( new LoadReader( "a-reader", a, ledger, TARGET, stop, seed + 100 ) );
		readers.add( new LoadReader( "b-reader", b, ledger, TARGET, stop, seed + 101 ) );

		long start = System.nanoTime();
		preload( MOVING, ROWS );
		for ( int v : OTHERS ) {
			preload( v, ROWS_ON_OTHERS );
		}
		System.out.printf( "MoveUnderLoadTest preloaded %d accounts on virtual shard %d and %d on each other one in %.1f s%n", ROWS, MOVING,
				ROWS_ON_OTHERS, seconds( System.nanoTime() - start ) );
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
	void aVirtualShardMovesWhileTwoInstancesWriteAndReadItAndNoAcknowledgedWriteIsLostOrDuplicated() {
		ShardAdmin admin = ShardAdmin.of( a );
		admin.addListener( new MoveListener() {
			@Override
			public void stepCompleted(int virtualShard, MoveStep step) {
				steps.putIfAbsent( step, System.nanoTime() );
			}
		} );
		List<Thread> threads = new ArrayList<>();
		writers.forEach( writer -> threads.add( new Thread( writer, writer.name ) ) );
		readers.forEach( reader -> threads.add( new Thread( reader, reader.name ) ) );
		MoveReport report;
		long moveStart;
		long moveEnd;
		try {
			threads.forEach( Thread::start );
			awaitLoad( "every writer to commit 3 writes and every reader to read 3 accounts before the move", Duration.ofSeconds( 60 ),
					() -> writers.stream().allMatch( w -> w.commits >= 3 ) && readers.stream().allMatch( r -> r.reads >= 3 ) );

			moveStart = System.nanoTime();
			report = MoveFixture.awaitUnderLoad( admin, admin.moveVirtualShard( MOVING, TARGET ), Duration.ofSeconds( 120 + ROWS / 100 ), this::requireNoThreadFailed );
			moveEnd = System.nanoTime();
			long after = moveEnd;
			awaitLoad( "every writer to commit again after the move, for at least 1 s", Duration.ofSeconds( 60 ),
					() -> System.nanoTime() - after > 1_000_000_000L && writers.stream().allMatch( w -> w.lastCommitNanos > after ) );
		}
		finally {
			stopAll( threads );
		}
		requireNoThreadFailed();

		WriteStats stats = WriteStats.merge( writers.stream().map( w -> w.stats ).toList() );
		long reads = readers.stream().mapToLong( r -> r.reads ).sum();
		long staleReads = readers.stream().mapToLong( r -> r.staleReads ).sum();
		System.out.printf( "MoveUnderLoadTest: moved virtual shard %d (%d accounts preloaded, %s moved) in %.1f s%s; "
				+ "write pause seen by writers to it p50 %.1f ms, p99 %.1f ms, max %.1f ms; %s; report.writePause %d ms, "
				+ "report.followedBinlog %s; %d reads, %d of them stale (routed by the old placement)%n",
				MOVING, ROWS, moved( report ), seconds( moveEnd - moveStart ), stepTimes( moveStart ), stats.percentileMillis( 0.50 ),
				stats.percentileMillis( 0.99 ), stats.percentileMillis( 1.0 ), stats.describe(), report.writePause().toMillis(),
				report.followedBinlog(), reads, staleReads );

		List<String> readProblems = new ArrayList<>();
		readers.forEach( r -> readProblems.addAll( r.problems ) );
		assertTrue( readProblems.isEmpty(), readProblems.size() + " reads went wrong, e.g. " + readProblems.stream().limit( 10 ).toList() );
		assertTrue( stats.movingWrites() > 0 && stats.otherWrites() > 0, "writes went to both the moving virtual shard and others: " + stats.describe() );
		assertEquals( MOVING, report.virtualShard() );
		assertEquals( SOURCE, report.source() );
		assertEquals( TARGET, report.target() );
		assertEquals( TARGET, a.getShardIdForVirtualShard( MOVING ) );
		assertEquals( TARGET, b.getShardIdForVirtualShard( MOVING ), "the source was purged only once b routed by the new placement" );
		assertTrue( admin.status().moves().isEmpty(), "no unfinished move: " + admin.status().moves() );
		assertStoredRowsAreTheLedger();
	}

	/** The databases hold exactly what the writers were told was committed, each row once, where the placement says. */
	private void assertStoredRowsAreTheLedger() {
		StoredAccounts stored = StoredAccounts.read( dbs );
		Map<String, List<String>> expected = StoredAccounts.expected( ledger );
		List<String> problems = new ArrayList<>();
		expected.forEach( (table, lines) -> {
			List<String> actual = stored.all( table );
			List<String> twice = stored.onSeveralShards( table );
			if ( !twice.isEmpty() ) {
				problems.add( table + ": " + twice.size() + " rows on both shards, e.g. " + twice.stream().limit( 5 ).toList() );
			}
			String want = StoredAccounts.checksum( lines );
			String have = StoredAccounts.checksum( actual );
			if ( !want.equals( have ) ) {
				problems.add( table + ": the writers committed " + want + ", the shards hold " + have + "; committed but missing "
						+ StoredAccounts.missingFrom( actual, lines, 5 ) + ", held but not committed (or not in that state) "
						+ StoredAccounts.missingFrom( lines, actual, 5 ) );
			}
		} );

		Map<Long, List<Integer>> shardsOfAccounts = stored.accountShards();
		for ( LoadLedger.Account account : ledger.live().values() ) {
			List<Integer> shards = shardsOfAccounts.getOrDefault( account.id(), List.of() );
			int placed = a.getShardIdForVirtualShard( account.virtualShard() ).getId();
			if ( !shards.equals( List.of( placed ) ) ) {
				problems.add( "account " + account.id() + " of virtual shard " + account.virtualShard() + " is on shards " + shards
						+ ", the placement says " + placed );
			}
		}
		Set<Long> deleted = ledger.deleted();
		for ( Long id : deleted ) {
			if ( shardsOfAccounts.containsKey( id ) ) {
				problems.add( "account " + id + ", whose delete was acknowledged, is still on shards " + shardsOfAccounts.get( id ) );
			}
		}
		fixture.rowsOfVirtualShard( SOURCE.getId(), MOVING ).forEach( (table, n) -> {
			if ( n != 0 ) {
				problems.add( table + ": " + n + " rows of virtual shard " + MOVING + " left on " + SOURCE );
			}
		} );
		System.out.printf( "MoveUnderLoadTest: the shards hold accounts %s, tags %s, invoices %s; %d accounts were deleted%n",
				StoredAccounts.checksum( stored.all( StoredAccounts.ACCOUNTS ) ), StoredAccounts.checksum( stored.all( StoredAccounts.TAGS ) ),
				StoredAccounts.checksum( stored.all( StoredAccounts.INVOICES ) ), deleted.size() );
		assertTrue( problems.isEmpty(), problems.size() + " differences between what was committed and what the shards hold:\n  "
				+ String.join( "\n  ", problems.stream().limit( 20 ).toList() ) );
	}

	/** Accounts with tags and an invoice, written through {@code a} in chunks, recorded in the ledger and shared out among the writers. */
	private void preload(int virtualShard, int count) {
		int chunk = 500;
		for ( int from = 0; from < count; from += chunk ) {
			List<LoadLedger.Account> written = preloadChunk( virtualShard, from, Math.min( count, from + chunk ) );
			for ( LoadLedger.Account account : written ) {
				ledger.inserted( account );
				writers.get( nextOwner++ % writers.size() ).own( account );
			}
		}
	}

	private List<LoadLedger.Account> preloadChunk(int virtualShard, int from, int to) {
		List<LoadLedger.Account> written = new ArrayList<>();
		try ( ShardedSession session = a.openSession() ) {
			session.inTransaction( tx -> {
				for ( int i = from; i < to; i++ ) {
					String email = LoadWriter.newEmail( virtualShard );
					MvAccount account = new MvAccount( email, "preloaded " + virtualShard + "/" + i );
					account.getTags().add( "p" + i % 7 );
					if ( i % 3 == 0 ) {
						account.getTags().add( "q" + i );
					}
					session.persist( account );
					BigDecimal amount = BigDecimal.valueOf( i * 100L + 25, 2 );
					MvInvoice invoice = new MvInvoice( account, amount, java.time.LocalDateTime.of( 2026, 1, 1, 12, 0 ) );
					session.persist( invoice );
					written.add( new LoadLedger.Account( account.getId(), email, virtualShard, session.getShardIdForObject( account ), account.getName(),
							account.getTags(), Map.of( invoice.getId(), amount ) ) );
				}
			} );
		}
		return written;
	}

	/** Waits, bounded, while the writers and readers run; fails at once when one of them failed. */
	private void awaitLoad(String what, Duration limit, BooleanSupplier done) {
		long deadline = System.nanoTime() + limit.toNanos();
		while ( !done.getAsBoolean() ) {
			requireNoThreadFailed();
			if ( System.nanoTime() > deadline ) {
				fail( "Waited " + limit.toSeconds() + " s for " + what + "; commits per writer "
						+ writers.stream().map( w -> w.commits ).toList() + ", reads per reader " + readers.stream().map( r -> r.reads ).toList() );
			}
			MoveFixture.sleep( 20 );
		}
	}

	private void requireNoThreadFailed() {
		AssertionError failed = null;
		for ( LoadWriter writer : writers ) {
			failed = withFailure( failed, writer.failure );
		}
		for ( LoadReader reader : readers ) {
			failed = withFailure( failed, reader.failure );
		}
		if ( failed != null ) {
			throw failed;
		}
	}

	private static AssertionError withFailure(AssertionError failed, Throwable failure) {
		if ( failure == null ) {
			return failed;
		}
		if ( failed == null ) {
			return new AssertionError( "A writer or reader failed: " + failure.getMessage(), failure );
		}
		failed.addSuppressed( failure );
		return failed;
	}

	/**
	 * Stops the threads: each finishes the write it is making (retrying it until it commits, so the ledger stays exact),
	 * bounded by the limit for one write.
	 */
	private void stopAll(List<Thread> threads) {
		stop.set( true );
		List<String> stuck = new ArrayList<>();
		Duration limit = WRITE_LIMIT.plusSeconds( 30 );
		long deadline = System.nanoTime() + limit.toNanos();
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
			fail( "Writers or readers did not stop within " + limit.toSeconds() + " s: " + stuck );
		}
	}

	/** The rows the report says moved, by simple entity name, leaving out entities without rows. */
	private static Map<String, Long> moved(MoveReport report) {
		Map<String, Long> moved = new java.util.TreeMap<>();
		report.rowsByEntity().forEach( (entity, rows) -> {
			if ( rows > 0 ) {
				moved.put( entity.substring( entity.lastIndexOf( '.' ) + 1 ), rows );
			}
		} );
		return moved;
	}

	private String stepTimes(long moveStart) {
		StringBuilder times = new StringBuilder( " (" );
		steps.entrySet().stream().sorted( Map.Entry.comparingByValue() ).forEach( step -> times.append( times.length() > 2 ? ", " : "" )
				.append( step.getKey() ).append( " at " ).append( String.format( "%.1f s", seconds( step.getValue() - moveStart ) ) ) );
		return times.append( ')' ).toString();
	}

	private static double seconds(long nanos) {
		return nanos / 1e9;
	}
}
