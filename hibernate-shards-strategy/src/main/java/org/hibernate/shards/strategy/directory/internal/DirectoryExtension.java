package org.hibernate.shards.strategy.directory.internal;

import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.hibernate.shards.ShardId;
import org.hibernate.shards.spi.IdLeaseDatabase;
import org.hibernate.shards.spi.SettingValues;
import org.hibernate.shards.spi.ShardingExtension;
import org.hibernate.shards.spi.PlacementStatus;
import org.hibernate.shards.spi.ShardingExtensionContext;
import org.hibernate.shards.strategy.directory.DirectorySettings;
import org.hibernate.shards.strategy.directory.ShardDirectory;
import org.hibernate.shards.admin.MoveSettings;
import org.hibernate.shards.admin.ShardAdmin;

/** Turns the partition directory on for factories configured with {@code hibernate.shards.directory.enabled=true}. */
public final class DirectoryExtension implements ShardingExtension {

	@Override
	public Set<String> settingNames() {
		Set<String> names = new java.util.HashSet<>( DirectorySettings.ALL );
		names.addAll( MoveSettings.ALL );
		return names;
	}

	@Override
	public void validate(Map<String, Object> settings) {
		SettingValues values = SettingValues.of( settings );
		if ( enabled( values ) ) {
			refreshSeconds( values );
			fallbackToDefault( values );
			MoveSettingsValues.of( values );
		}
	}

	@Override
	public boolean ownsPlacement(Map<String, Object> settings) {
		return enabled( SettingValues.of( settings ) );
	}

	private static boolean enabled(SettingValues values) {
		return values.bool( DirectorySettings.ENABLED, DirectorySettings.DEFAULT_ENABLED );
	}

	private static boolean fallbackToDefault(SettingValues values) {
		return values.choice( DirectorySettings.FALLBACK, DirectorySettings.DEFAULT_FALLBACK, "default_partition", "hash" )
				.equals( "default_partition" );
	}

	private static int refreshSeconds(SettingValues values) {
		return values.intValue( DirectorySettings.REFRESH_SECONDS, 1, Integer.MAX_VALUE, DirectorySettings.DEFAULT_REFRESH_SECONDS );
	}

	/** The control database of its own, when one with named locks is configured: there new ids do not depend on shard 0. */
	@Override
	public java.util.Optional<IdLeaseDatabase> idLeaseDatabase(Map<String, Object> settings) {
		if ( !enabled( SettingValues.of( settings ) ) ) {
			return java.util.Optional.empty();
		}
		return ControlDatabase.of( settings ).filter( ControlDatabase::holdsIdLease ).map( IdLeaseDatabase.class::cast );
	}

	@Override
	public void contribute(ShardingExtensionContext context) {
		SettingValues values = SettingValues.of( context.getSettings() );
		if ( !enabled( values ) ) {
			return;
		}
		MoveSettingsValues moves = MoveSettingsValues.of( values );
		MoveConnections moveConnections = new MoveConnections( context, moves.maxConcurrent() );
		DataSource controlDatabase = controlDatabase( values, context, moveConnections );
		DirectoryService directory = new DirectoryService( new DirectoryStore( controlDatabase ), context, fallbackToDefault( values ),
				refreshSeconds( values ), moves, moveConnections );
		context.registerExtension( ShardDirectory.class, directory );
		context.registerExtension( PlacementStatus.class, directory ); // for health checks
		context.closeOnShutdown( directory );
		// Placements can change while applications write: every write passes the fence of its virtual shard.
		context.enableWriteFences( moves.fenceWaitSeconds(), directory.placementRefresh( moves.fenceWaitSeconds() ) );
		ShardAdminService admin = new ShardAdminService( directory, moves );
		directory.administeredBy( admin );
		context.registerExtension( ShardAdmin.class, admin );
		context.closeOnShutdown( admin );
		context.closeOnShutdown( moveConnections ); // after the directory, which leaves the instances' table as it closes
	}

	private static DataSource controlDatabase(SettingValues values, ShardingExtensionContext context, MoveConnections moveConnections) {
		java.util.Optional<ControlDatabase> own = ControlDatabase.of( context.getSettings() );
		if ( own.isEmpty() ) {
			// Not the application's pool of shard 0: a writer that met a moved fence reads the directory while it holds one of those.
			return moveConnections.pool( ShardId.of( 0 ) );
		}
		// The refresher, administrators, and each running mover's connection, which holds its locks.
		HikariDataSource pool = own.get().pool( 4 + MoveSettingsValues.of( values ).maxConcurrent() );
		context.closeOnShutdown( pool );
		return pool;
	}
}
