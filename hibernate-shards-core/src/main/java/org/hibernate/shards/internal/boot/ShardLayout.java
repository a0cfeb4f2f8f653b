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
 * partition directory) owns the placement, the map it changes is not compared here.
 */
final class ShardLayout {
	private static final Logger LOG = LoggerFactory.getLogger( ShardLayout.class );
	static final String TABLE = "hibernate_shards_layout";

	private ShardLayout() {
	}

	/**
	 * Records the layout in a shard that has none, or compares it with the one recorded. A shard that cannot be reached
	 * is not checked (it does not stop the factory from starting); the others are.
	 *
	 * @param settingOfUrl the setting that gives the shard's URL, for messages
	 * @param placementOwned whether an extension owns the placement, so that the map may have changed since it was recorded
	 * @throws ShardingConfigurationException when the recorded layout differs
	 */
	static void check(ShardId shard, DataSource pool, VirtualShardMap map, boolean placementOwned, String settingOfUrl) {
		String configuredMap = map.toString();
		try ( Connection connection = pool.getConnection() ) {
			try ( Statement ddl = connection.createStatement() ) {
				ddl.execute( "create table if not exists " + TABLE + " (id int not null primary key, shard_id int not null, "
						+ "virtual_shards int not null, virtual_shard_map varchar(8000) not null)" );
			}
			try ( PreparedStatement select = connection.prepareStatement( "select shard_id, virtual_shards, virtual_shard_map from " + TABLE
					+ " where id = 1" ); ResultSet recorded = select.executeQuery() ) {
				if ( recorded.next() ) {
					compare( shard, recorded.getInt( 1 ), recorded.getInt( 2 ), recorded.getString( 3 ), map, placementOwned, settingOfUrl );
					return;
				}
			}
			try ( PreparedStatement insert = connection.prepareStatement( "insert into " + TABLE
					+ " (id, shard_id, virtual_shards, virtual_shard_map) values (1, ?, ?, ?)" ) ) {
				insert.setInt( 1, shard.getId() );
				insert.setInt( 2, map.virtualShardCount() );
				insert.setString( 3, configuredMap );
				insert.executeUpdate();
			}
			if ( !connection.getAutoCommit() ) {
				connection.commit();
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
		if ( recordedCount != map.virtualShardCount() ) {
			throw new ShardingConfigurationException( "hibernate.shards.virtual_shards is " + map.virtualShardCount() + " but " + shard
					+ " was set up with " + recordedCount + " virtual shards (its " + TABLE + " says so); existing rows would be looked for "
					+ "on other shards. The number of virtual shards cannot change once data is placed" );
		}
		if ( !placementOwned && !recordedMap.equals( map.toString() ) ) {
			throw new ShardingConfigurationException( "hibernate.shards.virtual_shard_map places virtual shards as " + map + " but " + shard
					+ " was set up with " + recordedMap + " (its " + TABLE + " says so); existing rows would be looked for on other shards. "
					+ "Configure the recorded map, or move virtual shards with their rows (the partition directory and ShardAdmin)" );
		}
	}
}
