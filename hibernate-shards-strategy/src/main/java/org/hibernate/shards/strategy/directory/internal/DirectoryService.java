package org.hibernate.shards.strategy.directory.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.internal.routing.ShardKeyHash;
import org.hibernate.shards.ShardingConfigurationException;
import org.hibernate.shards.spi.PartitionLookup;
import org.hibernate.shards.spi.PlacementStatus;
import org.hibernate.shards.spi.ShardingExtensionContext;
import org.hibernate.shards.spi.ShardingExtensionContext.ShardedEntity;
import org.hibernate.shards.strategy.directory.Partition;
import org.hibernate.shards.strategy.directory.ShardDirectory;
import org.hibernate.shards.strategy.directory.ShardDirectoryException;
import org.hibernate.shards.spi.key.ShardKeyFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partition directory of one sharded session factory: validates and writes changes, keeps the current snapshot in
 * memory for routing, and re-reads it when another instance moved the version.
 */
final class DirectoryService implements ShardDirectory, PartitionLookup, PlacementStatus, AutoCloseable {
	private static final Logger LOG = LoggerFactory.getLogger( DirectoryService.class );

	private final DirectoryStore store;
	private final ShardingExtensionContext context;
	private final Map<String, ShardedEntity> entitiesByJpaName = new java.util.HashMap<>();
	private final Map<String, String> jpaNameByEntityName = new java.util.HashMap<>();
	private final boolean fallbackToDefault;
	private final ScheduledExecutorService refresher;
	private volatile DirectorySnapshot snapshot;
	/** When this instance last knew its snapshot current ({@link System#nanoTime()}): it read it, or found its version unchanged. */
	private volatile long readAt;
	private final String instanceId = java.util.UUID.randomUUID().toString();
	private volatile long lastHeartbeat = System.nanoTime();
	private final long leaseNanos;
	private final MoveConnections moveConnections;
	private final MoveSettingsValues moves;
	private volatile ShardAdminService admin;

	/**
	 * @param moves the move settings; after {@code instanceTimeoutSeconds} without a heartbeat movers count an instance
	 *        as gone: this one checks the directory (its heartbeat) at least every third of it, and stops routing before it
	 *        runs out (the lease)
	 */
	DirectoryService(DirectoryStore store, ShardingExtensionContext context, boolean fallbackToDefault, int refreshSeconds,
			MoveSettingsValues moves, MoveConnections moveConnections) {
		this.store = store;
		this.moveConnections = moveConnections;
		this.moves = moves;
		this.context = context;
		this.fallbackToDefault = fallbackToDefault;
		for ( ShardedEntity entity : context.getShardedEntities() ) {
			entitiesByJpaName.put( entity.jpaEntityName(), entity );
			jpaNameByEntityName.put( entity.entityName(), entity.jpaEntityName() );
		}
		String fallback = fallbackToDefault ? "default_partition" : "hash";
		store.initialize( context.getVirtualShardPlacement(), fallback );
		String recorded = store.fallback();
		if ( !fallback.equals( recorded ) ) {
			throw new ShardingConfigurationException( "hibernate.shards.directory.fallback=" + fallback + " but the partition directory was "
					+ "created with fallback " + recorded + "; every instance must send values without a partition to the same place" );
		}
		apply( checked( store.read() ) );
		heartbeat();
		this.refresher = Executors.newSingleThreadScheduledExecutor( runnable -> {
			Thread thread = new Thread( runnable, "hibernate-shards-directory-refresh" );
			thread.setDaemon( true );
			return thread;
		} );
		// Movers must not count a live instance as gone, nor wait long for it to follow a switch: it checks the directory
		// and tells them it is alive well within their timeout, however long refresh_seconds is.
		long periodMillis = Math.min( refreshSeconds * 1000L, Math.max( 250, moves.instanceTimeoutSeconds() * 1000L / 3 ) );
		refresher.scheduleWithFixedDelay( this::refreshIfMoved, periodMillis, periodMillis, TimeUnit.MILLISECONDS );
		long timeout = moves.instanceTimeoutSeconds() * 1_000_000_000L;
		this.leaseNanos = Math.max( timeout / 2, timeout - 1_000_000_000L );
		context.setRoutingGuard( this::checkLease );
	}

	/** A directory this factory cannot route by is a configuration error at boot. */
	private DirectorySnapshot checked(DirectorySnapshot read) {
		// Shards added at runtime are opened first: the placement may already put virtual shards on them.
		for ( DirectorySnapshot.AddedShard added : read.addedShards() ) {
			if ( !context.getShardIds().contains( added.id() ) ) {
				context.addPhysicalShard( added.id(), added.jdbcUrl(), added.capacityMb(), false );
			}
		}
		if ( read.placement().size() != context.getVirtualShardCount() ) {
			throw new ShardingConfigurationException( "The partition directory holds " + read.placement().size()
					+ " virtual shards but hibernate.shards.virtual_shards is " + context.getVirtualShardCount()
					+ "; the number of virtual shards cannot change once data is placed" );
		}
		for ( ShardId shard : read.placement() ) {
			if ( !context.getShardIds().contains( shard ) ) {
				throw new ShardingConfigurationException( "The partition directory places virtual shards on " + shard
						+ ", which is not configured (configured: " + context.getShardIds() + ")" );
			}
		}
		read.entities().forEach( (jpaName, entry) -> {
			ShardedEntity entity = entitiesByJpaName.get( jpaName );
			if ( entity != null && !sameFunction( entry.function(), entity.function() ) ) {
				throw new ShardingConfigurationException( "The partition directory records key function '" + entry.function() + "' for "
						+ jpaName + " but this application configures '" + Objects.requireNonNullElse( entity.function(), "HASH()" )
						+ "'; every instance must group keys the same way" );
			}
		} );
		return read;
	}

	private synchronized void apply(DirectorySnapshot read) {
		// Readers on several threads (the refresher, movers, writers at a fence) may finish out of order: never go back.
		if ( snapshot != null && read.version() < snapshot.version() ) {
			return;
		}
		Map<ShardId, List<String>> inFlight = new java.util.HashMap<>();
		read.partitionsInFlight().forEach( (shard, jpaNames) -> jpaNames.forEach( jpaName -> {
			ShardedEntity entity = entitiesByJpaName.get( jpaName );
			if ( entity != null ) {
				livingWith( entity ).forEach( lives -> inFlight.computeIfAbsent( shard, s -> new ArrayList<>() ).add( lives.entityName() ) );
			}
		} ) );
		context.setVirtualShardPlacement( read.placement(), read.hidden(), inFlight );
		this.snapshot = read;
		this.readAt = System.nanoTime();
		routedSince.putIfAbsent( read.version(), System.nanoTime() );
		while ( routedSince.size() > 256 ) {
			routedSince.pollFirstEntry();
		}
		context.setPartitionLookup( this );
	}

	private void refreshIfMoved() {
		try {
			long version = storedVersion();
			if ( version != snapshot.version() ) {
				refresh();
				LOG.info( "Partition directory moved to version {}", version );
			}
			heartbeat();
		}
		catch (RuntimeException e) {
			LOG.warn( "Cannot refresh the partition directory; routing by version {} until it can: {}", snapshot.version(), e.getMessage() );
		}
	}

	/**
	 * Records a physical shard added while applications run; every instance opens it on its next refresh.
	 *
	 * @return the shard's number
	 */
	ShardId addShard(String jdbcUrl, double capacityMb) {
		refresh(); // opens the shards other administrators added, so that the next number is this one's too
		int open = context.getShardIds().size();
		// The number is taken and recorded in one transaction: two administrators adding shards at once get two numbers.
		ShardId shard = store.change( connection -> {
			try ( PreparedStatement select = connection.prepareStatement( "select jdbc_url, shard_id from " + DirectoryStore.PHYSICAL_SHARDS );
					java.sql.ResultSet result = select.executeQuery() ) {
				while ( result.next() ) {
					if ( result.getString( 1 ).equals( jdbcUrl ) ) {
						throw new org.hibernate.shards.admin.ShardAdminException( ShardId.of( result.getInt( 2 ) ) + " has that URL already" );
					}
					if ( result.getInt( 2 ) >= open ) {
						throw new org.hibernate.shards.admin.ShardAdminException( "Another administrator added " + ShardId.of( result.getInt( 2 ) )
								+ " a moment ago; nothing was recorded, retry" );
					}
				}
			}
			try ( PreparedStatement insert = connection.prepareStatement( "insert into " + DirectoryStore.PHYSICAL_SHARDS
					+ " (shard_id, jdbc_url, capacity_mb) values (?, ?, ?)" ) ) {
				insert.setInt( 1, open );
				insert.setString( 2, jdbcUrl );
				insert.setDouble( 3, capacityMb );
				insert.executeUpdate();
			}
			return ShardId.of( open );
		} );
		try {
			context.addPhysicalShard( shard, jdbcUrl, capacityMb, true );
		}
		catch (RuntimeException e) {
			// Not reachable, or its tables could not be created: the record goes again, so that no instance opens it.
			try {
				store.change( connection -> {
					try ( PreparedStatement delete = connection.prepareStatement( "delete from " + DirectoryStore.PHYSICAL_SHARDS + " where shard_id = ?" ) ) {
						delete.setInt( 1, shard.getId() );
						delete.executeUpdate();
					}
					return null;
				} );
			}
			catch (RuntimeException undo) {
				e.addSuppressed( undo );
			}
			throw e;
		}
		refresh();
		return shard;
	}

	/**
	 * Refuses, inside a change's transaction, when the directory does not place the virtual shard where the caller
	 * thinks: a move started from a stale copy of the directory must not switch anything.
	 */
	static void requirePlacedOn(Connection connection, int virtualShard, ShardId expected) throws SQLException {
		try ( PreparedStatement select = connection.prepareStatement( "select physical_shard from " + DirectoryStore.VIRTUAL_SHARDS
				+ " where virtual_shard = ?" ) ) {
			select.setInt( 1, virtualShard );
			Integer placed;
			try ( java.sql.ResultSet result = select.executeQuery() ) {
				placed = result.next() ? result.getInt( 1 ) : null;
			}
			if ( placed == null || placed != expected.getId() ) {
				throw new org.hibernate.shards.admin.ShardAdminException( "The directory places virtual shard " + virtualShard + " on "
						+ ( placed == null ? "no shard" : ShardId.of( placed ) ) + ", not on " + expected
						+ " as this instance's copy said; nothing was changed. Retry: the copy will have been read again" );
			}
		}
	}

	/**
	 * Journals a change of a move that changes what queries must not see (its start, its end), moving the directory's
	 * version so that every instance learns it, and routes by it here at once.
	 *
	 * @return the new version
	 */
	<T> T changeMoves(DirectoryStore.Work<T> work) {
		T value = store.change( work );
		refresh();
		heartbeat();
		return value;
	}

	/** Tells the other instances' movers that this one is alive and which version it routes by. */
	void heartbeat() {
		long version = snapshot.version();
		long sent = System.nanoTime();
		store.transaction( connection -> {
			MoveJournal.heartbeat( connection, instanceId, host(), version );
			return null;
		} );
		lastHeartbeat = sent;
	}

	/**
	 * The lease: movers count an instance silent for longer than the instance timeout as gone, and may then purge rows
	 * it would still look for. So before a session is opened, an instance that has not told the control database it is
	 * alive for most of that time first reads the directory again; if it cannot, it refuses to route.
	 */
	void checkLease() {
		if ( System.nanoTime() - lastHeartbeat < leaseNanos ) {
			return;
		}
		synchronized ( this ) {
			if ( System.nanoTime() - lastHeartbeat < leaseNanos ) {
				return;
			}
			try {
				refreshIfNewer();
				heartbeat();
			}
			catch (RuntimeException e) {
				throw new ShardDirectoryException( "This instance could not reach the partition directory's control database for "
						+ ( System.nanoTime() - lastHeartbeat ) / 1_000_000_000L + " s, longer than a mover waits for it "
						+ "(hibernate.shards.move.instance_timeout_seconds): a virtual shard may have moved without it knowing, so it "
						+ "does not route until it can read the directory again. Cause: " + e.getMessage(), e );
			}
		}
	}

	private static String host() {
		try {
			return java.net.InetAddress.getLocalHost().getHostName() + "/" + ProcessHandle.current().pid();
		}
		catch (java.io.IOException e) {
			return "pid " + ProcessHandle.current().pid();
		}
	}

	DirectoryStore store() {
		return store;
	}

	ShardingExtensionContext context() {
		return context;
	}

	/** @return where movers take their connections: not the application's pools, which writers waiting at a fence may hold */
	MoveConnections moveConnections() {
		return moveConnections;
	}

	/** @return the Hibernate entity name of an entity the directory records by its JPA name */
	String entityName(String jpaName) {
		return requireEntity( jpaName ).entityName();
	}

	/** @return the physical shard this instance places a virtual shard on */
	ShardId placementOf(int virtualShard) {
		return snapshot.placement().get( virtualShard );
	}

	/**
	 * Places a virtual shard on another physical shard, with more work in the same control database transaction (the
	 * move's journal step), and routes by it at once.
	 *
	 * @return the directory version of the new placement
	 */
	long switchVirtualShard(int virtualShard, ShardId source, ShardId target, VersionedWork alongside) {
		return changeMoves( connection -> {
			requirePlacedOn( connection, virtualShard, source );
			long newVersion = DirectoryStore.nextVersion( connection );
			try ( PreparedStatement update = connection.prepareStatement( "update " + DirectoryStore.VIRTUAL_SHARDS
					+ " set physical_shard = ? where virtual_shard = ?" ) ) {
				update.setInt( 1, target.getId() );
				update.setInt( 2, virtualShard );
				update.executeUpdate();
			}
			alongside.run( connection, newVersion );
			return newVersion;
		} );
	}

	/**
	 * Places a partition's values on another virtual shard (the switch of its move), with more work in the same control
	 * database transaction, and routes by it at once. Compare-and-set: the values must still live on the move's source
	 * virtual shard and physical shard, and the target virtual shard on the target physical shard.
	 *
	 * @return the directory version of the new placement
	 */
	long switchPartition(MoveJournal.Entry move, VersionedWork alongside) {
		MoveJournal.PartitionChange change = move.partition();
		return changeMoves( connection -> {
			requirePlacedOn( connection, move.virtualShard(), ShardId.of( move.source() ) );
			requirePlacedOn( connection, change.toVirtualShard(), ShardId.of( move.target() ) );
			DirectorySnapshot current = DirectoryStore.read( connection );
			int before = placedBy( current, change.entity(), change.value() );
			if ( before != move.virtualShard() ) {
				throw new org.hibernate.shards.admin.ShardAdminException( "The directory places the values '" + change.value() + "' of "
						+ change.entity() + " on virtual shard " + before + ", not on " + move.virtualShard() + " where move " + move.id()
						+ " copied them from; nothing was changed. Roll the move back" );
			}
			if ( change.edit() != MoveJournal.PartitionEdit.ADD ) {
				try ( PreparedStatement delete = connection.prepareStatement( "delete from " + DirectoryStore.PARTITIONS
						+ " where entity = ? and name = ?" ) ) {
					delete.setString( 1, change.entity() );
					delete.setString( 2, change.name() );
					delete.executeUpdate();
				}
			}
			if ( change.edit() != MoveJournal.PartitionEdit.REMOVE ) {
				insertPartition( connection, change.entity(), change.name(), change.value(), change.toVirtualShard() );
			}
			else if ( placedBy( DirectoryStore.read( connection ), change.entity(), change.value() ) != change.toVirtualShard() ) {
				throw new org.hibernate.shards.admin.ShardAdminException( "Without partition '" + change.name() + "', the directory would place "
						+ "the values '" + change.value() + "' of " + change.entity() + " elsewhere than virtual shard " + change.toVirtualShard()
						+ " (its default partition changed since the move started); nothing was changed. Roll the move back" );
			}
			long newVersion = DirectoryStore.nextVersion( connection );
			alongside.run( connection, newVersion );
			return newVersion;
		} );
	}

	/** @return the virtual shard a directory reading places an entity's partition value on: its partition's, the default's, or its hash's */
	private int placedBy(DirectorySnapshot reading, String jpaName, String canonicalValue) {
		DirectorySnapshot.Entry entry = reading.entities().get( jpaName );
		Integer placed = entry == null ? null : entry.partitions().get( canonicalValue );
		if ( placed == null && entry != null && fallbackToDefault ) {
			placed = entry.defaultVirtualShard();
		}
		return placed != null ? placed
				: ShardKeyHash.virtualShard( partitionValue( requireEntity( jpaName ), canonicalValue ), context.getVirtualShardCount() );
	}

	/**
	 * A write met a fence saying a virtual shard left {@code from}: reads the directory until it shows where to, for up to
	 * the fence's wait. The mover closes the fence a moment before it switches the placement.
	 */
	boolean awaitMoved(int virtualShard, ShardId from, int waitSeconds) {
		long deadline = System.nanoTime() + waitSeconds * 1_000_000_000L;
		while ( true ) {
			try {
				refreshIfNewer();
			}
			catch (RuntimeException e) {
				LOG.warn( "Cannot read the partition directory after a write met a fence: {}", e.getMessage() );
			}
			if ( !placementOf( virtualShard ).equals( from ) ) {
				return true;
			}
			if ( System.nanoTime() > deadline ) {
				return false;
			}
			try {
				Thread.sleep( 20 );
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
	}

	/** What writes that met a fence marked by a move ask of this directory. */
	org.hibernate.shards.spi.move.PlacementRefresh placementRefresh(int waitSeconds) {
		return new org.hibernate.shards.spi.move.PlacementRefresh() {
			@Override
			public boolean awaitMoved(int virtualShard, ShardId from) {
				return DirectoryService.this.awaitMoved( virtualShard, from, waitSeconds );
			}

			@Override
			public long awaitSwitched(long moveId) {
				return DirectoryService.this.awaitSwitched( moveId, waitSeconds );
			}
		};
	}

	/**
	 * When this instance began routing by each version it applied ({@link System#nanoTime()}), the latest few hundred:
	 * a fence a partition move marked lets a statement through only if it was routed after the move's switch.
	 */
	private final java.util.NavigableMap<Long, Long> routedSince = new java.util.concurrent.ConcurrentSkipListMap<>();

	/**
	 * A write met a fence saying a partition of its virtual shard left: waits, for up to the fence's wait, until this
	 * instance routes by a version that shows the move's switch (the mover switches a moment after it marks the fence),
	 * or the move was rolled back. Answered from memory once the snapshot records the outcome, as it does from then on.
	 *
	 * @return since when this instance routes by a placement that shows the outcome; see {@link org.hibernate.shards.spi.move.PlacementRefresh#awaitSwitched}
	 */
	long awaitSwitched(long moveId, int waitSeconds) {
		long deadline = System.nanoTime() + waitSeconds * 1_000_000_000L;
		while ( true ) {
			Long needed = snapshot.partitionOutcomes().get( moveId );
			if ( needed != null ) {
				if ( needed == 0 ) {
					return Long.MIN_VALUE;
				}
				java.util.Map.Entry<Long, Long> since = routedSince.ceilingEntry( needed );
				// Versions older than the oldest remembered were applied before it: its time is a later bound, which is safe.
				return since != null ? since.getValue() : routedSince.lastEntry().getValue();
			}
			try {
				refreshIfNewer();
			}
			catch (RuntimeException e) {
				LOG.warn( "Cannot read the partition directory after a write met a fence: {}", e.getMessage() );
			}
			if ( snapshot.partitionOutcomes().containsKey( moveId ) ) {
				continue;
			}
			if ( System.nanoTime() > deadline ) {
				return Long.MAX_VALUE;
			}
			try {
				Thread.sleep( 20 );
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return Long.MAX_VALUE;
			}
		}
	}

	/** The administration that moves virtual shards for {@link #assignVirtualShard}. */
	void administeredBy(ShardAdminService admin) {
		this.admin = admin;
	}

	/** Reads the directory again if its version moved; writers waiting at a fence call this together, so it reads once. */
	private synchronized void refreshIfNewer() {
		if ( storedVersion() != snapshot.version() ) {
			refresh();
		}
	}

	// ---- routing

	@Override
	public int virtualShardOf(String entityName, Object partitionValue) {
		DirectorySnapshot current = snapshot;
		String jpaName = jpaNameByEntityName.get( entityName );
		DirectorySnapshot.Entry entry = jpaName == null ? null : current.entities().get( jpaName );
		if ( entry == null ) {
			return -1;
		}
		Integer virtualShard = entry.partitions().get( canonical( partitionValue ) );
		if ( virtualShard == null && fallbackToDefault ) {
			virtualShard = entry.defaultVirtualShard();
		}
		return virtualShard == null ? -1 : virtualShard;
	}

	/**
	 * Partition values as the directory stores them. Strings are folded as shard keys are (case, accents, trailing
	 * spaces), because the database compares them that way: 'MARTIN' finds the row of 'martin', so both must find the
	 * same partition.
	 */
	private static String canonical(Object partitionValue) {
		return org.hibernate.shards.internal.routing.ShardKeyHash.canonicalText( partitionValue );
	}

	// ---- administration

	@Override
	public void setupTable(String entity, String keyProperty, String defaultPartition, int virtualShard, String function) {
		if ( defaultPartition == null || defaultPartition.isBlank() ) {
			throw new ShardDirectoryException( "The default partition of " + entity + " needs a name" );
		}
		requireVirtualShard( virtualShard );
		DirectorySnapshot.Entry known = snapshot.entities().get( entity );
		String existing = known == null ? null : known.names().get( defaultPartition );
		if ( existing != null && !DEFAULT_VALUE.equals( existing ) ) {
			throw new ShardDirectoryException( entity + " already has a partition named '" + defaultPartition + "' (value '" + existing
					+ "'); name the default partition otherwise" );
		}
		Integer placed = existing == null ? null : known.partitions().get( existing );
		if ( placed != null && placed != virtualShard ) {
			throw new ShardDirectoryException( "The default partition of " + entity + " lives on virtual shard " + placed + ", not "
					+ virtualShard + "; moving it would move where every value without a partition lives. Move virtual shard " + placed + " instead" );
		}
		// One change: the entity never exists without its default partition, when its values would be hashed instead.
		registerEntity( entity, keyProperty, defaultPartition, function, existing != null ? connection -> { }
				: connection -> insertPartition( connection, entity, defaultPartition, DEFAULT_VALUE, virtualShard ) );
	}

	/**
	 * The value the default partition made by {@link #setupTable(String, String, String, int, String)} is stored with:
	 * no key function produces it, so it never takes a value of its own.
	 */
	static final String DEFAULT_VALUE = "\u0001default";

	@Override
	public void setupTable(String entity, String keyProperty, String defaultPartition, String function) {
		registerEntity( entity, keyProperty, defaultPartition, function, connection -> { } );
	}

	private void registerEntity(String entity, String keyProperty, String defaultPartition, String function, SqlWork alongside) {
		ShardedEntity sharded = requireEntity( entity );
		if ( sharded.associationKey() ) {
			throw new ShardDirectoryException( entity + " lives with the entity its @ShardKey association points at; place that entity instead" );
		}
		if ( !sharded.keyAttribute().equals( keyProperty ) ) {
			throw new ShardDirectoryException( "The shard key of " + entity + " is '" + sharded.keyAttribute() + "', not '" + keyProperty + "'" );
		}
		if ( !sameFunction( function, sharded.function() ) ) {
			throw new ShardDirectoryException( "The key function of " + entity + " is configured as '"
					+ Objects.requireNonNullElse( sharded.function(), "HASH()" ) + "', not '" + function + "'. Configure it with "
					+ "@ShardKey(function) or hibernate.shards.entity." + entity + ".function first: every instance must group keys the same way" );
		}
		String normalized = sharded.function();
		DirectorySnapshot.Entry existing = snapshot.entities().get( entity );
		String previousDefault = existing == null ? null : existing.defaultPartition();
		if ( !Objects.equals( previousDefault, defaultPartition ) ) {
			requireNoRows( sharded, null, "changing its default partition to '" + defaultPartition + "' would move where its values live" );
		}
		change( connection -> {
			try ( PreparedStatement delete = connection.prepareStatement( "delete from " + DirectoryStore.ENTITIES + " where entity = ?" ) ) {
				delete.setString( 1, entity );
				delete.executeUpdate();
			}
			try ( PreparedStatement insert = connection.prepareStatement( "insert into " + DirectoryStore.ENTITIES
					+ " (entity, key_property, key_function, default_partition) values (?, ?, ?, ?)" ) ) {
				insert.setString( 1, entity );
				insert.setString( 2, keyProperty );
				insert.setString( 3, normalized );
				insert.setString( 4, defaultPartition );
				insert.executeUpdate();
			}
			alongside.run( connection );
		} );
	}

	@Override
	public void addPartition(String entity, String name, String value, int virtualShard) {
		ShardedEntity sharded = requireEntity( entity );
		if ( name == null || name.isBlank() ) {
			throw new ShardDirectoryException( "A partition needs a name" );
		}
		if ( value == null ) {
			throw new ShardDirectoryException( "Partition " + entity + "." + name + " needs a value" );
		}
		String canonical = canonical( partitionValue( sharded, value ) );
		requireVirtualShard( virtualShard );
		refresh(); // where the values live now, not where a copy read seconds ago said
		// Cheap checks first, against this instance's copy; they are repeated under the lock when writing.
		requireNewPartition( requireSetUp( snapshot, entity ), entity, name, value, canonical );
		DirectorySnapshot.Entry known = snapshot.entities().get( entity );
		SqlWork insert = connection -> {
			DirectorySnapshot current = DirectoryStore.read( connection );
			requireNewPartition( requireSetUp( current, entity ), entity, name, value, canonical );
			insertPartition( connection, entity, name, canonical, virtualShard );
		};
		if ( samePartitionName( name, known.defaultPartition() ) ) {
			requireNoRows( sharded, null, "adding its default partition would move every value that has no partition of its own" );
			change( insert );
			return;
		}
		int from = currentVirtualShard( sharded, partitionValue( sharded, value ) );
		movePartitionRows( place( sharded, new MoveJournal.PartitionChange( entity, name, canonical, virtualShard, MoveJournal.PartitionEdit.ADD ),
				from, "they were placed before partition '" + name + "' existed", insert ) );
	}

	@Override
	public void removePartition(String entity, String name) {
		ShardedEntity sharded = requireEntity( entity );
		refresh();
		DirectorySnapshot.Entry known = snapshot.entities().get( entity );
		String stored = known == null ? null : storedName( known, name );
		String value = stored == null ? null : known.names().get( stored );
		SqlWork delete = connection -> {
			requireSetUp( DirectoryStore.read( connection ), entity );
			try ( PreparedStatement statement = connection.prepareStatement( "delete from " + DirectoryStore.PARTITIONS
					+ " where entity = ? and name = ?" ) ) {
				statement.setString( 1, entity );
				statement.setString( 2, stored == null ? name : stored );
				if ( statement.executeUpdate() == 0 ) {
					throw new ShardDirectoryException( entity + " has no partition named '" + name + "'" );
				}
			}
		};
		if ( value != null && samePartitionName( stored, known.defaultPartition() ) ) {
			requireNoRows( sharded, null, "they live on virtual shard " + known.partitions().get( value ) + " and would no longer be found" );
			change( delete );
			return;
		}
		if ( value == null ) {
			change( delete ); // refuses: no such partition
			return;
		}
		int to = fallbackOf( sharded, known, value );
		int from = known.partitions().get( value );
		movePartitionRows( place( sharded, new MoveJournal.PartitionChange( entity, stored, value, to, MoveJournal.PartitionEdit.REMOVE ), from,
				"they live in partition '" + stored + "'", delete ) );
	}

	/** @return the partition's name as the directory stores it (names compare without case or accents), or {@code null} */
	private static String storedName(DirectorySnapshot.Entry entry, String name) {
		if ( name == null ) {
			return null;
		}
		for ( String stored : entry.names().keySet() ) {
			if ( samePartitionName( stored, name ) ) {
				return stored;
			}
		}
		return null;
	}

	/**
	 * Makes a partition change: at once when no row has to change physical shard (see {@link #rowsMove}), the directory
	 * alone changing; otherwise it remains to be made with its rows.
	 *
	 * @param why where the rows are, for the refusal of rows that cannot change virtual shard
	 * @param work the directory's edit, validated against the directory read under its lock
	 * @return the move that remains to be made with its rows, or {@code null} when the change is done
	 */
	private PartitionMove place(ShardedEntity entity, MoveJournal.PartitionChange change, int from, String why, SqlWork work) {
		if ( rowsMove( entity, from, change.toVirtualShard() ) ) {
			return new PartitionMove( change, from );
		}
		relabel( entity, change, from, why, work );
		return null;
	}

	/**
	 * Makes a partition change that moves no row: its values' old and new virtual shards are one, or live on one physical
	 * shard, or its rows are tied to the virtual shard their ids carry (then it must have none). No move of either
	 * virtual shard may run or be unfinished meanwhile (the movers' locks are held), and the directory must still place
	 * both where this instance's copy does when the change is written.
	 * <p>
	 * Instances that have not read the change yet route the values to their old virtual shard, for up to their refresh
	 * interval. So the change is made behind the old virtual shard's fence on its physical shard: closing it waits for
	 * the writes in flight; a partition whose rows are tied is counted under it, where no row can appear; and it is left
	 * marked {@link org.hibernate.shards.spi.move.FenceTable.State#PARTED PARTED} by the change, journalled as a finished
	 * partition move in the directory's transaction. A write routed the old way that meets the mark reads the directory
	 * again and is routed anew; one whose id carries the old virtual shard is then refused, retryable.
	 */
	private void relabel(ShardedEntity entity, MoveJournal.PartitionChange change, int from, String why, SqlWork work) {
		int to = change.toVirtualShard();
		if ( from == to ) {
			change( work );
			return;
		}
		// Refused before writes are held back, when rows are there already; counted again under the fence.
		requireNoTiedRows( entity, change.value(), from, why, () -> context.countRowsOfPartition( entity.entityName(), change.value() ) );
		try ( MoverLocks locks = MoverLocks.open( store ) ) {
			for ( int virtualShard : new int[] { from, to } ) {
				if ( !locks.lockVirtualShard( virtualShard ) ) {
					throw new ShardDirectoryException( "Virtual shard " + virtualShard + " is being moved right now; nothing was changed. Retry when "
							+ "the move is done (see ShardAdmin.status())" );
				}
				MoveJournal.Entry unfinished = store.transaction( connection -> MoveJournal.unfinished( connection, virtualShard ) );
				if ( unfinished != null ) {
					throw new ShardDirectoryException( "Virtual shard " + virtualShard + " takes part in an unfinished move of " + unfinished.describe()
							+ " (move " + unfinished.id() + ", step " + unfinished.step() + "); nothing was changed. Resume it or roll it back first" );
				}
			}
			ShardId source = placementOf( from );
			ShardId target = placementOf( to );
			try ( FenceHold fence = FenceHold.take( moveConnections.pool( source ), from, moves.fenceWaitSeconds() ) ) {
				requireNoTiedRows( entity, change.value(), from, why, () -> rowsOfPartition( entity, change.value(), source ) );
				store.change( connection -> {
					try {
						requirePlacedOn( connection, from, source );
						requirePlacedOn( connection, to, target );
					}
					catch (org.hibernate.shards.admin.ShardAdminException moved) {
						throw new ShardDirectoryException( moved.getMessage(), moved );
					}
					work.run( connection );
					long moveId = MoveJournal.start( connection, from, source.getId(), target.getId(), null, 0, change );
					MoveJournal.step( connection, moveId, org.hibernate.shards.admin.MoveStep.COPYING, org.hibernate.shards.admin.MoveStep.DONE,
							DirectoryStore.nextVersion( connection ) );
					// Marked before the directory commits: if marking fails, nothing changed.
					fence.markParted( target.getId(), moveId );
					return null;
				} );
				try {
					fence.commit();
				}
				catch (SQLException e) {
					throw new ShardDirectoryException( "Partition '" + change.name() + "' of " + change.entity() + " was placed on virtual shard " + to
							+ ", but the fence of virtual shard " + from + " on " + source + " could not be marked: until every instance has read "
							+ "the directory again (hibernate.shards.directory.refresh_seconds), one may still write its values there. " + e.getMessage(), e );
				}
			}
			finally {
				refresh();
			}
		}
		catch (SQLException e) {
			throw new ShardDirectoryException( "Cannot fence virtual shard " + from + " to change partition '" + change.name() + "' of "
					+ change.entity() + ": " + e.getMessage() + ". Nothing was changed", e );
		}
	}

	@Override
	public void movePartition(String entity, String name, int virtualShard) {
		movePartitionRows( planPartitionMove( entity, name, virtualShard ) );
	}

	/** A partition's move that must copy rows: what changes, and the virtual shard its values leave. */
	record PartitionMove(MoveJournal.PartitionChange change, int from) {
	}

	/**
	 * Validates a partition's move to another virtual shard and makes it at once when no row has to change physical
	 * shard (the directory alone changes).
	 *
	 * @return the move that remains to be made with its rows, or {@code null} when it is done
	 * @throws ShardDirectoryException when the entity, partition or virtual shard does not exist, or the rows cannot move
	 */
	PartitionMove planPartitionMove(String entity, String name, int virtualShard) {
		ShardedEntity sharded = requireEntity( entity );
		requireVirtualShard( virtualShard );
		refresh(); // where the partition lives now, not where a copy read seconds ago said
		DirectorySnapshot.Entry known = requireSetUp( snapshot, entity );
		String stored = storedName( known, name );
		String value = stored == null ? null : known.names().get( stored );
		if ( value == null ) {
			throw new ShardDirectoryException( entity + " has no partition named '" + name + "' (it has " + known.names().keySet() + ")" );
		}
		if ( samePartitionName( stored, known.defaultPartition() ) ) {
			throw new ShardDirectoryException( "'" + stored + "' is the default partition of " + entity + ": it holds every value that has no "
					+ "partition of its own, so it moves with its virtual shard (ShardAdmin.moveVirtualShard)" );
		}
		int from = known.partitions().get( value );
		if ( from == virtualShard ) {
			throw new ShardDirectoryException( "Partition '" + stored + "' of " + entity + " is on virtual shard " + virtualShard + " already" );
		}
		return place( sharded, new MoveJournal.PartitionChange( entity, stored, value, virtualShard, MoveJournal.PartitionEdit.MOVE ), from,
				"they live in partition '" + stored + "'", connection -> {
			DirectorySnapshot.Entry current = requireSetUp( DirectoryStore.read( connection ), entity );
			if ( !value.equals( current.names().get( stored ) ) || current.partitions().get( value ) != from ) {
				throw new ShardDirectoryException( "Partition '" + stored + "' of " + entity + " changed while it was being moved; nothing was changed" );
			}
			try ( PreparedStatement update = connection.prepareStatement( "update " + DirectoryStore.PARTITIONS
					+ " set virtual_shard = ? where entity = ? and name = ?" ) ) {
				update.setInt( 1, virtualShard );
				update.setString( 2, entity );
				update.setString( 3, stored );
				if ( update.executeUpdate() != 1 ) {
					throw new ShardDirectoryException( "Partition '" + stored + "' of " + entity + " changed while it was being moved; nothing was changed" );
				}
			}
		} );
	}

	/** Runs a partition's move through the administration and waits for it; {@code null}: nothing remains to move. */
	private void movePartitionRows(PartitionMove move) {
		if ( move == null ) {
			return;
		}
		MoveJournal.PartitionChange change = move.change();
		ShardAdminService admin = this.admin;
		if ( admin == null ) {
			throw new ShardDirectoryException( "The shard administration is not ready yet" );
		}
		try {
			admin.movePartition( change, move.from() ).await();
		}
		catch (org.hibernate.shards.admin.ShardAdminException e) {
			throw new ShardDirectoryException( "The rows of partition '" + change.name() + "' of " + change.entity() + " could not be moved to "
					+ "virtual shard " + change.toVirtualShard() + ": " + e.getMessage(), e );
		}
	}

	/** @return where a partition's values go without it: the default partition's virtual shard, or their hash's */
	private int fallbackOf(ShardedEntity entity, DirectorySnapshot.Entry known, String value) {
		Integer fallback = fallbackToDefault ? known.defaultVirtualShard() : null;
		return fallback != null ? fallback : ShardKeyHash.virtualShard( partitionValue( entity, value ), context.getVirtualShardCount() );
	}

	@Override
	public List<Partition> listPartitions(String entity) {
		requireEntity( entity );
		DirectorySnapshot current = store.read();
		DirectorySnapshot.Entry entry = requireSetUp( current, entity );
		List<Partition> partitions = new ArrayList<>();
		entry.names().forEach( (name, value) -> partitions.add( new Partition( entity, name, value, entry.partitions().get( value ) ) ) );
		return partitions;
	}

	@Override
	public List<String> listTables() {
		return store.read().entities().keySet().stream().sorted().toList();
	}

	@Override
	public void assignVirtualShard(int virtualShard, ShardId physicalShard) {
		requireVirtualShard( virtualShard );
		if ( physicalShard == null || !context.getShardIds().contains( physicalShard ) ) {
			throw new ShardDirectoryException( physicalShard + " is not a configured physical shard (configured: " + context.getShardIds() + ")" );
		}
		if ( snapshot.placement().get( virtualShard ).equals( physicalShard ) ) {
			return;
		}
		// Even an empty virtual shard moves behind its fence: a writer with a stale copy of the directory could otherwise
		// put a row on the old shard after the switch, where nobody would look for it.
		ShardAdminService admin = this.admin;
		if ( admin == null ) {
			throw new ShardDirectoryException( "The shard administration is not ready yet" );
		}
		try {
			admin.moveVirtualShard( virtualShard, physicalShard ).await();
		}
		catch (org.hibernate.shards.admin.ShardAdminException e) {
			throw new ShardDirectoryException( "Virtual shard " + virtualShard + " could not be moved to " + physicalShard + ": " + e.getMessage(), e );
		}
	}

	@Override
	public long version() {
		return snapshot.version();
	}

	@Override
	public void refresh() {
		apply( checked( store.read() ) );
	}

	/** @return the directory's version in the control database; when it is the snapshot's, the snapshot is current as of now */
	private long storedVersion() {
		long version = store.version();
		if ( version == snapshot.version() ) {
			readAt = System.nanoTime();
		}
		return version;
	}

	@Override
	public java.time.Duration sinceRead() {
		return java.time.Duration.ofNanos( System.nanoTime() - readAt );
	}

	/** Writes a change, then routes by it at once: this instance never waits for its own change. */
	private void change(SqlWork work) {
		store.change( connection -> {
			work.run( connection );
			return null;
		} );
		refresh();
	}

	/** Work done in the same transaction as a placement change, told the version the change makes. */
	@FunctionalInterface
	interface VersionedWork {
		void run(Connection connection, long newVersion) throws SQLException;
	}

	private static void insertPartition(Connection connection, String entity, String name, String value, int virtualShard) throws SQLException {
		try ( PreparedStatement insert = connection.prepareStatement( "insert into " + DirectoryStore.PARTITIONS
				+ " (entity, name, partition_value, virtual_shard) values (?, ?, ?, ?)" ) ) {
			insert.setString( 1, entity );
			insert.setString( 2, name );
			insert.setString( 3, value );
			insert.setInt( 4, virtualShard );
			insert.executeUpdate();
		}
	}

	@FunctionalInterface
	private interface SqlWork {
		void run(Connection connection) throws SQLException;
	}

	private static boolean samePartitionName(String a, String b) {
		return a != null && b != null && DirectoryStore.PARTITION_NAMES.compare( a, b ) == 0;
	}

	private static void requireNewPartition(DirectorySnapshot.Entry entry, String entity, String name, String value, String canonical) {
		if ( entry.partitions().containsKey( canonical ) ) {
			String other = entry.names().entrySet().stream().filter( e -> e.getValue().equals( canonical ) )
					.map( Map.Entry::getKey ).findFirst().orElse( "?" );
			throw new ShardDirectoryException( "The value '" + value + "' of " + entity + " already belongs to partition '" + other
					+ "'; partitions cannot overlap" );
		}
		if ( entry.names().containsKey( name ) ) {
			throw new ShardDirectoryException( entity + " already has a partition named '" + name + "' (value '"
					+ entry.names().get( name ) + "')" );
		}
	}


	/** @return where the values of a partition live now: their partition's, the default partition's, or their hash's virtual shard */
	private int currentVirtualShard(ShardedEntity entity, Object partition) {
		int placed = virtualShardOf( entity.entityName(), partition );
		return placed >= 0 ? placed : ShardKeyHash.virtualShard( partition, context.getVirtualShardCount() );
	}

	/**
	 * Whether a partition that changes virtual shard takes its stored rows to another physical shard, as a partition's
	 * move copies them (even when there are none, so that no write routed by an older directory lands on the old shard).
	 * When both virtual shards live on one physical shard, the rows stay where they are: the directory alone changes,
	 * and the rows belong to the new virtual shard from then on (a later move of it takes them along). Rows with a
	 * {@code @ShardedId}, of the entity or of one that lives with it, never move: they are tied to the virtual shard their
	 * ids carry, so the change is made only while the partition has none, and the directory alone changes too.
	 */
	private boolean rowsMove(ShardedEntity entity, int from, int to) {
		return from != to && withShardedIds( entity ).isEmpty() && !snapshot.placement().get( from ).equals( snapshot.placement().get( to ) );
	}

	/** Refuses a change of a partition whose rows are tied to their virtual shard while it has rows. */
	private void requireNoTiedRows(ShardedEntity entity, String partitionValue, int from, String why, java.util.function.LongSupplier counted) {
		List<String> tied = withShardedIds( entity );
		if ( tied.isEmpty() ) {
			return;
		}
		long rows = counted.getAsLong();
		if ( rows > 0 ) {
			throw new ShardDirectoryException( entity.jpaEntityName() + " has " + rows + " stored rows in partition value '" + partitionValue
					+ "'; " + why + " on virtual shard " + from + ", and the ids of " + tied + " carry their virtual shard (@ShardedId), so "
					+ "those rows cannot change virtual shard. Place partitions before their rows are written, or move whole virtual shards "
					+ "with ShardAdmin" );
		}
	}

	/** @return the rows of an entity's partition on one physical shard, read on the movers' connections */
	private long rowsOfPartition(ShardedEntity entity, String partitionValue, ShardId shard) {
		try ( org.hibernate.shards.spi.move.RowCopy rows = context.getVirtualShardRows().openPartition( entity.entityName(), partitionValue, shard,
				shard, moves.batchSize(), moveConnections::pool ) ) {
			return rows.countByEntity( shard ).getOrDefault( entity.entityName(), 0L );
		}
	}

	/** @return the entity and those that live with it (through @ShardKey associations) whose ids are sharded ids */
	private List<String> withShardedIds(ShardedEntity entity) {
		return livingWith( entity ).stream().filter( ShardedEntity::shardedId ).map( ShardedEntity::jpaEntityName ).toList();
	}

	/** @return the entity and those that live with it, through @ShardKey associations, transitively */
	private List<ShardedEntity> livingWith(ShardedEntity entity) {
		List<ShardedEntity> living = new ArrayList<>();
		java.util.Deque<ShardedEntity> pending = new java.util.ArrayDeque<>( List.of( entity ) );
		java.util.Set<String> seen = new java.util.HashSet<>();
		while ( !pending.isEmpty() ) {
			ShardedEntity next = pending.pop();
			if ( !seen.add( next.entityName() ) ) {
				continue;
			}
			living.add( next );
			for ( ShardedEntity other : entitiesByJpaName.values() ) {
				if ( other.associationKey() && other.keyType().getName().equals( next.entityName() ) ) {
					pending.push( other );
				}
			}
		}
		return living;
	}

	/**
	 * A change of placement must not strand stored rows: rows of the affected partition (or of the whole entity) would
	 * be looked for on another virtual shard. Moving rows is not supported yet, so such changes are refused.
	 */
	private void requireNoRows(ShardedEntity entity, String partitionValue, String why) {
		long rows = context.countRowsOfPartition( entity.entityName(), partitionValue );
		if ( rows > 0 ) {
			throw new ShardDirectoryException( entity.jpaEntityName() + " has " + rows + " stored rows "
					+ ( partitionValue == null ? "" : "in partition value '" + partitionValue + "' " ) + "and " + why
					+ ". Place partitions before their rows are written, or move whole virtual shards (ShardAdmin)" );
		}
	}

	private ShardedEntity requireEntity(String entity) {
		ShardedEntity sharded = entity == null ? null : entitiesByJpaName.get( entity );
		if ( sharded == null ) {
			throw new ShardDirectoryException( "Unknown entity '" + entity + "': the directory holds entities with a @ShardKey, by JPA entity name: "
					+ new java.util.TreeSet<>( entitiesByJpaName.keySet() ) );
		}
		return sharded;
	}

	private static DirectorySnapshot.Entry requireSetUp(DirectorySnapshot current, String entity) {
		DirectorySnapshot.Entry entry = current.entities().get( entity );
		if ( entry == null ) {
			throw new ShardDirectoryException( entity + " is not set up in the directory; call setupTable first" );
		}
		return entry;
	}

	private void requireVirtualShard(int virtualShard) {
		if ( virtualShard < 0 || virtualShard >= context.getVirtualShardCount() ) {
			throw new ShardDirectoryException( "Virtual shard " + virtualShard + " does not exist: virtual shards are numbered 0 to "
					+ ( context.getVirtualShardCount() - 1 ) );
		}
	}

	private static Object partitionValue(ShardedEntity entity, String value) {
		ShardKeyFunction function = entity.keyFunction();
		if ( function == null ) {
			return value;
		}
		try {
			return function.partitionFromText( value );
		}
		catch (IllegalArgumentException e) {
			throw new ShardDirectoryException( "'" + value + "' is not a partition of " + entity.jpaEntityName() + ": " + e.getMessage() );
		}
	}

	private static boolean sameFunction(String a, String b) {
		return normalize( a ).equals( normalize( b ) );
	}

	private static String normalize(String function) {
		if ( function == null || function.isBlank() ) {
			return "HASH()";
		}
		return function.replaceAll( "\\s+", "" ).toUpperCase( java.util.Locale.ROOT );
	}

	@Override
	public void close() {
		refresher.shutdownNow();
		try {
			store.transaction( connection -> {
				MoveJournal.leave( connection, instanceId );
				return null;
			} );
		}
		catch (RuntimeException e) {
			LOG.debug( "Could not deregister from the partition directory: {}", e.getMessage() );
		}
	}
}
