package org.hibernate.shards.strategy.directory.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.admin.MoveListener;
import org.hibernate.shards.admin.MoveProgress;
import org.hibernate.shards.admin.MoveReport;
import org.hibernate.shards.admin.MoveStep;
import org.hibernate.shards.admin.ShardAdminException;
import org.hibernate.shards.admin.internal.BinlogTail;
import org.hibernate.shards.spi.ShardConnection;
import org.hibernate.shards.spi.move.FenceTable;
import org.hibernate.shards.spi.move.RowCopy;
import org.hibernate.shards.spi.move.ShardedTable;
import org.hibernate.shards.spi.move.TableChecksum;
import org.hibernate.shards.spi.move.VirtualShardRows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one move from its journalled step to the end: copy (following the source's binary log), fence, verify, switch,
 * wait for every instance to follow, purge. Each step is journalled once it is complete, and every step may run again,
 * so a move whose mover died resumes from its last step with the same result.
 */
final class VirtualShardMover {
	private static final Logger LOG = LoggerFactory.getLogger( VirtualShardMover.class );
	/** Catching up stops and the fence closes once a round has this few changes left, or after this many rounds. */
	private static final int CATCH_UP_ROUNDS = 20;

	private final DirectoryService directory;
	private final VirtualShardRows rows;
	private final MoveSettingsValues settings;
	private volatile MoveJournal.Entry entry;
	private final ShardId source;
	private final ShardId target;
	private final Map<String, Long> copied = new ConcurrentHashMap<>();
	private volatile long copyStartNanos;
	private volatile long estimatedRows = -1;
	private Duration pause = Duration.ZERO;
	/** The tables the move covers: every one for a virtual shard, the partitioned entity's and those living with it for a partition. */
	private List<ShardedTable> tables = List.of();
	/** Reads the target while this thread reads the source; a thread of the move's own, never the common pool. */
	private final java.util.concurrent.ExecutorService sideBySide = java.util.concurrent.Executors.newSingleThreadExecutor( runnable -> {
		Thread thread = new Thread( runnable, "hibernate-shards-mover-target" );
		thread.setDaemon( true );
		return thread;
	} );

	private final List<MoveListener> listeners;
	private long progressRecordedNanos;

	VirtualShardMover(DirectoryService directory, VirtualShardRows rows, MoveSettingsValues settings, MoveJournal.Entry entry,
			List<MoveListener> listeners) {
		this.listeners = listeners;
		this.directory = directory;
		this.rows = rows;
		this.settings = settings;
		this.entry = entry;
		this.source = ShardId.of( entry.source() );
		this.target = ShardId.of( entry.target() );
	}

	MoveJournal.Entry entry() {
		return entry;
	}

	MoveProgress progress() {
		long total = copied.values().stream().mapToLong( Long::longValue ).sum();
		double seconds = copyStartNanos == 0 ? 0 : ( System.nanoTime() - copyStartNanos ) / 1e9;
		double rate = seconds <= 0 ? 0 : total / seconds;
		Duration left = estimatedRows < 0 || rate <= 0 ? null
				: Duration.ofMillis( (long) ( Math.max( 0, estimatedRows - total ) / rate * 1000 ) );
		return new MoveProgress( entry.virtualShard(), entry.step(), Map.copyOf( copied ), rate, left );
	}

	MoveReport run() {
		long start = System.nanoTime();
		int v = entry.virtualShard();
		LOG.info( "Moving {} from {} to {} (move {}, step {})", entry.describe(), source, target, entry.id(), entry.step() );
		if ( entry.step() == MoveStep.COPYING ) {
			stepCompleted(); // the journal row exists: a move that stops from here on resumes
		}
		try ( RowCopy copy = openCopy( directory, rows, entry, settings.batchSize() ) ) {
			tables = copy.tables();
			boolean verified = false;
			if ( entry.step() == MoveStep.COPYING ) {
				// No row is written to the target before every instance hides the target's copies from its queries.
				awaitEveryInstance( directory.version(), "no row is copied before every instance keeps the target's copies out of its queries" );
				if ( fenceMarkedByThisMove() ) {
					// The mover died between closing the fence and journalling it: the fence is what counts.
					journal( MoveStep.FENCED, null );
				}
				else {
					if ( entry.followsBinlog() ) {
						copyFollowingBinlog( copy );
					}
					else {
						copyBehindFence( copy );
					}
					verified = true;
					journal( MoveStep.FENCED, null );
				}
			}
			if ( entry.step() == MoveStep.FENCED ) {
				if ( !verified ) {
					// Resumed: the fence is closed again (a rollback that stopped half way may have opened it), so the source
					// no longer changes while the copy is repeated and verified whole.
					copyBehindFence( copy );
				}
				DirectoryService.VersionedWork journalled = (connection, newVersion) -> MoveJournal.step( connection, entry.id(),
						MoveStep.FENCED, MoveStep.SWITCHED, newVersion );
				long version;
				if ( entry.partition() == null ) {
					openTargetFence();
					version = directory.switchVirtualShard( v, source, target, journalled );
				}
				else {
					try {
						version = directory.switchPartition( entry, journalled );
					}
					catch (ShardAdminException refused) {
						// The directory changed under the move and nothing switched (the refusal rolled the change back): the values
						// still live on the source, so its writes go on there instead of waiting for a switch that will not come.
						reopenPartedFence();
						throw refused;
					}
				}
				entry = reload();
				stepCompleted();
				LOG.info( "{}: now lives on {} (directory version {}); writes were held back for {} ms", entry.describe(), target, version,
						pause.toMillis() );
			}
			Map<String, Long> moved = Map.of();
			if ( entry.step() == MoveStep.SWITCHED ) {
				awaitEveryInstance( entry.switchVersion(), "the source's rows are kept until they follow" );
				// Read before the purge: a target that cannot be read stops the move here, with the source's rows still kept.
				moved = copy.countByEntity( target );
				long purged = copy.delete( source, n -> { } );
				journal( MoveStep.DONE, null );
				LOG.info( "{}: purged {} rows from {}; move {} done", entry.describe(), purged, source, entry.id() );
			}
			return new MoveReport( entry.id(), v, source, target, moved, pause, entry.followsBinlog(),
					Duration.ofNanos( System.nanoTime() - start ) );
		}
		catch (RuntimeException e) {
			recordFailure( e );
			throw e instanceof ShardAdminException admin ? admin
					: new ShardAdminException( "Moving " + entry.describe() + " from " + source + " to " + target + " stopped at step "
							+ entry.step() + ": " + e.getMessage() + ". The journal keeps the step: " + ( entry.step() == MoveStep.SWITCHED
									? "resume the move once the cause is fixed (it has switched, so it can no longer be rolled back)"
									: "resume the move, or roll it back (it has not switched)" ), e );
		}
		finally {
			sideBySide.shutdownNow();
		}
	}

	/** Copies while writes go on, follows them in the binary log, then closes the fence for the last changes. */
	private void copyFollowingBinlog(RowCopy copy) {
		ShardConnection connection = directory.context().getConnection( source );
		Map<String, List<String>> keyColumns = new LinkedHashMap<>();
		for ( ShardedTable table : tables ) {
			keyColumns.put( table.name(), table.keyColumns() );
		}
		try ( BinlogTail tail = new BinlogTail( connection.jdbcUrl(), connection.username(), connection.password(), pool( source ), keyColumns,
				new BinlogTail.Position( entry.binlogFile(), entry.binlogPosition() ) ) ) {
			tail.start( Duration.ofSeconds( 10 ) );
			copyAll( copy );
			for ( int round = 0; round < CATCH_UP_ROUNDS; round++ ) {
				await( tail, currentPosition( source ) );
				if ( catchUp( copy, tail ) < settings.batchSize() ) {
					break;
				}
			}
			// Compared row by row while writes go on; behind the fence only the rows that differed or changed since are
			// compared again, so the pause does not grow with the virtual shard's size.
			Map<ShardedTable, Set<List<Object>>> suspects = differingKeys( copy );
			// Narrow them down while writes go on: re-sync what differs or changed, compare just those again.
			for ( int round = 0; round < CATCH_UP_ROUNDS && count( suspects ) > settings.batchSize(); round++ ) {
				await( tail, currentPosition( source ) );
				Map<ShardedTable, Set<List<Object>>> keys = withChanges( suspects, tail.drain() );
				keys.forEach( copy::sync );
				suspects = differing( copy, keys );
			}
			Map<ShardedTable, Set<List<Object>>> narrowed = suspects;
			behindTheFence( () -> {
				await( tail, currentPosition( source ) );
				Map<ShardedTable, Set<List<Object>>> recheck = withChanges( narrowed, tail.drain() );
				recheck.forEach( copy::sync );
				verifyKeys( copy, recheck );
			} );
		}
	}

	/** Without a binary log to follow, the whole copy runs behind the closed fence: the pause grows with the size. */
	private void copyBehindFence(RowCopy copy) {
		behindTheFence( () -> {
			copyAll( copy );
			pruneTarget( copy );
			verify( copy );
		} );
	}

	/**
	 * Closes the source's fence, runs the last work, and marks the virtual shard moved in the same transaction; if the
	 * work fails, the fence opens again and writes go on at the source.
	 */
	private void behindTheFence(Runnable lastWork) {
		try ( FenceHold fence = FenceHold.take( pool( source ), entry.virtualShard(), settings.fenceWaitSeconds() ) ) {
			lastWork.run();
			if ( entry.partition() == null ) {
				fence.markMoved( target.getId(), entry.id() );
			}
			else {
				// The virtual shard stays; writes to it go on once their routing shows the switch (which follows at once).
				fence.markParted( target.getId(), entry.id() );
			}
			fence.commit();
			pause = Duration.ofNanos( System.nanoTime() - fence.since() );
		}
		catch (SQLException e) {
			throw new ShardAdminException( "Cannot fence " + entry.describe() + " on " + source + ": " + e.getMessage(), e );
		}
	}

	private void copyAll(RowCopy copy) {
		// What the time left is estimated against: the entity rows of the virtual shard the source holds now.
		// A partition's rows are not counted apart from its virtual shard's: its time left is not estimated.
		if ( entry.partition() == null ) {
			long total = 0;
			for ( Map.Entry<String, Map<Integer, Long>> table : rows.rowsByVirtualShard( source ).entrySet() ) {
				if ( tables.stream().anyMatch( moved -> moved.name().equals( table.getKey() ) && !moved.dependent() ) ) {
					total += table.getValue().getOrDefault( entry.virtualShard(), 0L );
				}
			}
			estimatedRows = total;
		}
		copyStartNanos = System.nanoTime();
		for ( ShardedTable table : tables ) {
			long count = copy.copy( table, n -> {
				if ( !table.dependent() ) {
					copied.put( table.entityName(), n );
				}
				tell( listener -> listener.progress( progress() ) );
				recordProgress( false );
			} );
			LOG.info( "{}: copied {} rows of {} to {}", entry.describe(), count, table.name(), target );
		}
		recordProgress( true );
	}

	/**
	 * Writes the copy's progress into the journal, at most about once a second unless {@code now}, for consoles and
	 * status readers in other processes. Progress is for people: a failure to record it is logged, never fatal.
	 */
	private void recordProgress(boolean now) {
		long at = System.nanoTime();
		if ( !now && at - progressRecordedNanos < 1_000_000_000L ) {
			return;
		}
		progressRecordedNanos = at;
		long total = copied.values().stream().mapToLong( Long::longValue ).sum();
		try {
			directory.store().transaction( connection -> {
				MoveJournal.recordProgress( connection, entry.id(), total, estimatedRows );
				return null;
			} );
		}
		catch (RuntimeException e) {
			LOG.debug( "Could not record the progress of {}", entry.describe(), e );
		}
	}

	/** Deletes rows from the target that the source no longer has (a copy that ran before was interrupted). */
	private void pruneTarget(RowCopy copy) {
		copy.prune();
	}

	/** @return how many changed keys belonged to the virtual shard */
	private int catchUp(RowCopy copy, BinlogTail tail) {
		Map<String, Set<List<Object>>> changed = tail.drain();
		int synced = 0;
		for ( ShardedTable table : tables ) {
			Set<List<Object>> keys = changed.get( table.name() );
			if ( keys != null && !keys.isEmpty() ) {
				synced += copy.sync( table, keys );
			}
		}
		return synced;
	}

	private void await(BinlogTail tail, BinlogTail.Position position) {
		try {
			if ( !tail.awaitPosition( position, Duration.ofSeconds( 30 ) ) ) {
				throw new ShardAdminException( "The binary log of " + source + " was not read up to " + position + " within 30 s"
						+ tail.failure().map( e -> ": " + e.getMessage() ).orElse( "" ) );
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new ShardAdminException( "Interrupted while following the binary log of " + source, e );
		}
	}

	/** @return per table, the keys whose rows differ between the shards now (while writes may still go on) */
	private Map<ShardedTable, Set<List<Object>>> differingKeys(RowCopy copy) {
		Map<ShardedTable, Set<List<Object>>> differing = new LinkedHashMap<>();
		long rowsCompared = 0;
		for ( ShardedTable table : tables ) {
			java.util.concurrent.CompletableFuture<Map<Object, Long>> onTarget = java.util.concurrent.CompletableFuture
					.supplyAsync( () -> copy.hashesByKey( table, target, null ), sideBySide );
			Map<Object, Long> onSource = copy.hashesByKey( table, source, null );
			Set<List<Object>> keys = keysThatDiffer( onSource, onTarget.join() );
			rowsCompared += onSource.size();
			if ( !keys.isEmpty() ) {
				differing.put( table, keys );
			}
		}
		LOG.info( "{}: compared {} keys row by row before the fence; {} differ (changed meanwhile)", entry.describe(),
				rowsCompared, differing.values().stream().mapToInt( Set::size ).sum() );
		return differing;
	}

	private static Set<List<Object>> keysThatDiffer(Map<Object, Long> onSource, Map<Object, Long> onTarget) {
		Set<Object> all = new java.util.HashSet<>( onSource.keySet() );
		all.addAll( onTarget.keySet() );
		Set<List<Object>> differ = new java.util.LinkedHashSet<>();
		for ( Object key : all ) {
			if ( !java.util.Objects.equals( onSource.get( key ), onTarget.get( key ) ) ) {
				differ.add( java.util.Collections.singletonList( key ) );
			}
		}
		return differ;
	}

	private static int count(Map<ShardedTable, Set<List<Object>>> keys) {
		return keys.values().stream().mapToInt( Set::size ).sum();
	}

	/** @return the keys given, with those of rows changed since, by table */
	private Map<ShardedTable, Set<List<Object>>> withChanges(Map<ShardedTable, Set<List<Object>>> keys, Map<String, Set<List<Object>>> changed) {
		Map<ShardedTable, Set<List<Object>>> all = new LinkedHashMap<>();
		for ( ShardedTable table : tables ) {
			Set<List<Object>> union = new java.util.HashSet<>( keys.getOrDefault( table, Set.of() ) );
			union.addAll( changed.getOrDefault( table.name(), Set.of() ) );
			if ( !union.isEmpty() ) {
				all.put( table, union );
			}
		}
		return all;
	}

	/** @return of the keys given, those whose rows differ between the shards, by table */
	private Map<ShardedTable, Set<List<Object>>> differing(RowCopy copy, Map<ShardedTable, Set<List<Object>>> keysByTable) {
		Map<ShardedTable, Set<List<Object>>> differing = new LinkedHashMap<>();
		keysByTable.forEach( (table, keys) -> {
			Set<List<Object>> differ = keysThatDiffer( copy.hashesByKey( table, source, keys ), copy.hashesByKey( table, target, keys ) );
			if ( !differ.isEmpty() ) {
				differing.put( table, differ );
			}
		} );
		return differing;
	}

	/** Behind the fence: the rows that differed or changed since the comparison must now be equal on both shards. */
	private void verifyKeys(RowCopy copy, Map<ShardedTable, Set<List<Object>>> keysByTable) {
		Map<ShardedTable, Set<List<Object>>> differ = differing( copy, keysByTable );
		if ( !differ.isEmpty() ) {
			Map.Entry<ShardedTable, Set<List<Object>>> first = differ.entrySet().iterator().next();
			throw new ShardAdminException( "The copy of " + entry.describe() + " does not match its source in "
					+ first.getKey().name() + " for keys " + first.getValue().stream().limit( 10 ).toList()
					+ ". The fence was opened again and nothing was switched" );
		}
		LOG.info( "{}: copy verified ({} keys checked again behind the fence)", entry.describe(),
				keysByTable.values().stream().mapToInt( Set::size ).sum() );
	}

	/** Compares every table's rows of the virtual shard on both shards, counts and checksums, side by side. */
	private void verify(RowCopy copy) {
		java.util.concurrent.CompletableFuture<Map<String, TableChecksum>> onTarget = java.util.concurrent.CompletableFuture
				.supplyAsync( () -> copy.checksums( target ), sideBySide );
		Map<String, TableChecksum> onSource = copy.checksums( source );
		Map<String, TableChecksum> copiedSums = onTarget.join();
		if ( !onSource.equals( copiedSums ) ) {
			StringBuilder differences = new StringBuilder();
			onSource.forEach( (table, sum) -> {
				TableChecksum other = copiedSums.get( table );
				if ( !sum.equals( other ) ) {
					differences.append( differences.length() == 0 ? "" : "; " ).append( table ).append( ": " ).append( sum.rows() )
							.append( " rows on " ).append( source ).append( ", " ).append( other == null ? 0 : other.rows() ).append( " on " ).append( target )
							.append( sum.rows() == ( other == null ? 0 : other.rows() ) ? " (checksums differ)" : "" );
				}
			} );
			throw new ShardAdminException( "The copy of " + entry.describe() + " does not match its source: " + differences
					+ ". The fence was opened again and nothing was switched" );
		}
		LOG.info( "{}: copy verified ({} tables, counts and checksums equal)", entry.describe(), onSource.size() );
	}

	/** Waits until every instance that is alive routes by the new placement; instances silent for too long are gone. */
	private void awaitEveryInstance(long version, String why) {
		long deadline = System.nanoTime() + ( settings.instanceTimeoutSeconds() + 5L ) * 1_000_000_000L;
		while ( true ) {
			List<MoveJournal.Instance> behind = directory.store().transaction( MoveJournal::instances ).stream()
					.filter( instance -> instance.version() < version && instance.ageMillis() < settings.instanceTimeoutSeconds() * 1000L )
					.toList();
			if ( behind.isEmpty() ) {
				return;
			}
			if ( System.nanoTime() > deadline ) {
				throw new ShardAdminException( "Instances " + behind.stream().map( MoveJournal.Instance::host ).toList()
						+ " keep heartbeating but still route by an older directory version than " + version + "; " + why );
			}
			sleep( 200 );
		}
	}

	/**
	 * The target may be a shard the virtual shard left once, whose fence says so: it opens just before the switch, when
	 * the copy is complete and verified, so that no write made with a very old placement lands in a copy still being made.
	 */
	private void openTargetFence() {
		try ( Connection connection = pool( target ).getConnection() ) {
			FenceTable.open( connection, entry.virtualShard() );
		}
		catch (SQLException e) {
			throw new ShardAdminException( "Cannot open the fence of virtual shard " + entry.virtualShard() + " on " + target + ": " + e.getMessage(), e );
		}
	}

	/** @return whether this move marked the source's fence: the mover died between closing it and journalling so */
	private boolean fenceMarkedByThisMove() {
		try ( Connection connection = pool( source ).getConnection() ) {
			FenceTable.State marked = entry.partition() == null ? FenceTable.State.MOVED : FenceTable.State.PARTED;
			return FenceTable.state( connection, entry.virtualShard() ) == marked
					&& Long.valueOf( entry.id() ).equals( FenceTable.markedBy( connection, entry.virtualShard() ) );
		}
		catch (SQLException e) {
			throw new ShardAdminException( "Cannot read the fence of virtual shard " + entry.virtualShard() + " on " + source + ": " + e.getMessage(), e );
		}
	}

	private void reopenPartedFence() {
		try ( Connection connection = pool( source ).getConnection() ) {
			FenceTable.openIfMarkedBy( connection, entry.virtualShard(), entry.id() );
		}
		catch (SQLException e) {
			LOG.warn( "Cannot open the fence of virtual shard {} on {} again: {}", entry.virtualShard(), source, e.getMessage() );
		}
	}

	/** The row work of a journalled move: its virtual shard's rows, or its partition's. */
	static RowCopy openCopy(DirectoryService directory, VirtualShardRows rows, MoveJournal.Entry entry, int batchSize) {
		ShardId source = ShardId.of( entry.source() );
		ShardId target = ShardId.of( entry.target() );
		if ( entry.partition() == null ) {
			return rows.open( entry.virtualShard(), source, target, batchSize, directory.moveConnections()::pool );
		}
		return rows.openPartition( directory.entityName( entry.partition().entity() ), entry.partition().value(), source, target, batchSize,
				directory.moveConnections()::pool );
	}

	private BinlogTail.Position currentPosition(ShardId shard) {
		try ( Connection connection = pool( shard ).getConnection() ) {
			return BinlogTail.currentPosition( connection );
		}
		catch (SQLException e) {
			throw new ShardAdminException( "Cannot read the binary log position of " + shard + ": " + e.getMessage(), e );
		}
	}

	private void journal(MoveStep step, Long switchVersion) {
		MoveStep from = entry.step();
		DirectoryStore.Work<Void> work = connection -> {
			MoveJournal.step( connection, entry.id(), from, step, switchVersion );
			return null;
		};
		if ( step == MoveStep.DONE ) {
			directory.changeMoves( work ); // every instance stops hiding the source's rows, which are gone
		}
		else {
			directory.store().transaction( work );
		}
		entry = reload();
		stepCompleted();
	}

	private void stepCompleted() {
		tell( listener -> listener.stepCompleted( entry.virtualShard(), entry.step() ) );
	}

	private void tell(java.util.function.Consumer<MoveListener> call) {
		for ( MoveListener listener : listeners ) {
			try {
				call.accept( listener );
			}
			catch (RuntimeException e) {
				LOG.warn( "A move listener failed: {}", e.getMessage(), e );
			}
		}
	}

	private MoveJournal.Entry reload() {
		return directory.store().transaction( connection -> MoveJournal.byId( connection, entry.id() ) );
	}

	private void recordFailure(RuntimeException e) {
		try {
			directory.store().transaction( connection -> {
				MoveJournal.fail( connection, entry.id(), String.valueOf( e.getMessage() ) );
				return null;
			} );
		}
		catch (RuntimeException journalDown) {
			e.addSuppressed( journalDown );
		}
		LOG.error( "Moving {} from {} to {} stopped at step {}: {}", entry.describe(), source, target, entry.step(), e.getMessage() );
	}

	private DataSource pool(ShardId shard) {
		return directory.moveConnections().pool( shard );
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep( millis );
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new ShardAdminException( "Interrupted", e );
		}
	}
}
