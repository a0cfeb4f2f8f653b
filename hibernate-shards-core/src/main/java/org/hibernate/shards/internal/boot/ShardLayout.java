package org.hibernate.shards.internal.boot;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardingConfigurationException;
import org.hibernate.shards.internal.routing.VirtualShardMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each shard's database was set up as, recorded in it at first start ({@value #TABLE}): its shard number, the
 * number of virtual shards and the virtual shard map. A factory whose configuration says otherwise refuses to start:
 * another map, or another number of virtual shards, would send existing rows' keys to shards that do not hold them,
 * and swapped or duplicated shard URLs would put a shard's rows where another is looked for. When an extension (the
 * partition directory) owns the placement, it checks the number of virtual shards and the map it changes itself: only
 * the shard number is compared here.
 */
final class ShardLayout {
	private static final Logger LOG = LoggerFactory.getLogger( ShardLayout.class );
	static final String TABLE = "hibernate_shards_layout";

	/** @return whether a shard's settings make the schema tool drop and create its mapped tables */
	static boolean recreates(java.util.Map<String, Object> settings) {
		for ( String name : java.util.List.of( org.hibernate.cfg.AvailableSettings.HBM2DDL_AUTO,
				org.hibernate.cfg.AvailableSettings.JAKARTA_HBM2DDL_DATABASE_ACTION ) ) {
			Object action = settings.get( name );
			String text = action == null ? "" : action.toString().trim().toLowerCase( java.util.Locale.ROOT );
			if ( text.equals( "create" ) || text.equals( "create-drop" ) || text.equals( "drop-and-create" ) ) {
				return true;
			}
		}
		return false;
	}

	private ShardLayout() {
	}

	/**
	 * Records the layout in a shard that has none, or compares it with the one recorded. A shard that cannot be reached
	 * is not checked (it does not stop the factory from starting); the others are.
	 *
	 * @param settingOfUrl the setting that gives the shard's URL, for messages
	 * @param placementOwned whether an extension owns the placement, so that the map may have changed since it was recorded
	 * @param recreated whether the schema tool drops and creates the mapped tables ({@code create}, {@code create-drop}):
	 *        no row survives, so the layout is recorded anew instead of compared
	 * @throws ShardingConfigurationException when the recorded layout differs
	 */
	static void check(ShardId shard, DataSource pool, VirtualShardMap map, boolean placementOwned, boolean recreated, String settingOfUrl) {
		String configuredMap = map.toString();
		try ( Connection connection = pool.getConnection() ) {
			try ( Statement ddl = connection.createStatement() ) {
				ddl.execute( "create table if not exists " + TABLE + " (id int not null primary key, shard_id int not null, "
						+ "virtual_shards int not null, virtual_shard_map varchar(8000) not null, placement_owned int not null)" );
			}
			try ( PreparedStatement select = connection.prepareStatement( "select shard_id, virtual_shards, virtual_shard_map, placement_owned from "
					+ TABLE + " where id = 1" ); ResultSet recorded = select.executeQuery() ) {
				if ( recorded.next() && !recreated ) {
					boolean wasOwned = recorded.getInt( 4 ) != 0;
					if ( wasOwned && !placementOwned ) {
						throw new ShardingConfigurationException( "The placement of " + shard + "'s virtual shards is kept by the partition directory "
								+ "(its " + TABLE + " says so), which moves them while applications run; a factory without it would route by the "
								+ "configured map instead. Set hibernate.shards.directory.enabled=true" );
					}
					compare( shard, recorded.getInt( 1 ), recorded.getInt( 2 ), recorded.getString( 3 ), map, placementOwned, settingOfUrl );
					if ( placementOwned && !wasOwned ) {
						try ( PreparedStatement adopt = connection.prepareStatement( "update " + TABLE + " set placement_owned = 1 where id = 1" ) ) {
							adopt.executeUpdate();
						}
					}
					return;
				}
			}
			try ( PreparedStatement delete = connection.prepareStatement( "delete from " + TABLE ) ) {
				delete.executeUpdate();
			}
			try ( PreparedStatement insert = connection.prepareStatement( "insert into " + TABLE
					+ " (id, shard_id, virtual_shards, virtual_shard_map, placement_owned) values (1, ?, ?, ?, ?)" ) ) {
				insert.setInt( 1, shard.getId() );
				insert.setInt( 2, map.virtualShardCount() );
				insert.setString( 3, configuredMap );
				insert.setInt( 4, placementOwned ? 1 : 0 );
				insert.executeUpdate();
			}
		}
		catch (SQLException e) {
			LOG.warn( "Cannot check the layout recorded in {} ({}): it is checked when the factory next starts", shard, e.getMessage() );
		}
	}

	private static void compare(ShardId shard, int recordedShard, int recordedCount, String recordedMap, VirtualShardMap map,
			boolean placementOwned, String settingOfUrl) {
		if ( recordedShard != shard.getId() ) {
			throw new ShardingConfigurationException( settingOfUrl + " names the database that was set up as " + ShardId.of( recordedShard )
					+ " (its " + TABLE + " says so), not " + shard + ": shard URLs were swapped or given twice. Give each shard number the URL "
					+ "of its own database" );
		}
		if ( placementOwned ) {
			return; // the owner of the placement (the partition directory) checks the number of virtual shards and the map
		}
		if ( recordedCount != map.virtualShardCount() ) {
			throw new ShardingConfigurationException( "hibernate.shards.virtual_shards is " + map.virtualShardCount() + " but " + shard
					+ " was set up with " + recordedCount + " virtual shards (its " + TABLE + " says so); existing rows would be looked for "
					+ "on other shards. The number of virtual shards cannot change once data is placed" );
		}
		if ( !recordedMap.equals( map.toString() ) ) {
			throw new ShardingConfigurationException( "hibernate.shards.virtual_shard_map places virtual shards as " + map + " but " + shard
					+ " was set up with " + recordedMap + " (its " + TABLE + " says so); existing rows would be looked for on other shards. "
					+ "Configure the recorded map, or move virtual shards with their rows (the partition directory and ShardAdmin)" );
		}
	}
}
