package org.hibernate.shards.strategy.directory.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.admin.MoveHandle;
import org.hibernate.shards.admin.MoveListener;
import org.hibernate.shards.admin.MoveProgress;
import org.hibernate.shards.admin.MoveReport;
import org.hibernate.shards.admin.MoveStep;
import org.hibernate.shards.admin.RebalancePlan;
import org.hibernate.shards.admin.ShardAdmin;
import org.hibernate.shards.admin.ShardAdminException;
import org.hibernate.shards.admin.ShardStatus;
import org.hibernate.shards.admin.internal.BinlogTail;
import org.hibernate.shards.spi.move.FenceTable;
import org.hibernate.shards.spi.move.RowCopy;
import org.hibernate.shards.spi.move.ShardedTable;
import org.hibernate.shards.spi.move.VirtualShardRows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The administration of one factory's placement: starts movers, resumes and rolls back moves, reports status. */
final class ShardAdminService implements ShardAdmin, AutoCloseable {
	private static final Logger LOG = LoggerFactory.getLogger( ShardAdminService.class );

	private final DirectoryService directory;
	private final MoveSettingsValues settings;
	private final List<MoveListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
	private final ExecutorService movers = Executors.newCachedThreadPool( runnable -> {
		Thread thread = new Thread( runnable, "hibernate-shards-mover" );
		thread.setDaemon( true );
		return thread;
	} );

	ShardAdminService(DirectoryService directory, MoveSettingsValues settings) {
		this.directory = directory;
		this.settings = settings;
	}

	private VirtualShardRows rows() {
		return directory.context().getVirtualShardRows();
	}

	@Override
	public MoveHandle moveVirtualShard(int virtualShard, ShardId target) {
		requireVirtualShard( virtualShard );
		if ( target == null || !directory.context().getShardIds().contains( target ) ) {
			throw new ShardAdminException( target + " is not a configured physical shard (configured: " + directory.context().getShardIds() + ")" );
		}
		return launch( new int[] { virtualShard }, unfinished -> {
			if ( unfinished.partition() != null || unfinished.target() != target.getId() ) {
				throw new ShardAdminException( "Virtual shard " + virtualShard + " takes part in an unfinished move of " + unfinished.describe()
						+ " to " + ShardId.of( unfinished.target() ) + " (move " + unfinished.id() + ", step " + unfinished.step()
						+ "): resume it, or roll it back with rollback(" + virtualShard + ")" );
			}
		}, () -> start( virtualShard, target ) );
	}

	@Override
	public MoveHandle movePartition(String entity, String partitionName, int virtualShard) {
		DirectoryService.PartitionMove move;
		try {
			move = directory.planPartitionMove( entity, partitionName, virtualShard );
		}
		catch (org.hibernate.shards.strategy.directory.ShardDirectoryException e) {
			throw new ShardAdminException( e.getMessage(), e );
		}
		if ( move == null ) {
			// No row had to move (both virtual shards live on one physical shard, or the rows are tied to their virtual
			// shard and there were none): the directory alone changed.
			ShardId shard = directory.placementOf( virtualShard );
			return new PlannedHandle( virtualShard, CompletableFuture.completedFuture(
					new MoveReport( 0, virtualShard, shard, shard, Map.of(), Duration.ZERO, false, Duration.ZERO ) ) );
		}
		return movePartition( move.change(), move.from() );
	}

	/** Starts (or resumes) a partition's move from a virtual shard, with its rows. */
	MoveHandle movePartition(MoveJournal.PartitionChange change, int from) {
		return launch( new int[] { from, change.toVirtualShard() }, unfinished -> {
			if ( !change.equals( unfinished.partition() ) || unfinished.virtualShard() != from ) {
				throw new ShardAdminException( "Virtual shard " + ( unfinished.virtualShard() == from ? from : change.toVirtualShard() )
						+ " takes part in an unfinished move of " + unfinished.describe() + " (move " + unfinished.id() + ", step "
						+ unfinished.step() + "): resume it, or roll it back with rollback(" + unfinished.virtualShard() + ")" );
			}
		}, () -> startPartition( change, from ) );
	}

	/**
	 * Locks the virtual shards a move changes, then resumes their unfinished move (when {@code resumable} accepts it)
	 * or journals a new one, and runs it on a mover thread.
	 */
	private MoveHandle launch(int[] virtualShards, java.util.function.Consumer<MoveJournal.Entry> resumable,
			java.util.function.Supplier<MoveJournal.Entry> start) {
		MoverLocks locks = openLocks();
		try {
			for ( int virtualShard : virtualShards ) {
				if ( !locks.lockVirtualShard( virtualShard ) ) {
					throw new ShardAdminException( "Virtual shard " + virtualShard + " is being moved by another mover right now; "
							+ "wait for it, or see ShardAdmin.status()" );
				}
			}
			if ( !locks.lockSlot( settings.maxConcurrent() ) ) {
				throw new ShardAdminException( settings.maxConcurrent() + " moves are running already, the most "
						+ org.hibernate.shards.admin.MoveSettings.MAX_CONCURRENT + " allows; start this move when one has finished" );
			}
			MoveJournal.Entry entry = null;
			for ( int virtualShard : virtualShards ) {
				MoveJournal.Entry unfinished = directory.store().transaction( connection -> MoveJournal.unfinished( connection, virtualShard ) );
				if ( unfinished != null ) {
					resumable.accept( unfinished );
					entry = unfinished;
				}
			}
			if ( entry == null ) {
				entry = start.get();
			}
			VirtualShardMover mover = new VirtualShardMover( directory, rows(), settings, entry, listeners );
			CompletableFuture<MoveReport> done = CompletableFuture.supplyAsync( () -> {
				try {
					return mover.run();
				}
				finally {
					locks.close();
				}
			}, movers );
			return new Handle( mover, done );
		}
		catch (SQLException e) {
			locks.close();
			throw new ShardAdminException( "Cannot lock virtual shards " + java.util.Arrays.toString( virtualShards ) + " in the control database: "
					+ e.getMessage(), e );
		}
		catch (RuntimeException e) {
			locks.close();
			throw e;
		}
	}

	/** Validates a new move and journals its start; nothing is changed when it refuses. */
	private MoveJournal.Entry start(int virtualShard, ShardId target) {
		directory.refresh(); // the source is where the directory places it now, not where a copy read seconds ago said
		ShardId source = directory.placementOf( virtualShard );
		if ( source.equals( target ) ) {
			throw new ShardAdminException( "Virtual shard " + virtualShard + " lives on " + target + " already" );
		}
		rows().requireMovable( source );
		BinlogTail.Position from = binlogStart( source, "virtual shard " + virtualShard );
		// A new version: every instance learns that the target's rows of this virtual shard are copies, to be kept out of queries.
		return directory.changeMoves( connection -> {
			DirectoryService.requirePlacedOn( connection, virtualShard, source );
			return MoveJournal.byId( connection, MoveJournal.start( connection, virtualShard, source.getId(), target.getId(),
					from == null ? null : from.file(), from == null ? 0 : from.offset(), null ) );
		} );
	}

	/** Validates a partition's new move and journals its start; nothing is changed when it refuses. */
	private MoveJournal.Entry startPartition(MoveJournal.PartitionChange change, int fromVirtualShard) {
		directory.refresh();
		ShardId source = directory.placementOf( fromVirtualShard );
		ShardId target = directory.placementOf( change.toVirtualShard() );
		String what = "partition '" + change.name() + "' of " + change.entity();
		if ( source.equals( target ) ) {
			throw new ShardAdminException( "Virtual shards " + fromVirtualShard + " and " + change.toVirtualShard() + " both live on " + source
					+ " now: " + what + " has no rows to move. Retry; the directory alone changes" );
		}
		// Refuses entities whose rows cannot be told apart by partition before anything is journalled.
		rows().requireMovable( source );
		try ( RowCopy check = rows().openPartition( directory.entityName( change.entity() ), change.value(), source, target, settings.batchSize(),
				directory.moveConnections()::pool ) ) {
			check.tables();
		}
		catch (org.hibernate.shards.ShardingException e) {
			throw new ShardAdminException( e.getMessage(), e );
		}
		BinlogTail.Position from = binlogStart( source, what );
		// A new version: every instance learns that the partition's rows on the target are copies, to be kept out of queries.
		return directory.changeMoves( connection -> {
			DirectoryService.requirePlacedOn( connection, fromVirtualShard, source );
			DirectoryService.requirePlacedOn( connection, change.toVirtualShard(), target );
			return MoveJournal.byId( connection, MoveJournal.start( connection, fromVirtualShard, source.getId(), target.getId(),
					from == null ? null : from.file(), from == null ? 0 : from.offset(), change ) );
		} );
	}

	/** @return where the source's binary log stands, for the copy to follow it; {@code null} when it cannot be followed */
	private BinlogTail.Position binlogStart(ShardId source, String what) {
		try ( Connection connection = pool( source ).getConnection() ) {
			Optional<String> noBinlog = TableSizes.isMySql( connection ) ? BinlogTail.unavailableReason( connection )
					: Optional.of( "it is not a MySQL or MariaDB server" );
			if ( noBinlog.isEmpty() ) {
				noBinlog = cascadingForeignKeys( connection );
			}
			if ( noBinlog.isPresent() ) {
				LOG.warn( "{} has no row-based binary log to follow ({}): moving {} copies it behind its fence, so writes "
						+ "to it pause for the whole copy", source, noBinlog.get(), what );
				return null;
			}
			return BinlogTail.currentPosition( connection );
		}
		catch (SQLException e) {
			throw new ShardAdminException( "Cannot read " + source + ": " + e.getMessage(), e );
		}
	}

	@Override
	public ShardId addShard(String jdbcUrl, double capacityMb) {
		if ( jdbcUrl == null || jdbcUrl.isBlank() ) {
			throw new ShardAdminException( "A new shard needs a JDBC URL" );
		}
		if ( capacityMb < 0 ) {
			throw new ShardAdminException( "A capacity is 0 (none) or a positive number of MB, not " + capacityMb );
		}
		String url = jdbcUrl.trim();
		if ( !org.hibernate.shards.spi.ShardConnection.safeUrl( url ).equals( url ) ) {
			throw new ShardAdminException( "The URL holds a password: the directory records URLs, never credentials. Give each instance "
					+ "the credentials in its own configuration (hibernate.connection.username/password, or hibernate.shards.<n>.connection.*)" );
		}
		for ( ShardId shard : directory.context().getShardIds() ) {
			if ( directory.context().getConnection( shard ).jdbcUrl().equals( url ) ) {
				throw new ShardAdminException( shard + " has that URL already" );
			}
		}
		try {
			ShardId added = directory.addShard( url, capacityMb );
			LOG.info( "Added {} ({}), capacity {} MB; it holds no virtual shards until some move there", added,
					directory.context().getConnection( added ), capacityMb );
			return added;
		}
		catch (ShardAdminException e) {
			throw e;
		}
		catch (RuntimeException e) {
			throw new ShardAdminException( "Cannot add the shard at " + org.hibernate.shards.spi.ShardConnection.safeUrl( url )
					+ ": " + e.getMessage() + ". It was not recorded in the directory, so no other instance opens it", e );
		}
	}

	@Override
	public void addListener(MoveListener listener) {
		listeners.add( java.util.Objects.requireNonNull( listener ) );
	}

	/**
	 * Changes a foreign key's ON DELETE / ON UPDATE action makes are not in the binary log (InnoDB makes them below it),
	 * so a move that follows the log would miss them: such tables are copied behind the fence instead.
	 */
	private Optional<String> cascadingForeignKeys(Connection connection) throws SQLException {
		java.util.Set<String> moved = new java.util.HashSet<>();
		rows().tables().forEach( table -> moved.add( table.name().toLowerCase( java.util.Locale.ROOT ) ) );
		List<String> cascading = new ArrayList<>();
		try ( PreparedStatement select = connection.prepareStatement( "select table_name, constraint_name from information_schema.referential_constraints "
				+ "where constraint_schema = database() and (delete_rule <> 'RESTRICT' and delete_rule <> 'NO ACTION' "
				+ "or update_rule <> 'RESTRICT' and update_rule <> 'NO ACTION')" ); ResultSet result = select.executeQuery() ) {
			while ( result.next() ) {
				if ( moved.contains( result.getString( 1 ).toLowerCase( java.util.Locale.ROOT ) ) ) {
					cascading.add( result.getString( 1 ) + "." + result.getString( 2 ) );
				}
			}
		}
		return cascading.isEmpty() ? Optional.empty()
				: Optional.of( "foreign keys " + cascading + " cascade, and what they change is not in the binary log" );
	}

	@Override
	public List<MoveHandle> resume() {
		List<MoveHandle> resumed = new ArrayList<>();
		for ( MoveJournal.Entry entry : directory.store().transaction( MoveJournal::unfinished ) ) {
			if ( isRunning( entry.virtualShard() ) ) {
				continue;
			}
			resumed.add( entry.partition() == null ? moveVirtualShard( entry.virtualShard(), ShardId.of( entry.target() ) )
					: movePartition( entry.partition(), entry.virtualShard() ) );
		}
		return resumed;
	}

	@Override
	public void rollback(int virtualShard) {
		requireVirtualShard( virtualShard );
		try ( MoverLocks locks = openLocks() ) {
			MoveJournal.Entry entry = directory.store().transaction( connection -> MoveJournal.unfinished( connection, virtualShard ) );
			if ( entry == null ) {
				throw new ShardAdminException( "Virtual shard " + virtualShard + " has no unfinished move to roll back" );
			}
			rollback( locks, entry );
		}
		catch (SQLException e) {
			throw new ShardAdminException( "Cannot roll back the move of virtual shard " + virtualShard + ": " + e.getMessage(), e );
		}
	}

	private void rollback(MoverLocks locks, MoveJournal.Entry found) throws SQLException {
		for ( int locked : found.partition() == null ? new int[] { found.virtualShard() }
				: new int[] { found.virtualShard(), found.partition().toVirtualShard() } ) {
			if ( !locks.lockVirtualShard( locked ) ) {
				throw new ShardAdminException( "Virtual shard " + locked + " is being moved right now; a running move cannot be rolled back" );
			}
		}
		// Read again under the locks: a mover may have carried the move on between the first reading and the locks.
		MoveJournal.Entry entry = directory.store().transaction( connection -> MoveJournal.byId( connection, found.id() ) );
		if ( entry.finished() ) {
			throw new ShardAdminException( "The move of " + entry.describe() + " ended (" + entry.step() + ") meanwhile; nothing was rolled back" );
		}
		if ( entry.step() == MoveStep.SWITCHED ) {
			throw new ShardAdminException( "The move of " + entry.describe() + " to " + ShardId.of( entry.target() )
					+ " has switched already: writes go there. Resume it to purge the source, then move it back if needed" );
		}
		ShardId source = ShardId.of( entry.source() );
		ShardId target = ShardId.of( entry.target() );
		try ( Connection connection = pool( source ).getConnection() ) {
			// A partition's fence is opened only if this move marked it: a later move may have marked it since.
			if ( entry.partition() == null ) {
				FenceTable.open( connection, entry.virtualShard() );
			}
			else {
				FenceTable.openIfMarkedBy( connection, entry.virtualShard(), entry.id() );
			}
		}
		try ( RowCopy copy = VirtualShardMover.openCopy( directory, rows(), entry, settings.batchSize() ) ) {
			long deleted = copy.delete( target, n -> { } );
			LOG.info( "Rolled back the move of {} to {}: deleted {} copied rows there; it stays on {}", entry.describe(), target,
					deleted, source );
		}
		directory.changeMoves( connection -> {
			MoveJournal.step( connection, entry.id(), entry.step(), MoveStep.ROLLED_BACK, null );
			return null;
		} );
	}

	@Override
	public ShardStatus status() {
		List<ShardStatus.Shard> shards = new ArrayList<>();
		for ( ShardId shard : directory.context().getShardIds() ) {
			shards.add( shardStatus( shard ) );
		}
		List<ShardStatus.Move> moves = new ArrayList<>();
		for ( MoveJournal.Entry entry : directory.store().transaction( MoveJournal::unfinished ) ) {
			moves.add( new ShardStatus.Move( entry.id(), entry.virtualShard(), ShardId.of( entry.source() ), ShardId.of( entry.target() ),
					entry.step(), isRunning( entry.virtualShard() ), entry.failure(), entry.followsBinlog(), entry.partition() == null ? null
							: entry.partition().entity() + "." + entry.partition().name() + " to virtual shard " + entry.partition().toVirtualShard(),
					orMinusOne( entry.progress().rowsCopied() ), orMinusOne( entry.progress().rowsEstimated() ) ) );
		}
		List<ShardStatus.Instance> instances = new ArrayList<>();
		for ( MoveJournal.Instance instance : directory.store().transaction( MoveJournal::instances ) ) {
			instances.add( new ShardStatus.Instance( instance.id(), instance.host(), instance.version(),
					java.time.Duration.ofMillis( Math.max( 0, instance.ageMillis() ) ) ) );
		}
		return new ShardStatus( directory.version(), shards, moves, instances );
	}

	private static long orMinusOne(Long value) {
		return value == null ? -1 : value;
	}

	@Override
	public Map<Integer, Long> rowsByVirtualShard() {
		Map<Integer, Long> rows = new java.util.TreeMap<>();
		for ( ShardId shard : directory.context().getShardIds() ) {
			rows().rowsByVirtualShard( shard ).values().forEach( byVirtualShard -> byVirtualShard.forEach( (v, count) -> rows.merge( v, count, Long::sum ) ) );
		}
		return rows;
	}

	private ShardStatus.Shard shardStatus(ShardId shard) {
		List<Integer> virtualShards = new ArrayList<>();
		for ( int v = 0; v < directory.context().getVirtualShardCount(); v++ ) {
			if ( directory.placementOf( v ).equals( shard ) ) {
				virtualShards.add( v );
			}
		}
		ShardStatus.State state = virtualShards.isEmpty() ? ShardStatus.State.STANDBY : ShardStatus.State.ACTIVE;
		Map<String, Long> rowsByEntity = new LinkedHashMap<>();
		double dataMb = 0;
		double indexMb = 0;
		try ( Connection connection = pool( shard ).getConnection() ) {
			for ( ShardedTable table : rows().tables() ) {
				if ( !table.dependent() ) {
					try ( PreparedStatement select = connection.prepareStatement( "select count(*) from " + table.name() );
							ResultSet result = select.executeQuery() ) {
						result.next();
						rowsByEntity.merge( table.entityName(), result.getLong( 1 ), Long::sum );
					}
				}
			}
			for ( TableSizes.Size size : TableSizes.of( pool( shard ) ).values() ) {
				dataMb += size.dataMb();
				indexMb += size.indexMb();
			}
		}
		catch (SQLException | RuntimeException e) {
			LOG.warn( "{} did not answer for the status: {}", shard, e.getMessage() );
			state = ShardStatus.State.UNREACHABLE;
		}
		return new ShardStatus.Shard( shard, state, List.copyOf( virtualShards ), rowsByEntity, dataMb, indexMb,
				directory.context().getCapacityMb( shard ) );
	}

	@Override
	public RebalancePlan rebalance(boolean dryRun) {
		RebalancePlan plan = new RebalancePlanner( directory.context(), rows(), directory::placementOf ).plan();
		plan.moves().forEach( move -> LOG.info( "Rebalance{}: move virtual shard {} ({} MB) from {} to {}", dryRun ? " (dry run)" : "",
				move.virtualShard(), String.format( java.util.Locale.ROOT, "%.2f", move.sizeMb() ), move.source(), move.target() ) );
		if ( dryRun || plan.moves().isEmpty() ) {
			return plan;
		}
		// One move at a time, in the plan's order: each frees room the next may count on.
		List<PlannedHandle> handles = plan.moves().stream().map( move -> new PlannedHandle( move.virtualShard() ) ).toList();
		movers.execute( () -> {
			for ( int i = 0; i < handles.size(); i++ ) {
				RebalancePlan.PlannedMove move = plan.moves().get( i );
				try {
					MoveHandle started = moveVirtualShard( move.virtualShard(), move.target() );
					handles.get( i ).started = started;
					handles.get( i ).done.complete( started.await() );
				}
				catch (RuntimeException e) {
					for ( PlannedHandle rest : handles.subList( i, handles.size() ) ) {
						rest.done.completeExceptionally( e );
					}
					return;
				}
			}
		} );
		return new RebalancePlan( plan.moves(), plan.activated(), List.copyOf( handles ) );
	}

	/** A planned move that starts when the ones before it are done. */
	private static final class PlannedHandle implements MoveHandle {
		private final int virtualShard;
		private final CompletableFuture<MoveReport> done;
		private volatile MoveHandle started;

		PlannedHandle(int virtualShard) {
			this( virtualShard, new CompletableFuture<>() );
		}

		PlannedHandle(int virtualShard, CompletableFuture<MoveReport> done) {
			this.virtualShard = virtualShard;
			this.done = done;
		}

		@Override
		public int virtualShard() {
			return virtualShard;
		}

		@Override
		public MoveProgress progress() {
			MoveHandle running = started;
			return running != null ? running.progress() : new MoveProgress( virtualShard, null, Map.of(), 0, null );
		}

		@Override
		public MoveReport await() {
			return Handle.await( done, virtualShard );
		}

		@Override
		public MoveReport await(Duration timeout) {
			return Handle.await( done, virtualShard, timeout );
		}

		@Override
		public boolean isDone() {
			return done.isDone();
		}
	}

	private boolean isRunning(int virtualShard) {
		try ( Connection connection = directory.store().openConnection() ) {
			return MoverLocks.isVirtualShardLocked( connection, virtualShard );
		}
		catch (SQLException e) {
			throw new ShardAdminException( "Cannot read the movers' locks: " + e.getMessage(), e );
		}
	}

	private void requireVirtualShard(int virtualShard) {
		int count = directory.context().getVirtualShardCount();
		if ( virtualShard < 0 || virtualShard >= count ) {
			throw new ShardAdminException( "Virtual shard " + virtualShard + " does not exist: virtual shards are numbered 0 to " + ( count - 1 ) );
		}
	}

	private MoverLocks openLocks() {
		try {
			return MoverLocks.open( directory.store() );
		}
		catch (SQLException e) {
			throw new ShardAdminException( "Cannot reach the control database: " + e.getMessage(), e );
		}
	}

	private DataSource pool(ShardId shard) {
		return directory.moveConnections().pool( shard );
	}

	@Override
	public void close() {
		movers.shutdownNow();
	}

	/** A move running on a mover thread. */
	private record Handle(VirtualShardMover mover, CompletableFuture<MoveReport> done) implements MoveHandle {

		@Override
		public int virtualShard() {
			return mover.entry().virtualShard();
		}

		@Override
		public MoveProgress progress() {
			return mover.progress();
		}

		@Override
		public MoveReport await() {
			return await( done, virtualShard() );
		}

		@Override
		public MoveReport await(Duration timeout) {
			return await( done, virtualShard(), timeout );
		}

		static MoveReport await(CompletableFuture<MoveReport> done, int virtualShard) {
			try {
				return done.get();
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new ShardAdminException( "Interrupted while waiting for the move of virtual shard " + virtualShard, e );
			}
			catch (ExecutionException e) {
				throw unwrap( e );
			}
		}

		static MoveReport await(CompletableFuture<MoveReport> done, int virtualShard, Duration timeout) {
			try {
				return done.get( timeout.toMillis(), TimeUnit.MILLISECONDS );
			}
			catch (TimeoutException e) {
				return null;
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new ShardAdminException( "Interrupted while waiting for the move of virtual shard " + virtualShard, e );
			}
			catch (ExecutionException e) {
				throw unwrap( e );
			}
		}

		private static RuntimeException unwrap(ExecutionException e) {
			return e.getCause() instanceof ShardAdminException admin ? admin
					: new ShardAdminException( String.valueOf( e.getCause().getMessage() ), e.getCause() );
		}

		@Override
		public boolean isDone() {
			return done.isDone();
		}
	}
}
