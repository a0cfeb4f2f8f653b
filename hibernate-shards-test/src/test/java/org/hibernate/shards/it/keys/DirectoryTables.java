package org.hibernate.shards.it.keys;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.hibernate.shards.test.ShardDatabase;

/**
 * The partition directory's four tables in a control database, read and reset with plain JDBC, beside the library.
 */
final class DirectoryTables {
	static final List<String> TABLES = List.of( "hibernate_shards_directory", "hibernate_shards_virtual_shard", "hibernate_shards_entity",
			"hibernate_shards_partition" );

	private final ShardDatabase control;

	DirectoryTables(ShardDatabase control) {
		this.control = control;
	}

	/** @return every row of the four tables as text, table by table, in key order: equal dumps mean nothing changed */
	List<String> dump() {
		List<String> lines = new ArrayList<>();
		lines.add( "version " + version() );
		lines.addAll( rows( "select virtual_shard, physical_shard from hibernate_shards_virtual_shard order by virtual_shard" ) );
		lines.addAll( rows( "select entity, key_property, key_function, default_partition from hibernate_shards_entity order by entity" ) );
		lines.addAll( rows( "select entity, name, partition_value, virtual_shard from hibernate_shards_partition order by entity, name" ) );
		return lines;
	}

	long version() {
		List<String> version = rows( "select version from hibernate_shards_directory where id = 1" );
		return version.isEmpty() ? -1 : Long.parseLong( version.get( 0 ) );
	}

	/** @return the physical shard of each virtual shard, as the table holds it */
	List<Integer> placement() {
		return rows( "select physical_shard from hibernate_shards_virtual_shard order by virtual_shard" ).stream().map( Integer::valueOf ).toList();
	}

	/** @return the partition rows of an entity, as {@code name|value|virtual shard} */
	List<String> partitions(String entity) {
		return rows( "select name, partition_value, virtual_shard from hibernate_shards_partition where entity = '" + entity + "' order by name" );
	}

	/** @return how many of the four tables exist */
	int tableCount() {
		return rows( "select table_name from information_schema.tables where table_schema = database() and table_name in ("
				+ String.join( ", ", TABLES.stream().map( t -> "'" + t + "'" ).toList() ) + ")" ).size();
	}

	/** Empties the entities and partitions, places the virtual shards as given, and moves the version. */
	void reset(List<Integer> placement) {
		execute( "delete from hibernate_shards_partition", "delete from hibernate_shards_entity" );
		for ( int v = 0; v < placement.size(); v++ ) {
			execute( "update hibernate_shards_virtual_shard set physical_shard = " + placement.get( v ) + " where virtual_shard = " + v );
		}
		execute( "update hibernate_shards_directory set version = version + 1 where id = 1" );
	}

	private void execute(String... statements) {
		try ( Connection connection = control.openConnection(); Statement statement = connection.createStatement() ) {
			for ( String sql : statements ) {
				statement.execute( sql );
			}
		}
		catch (SQLException e) {
			throw new IllegalStateException( e );
		}
	}

	private List<String> rows(String query) {
		try ( Connection connection = control.openConnection(); Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery( query ) ) {
			ResultSetMetaData meta = result.getMetaData();
			List<String> lines = new ArrayList<>();
			while ( result.next() ) {
				StringBuilder line = new StringBuilder();
				for ( int i = 1; i <= meta.getColumnCount(); i++ ) {
					line.append( i > 1 ? "|" : "" ).append( result.getString( i ) );
				}
				lines.add( line.toString() );
			}
			return lines;
		}
		catch (SQLException e) {
			throw new IllegalStateException( e );
		}
	}
}
