package org.hibernate.shards.cli;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.hibernate.shards.ShardId;

/**
 * The tables of one shard as its database describes them (columns with type, size and nullability), read through
 * JDBC metadata, so that shards can be compared: a migration that reached some shards only shows as drift. The
 * library's own tables ({@code hibernate_shards_*}) are left out: the directory's live on its control database only.
 */
record TableShapes(ShardId shard, String server, Map<String, Map<String, String>> columnsByTable) {

	static TableShapes read(ShardId shard, Connection connection) throws SQLException {
		DatabaseMetaData metadata = connection.getMetaData();
		Map<String, Map<String, String>> tables = new TreeMap<>();
		try ( ResultSet columns = metadata.getColumns( connection.getCatalog(), connection.getSchema(), "%", "%" ) ) {
			while ( columns.next() ) {
				String table = columns.getString( "TABLE_NAME" ).toLowerCase( Locale.ROOT );
				if ( table.startsWith( "hibernate_shards_" ) ) {
					continue;
				}
				String shape = columns.getString( "TYPE_NAME" ).toLowerCase( Locale.ROOT ) + "(" + columns.getInt( "COLUMN_SIZE" ) + ")"
						+ ( "NO".equals( columns.getString( "IS_NULLABLE" ) ) ? " not null" : "" );
				tables.computeIfAbsent( table, t -> new TreeMap<>() ).put( columns.getString( "COLUMN_NAME" ).toLowerCase( Locale.ROOT ), shape );
			}
		}
		return new TableShapes( shard, metadata.getDatabaseProductName() + " " + metadata.getDatabaseProductVersion(), tables );
	}

	/** @return one result per table whose shape differs between shards, naming each shard's difference from the first */
	static List<CheckCommand.Result> drift(List<TableShapes> shards) {
		List<CheckCommand.Result> results = new ArrayList<>();
		if ( shards.size() < 2 ) {
			return results;
		}
		Set<String> tables = new TreeSet<>();
		shards.forEach( s -> tables.addAll( s.columnsByTable().keySet() ) );
		TableShapes first = shards.get( 0 );
		boolean same = true;
		for ( String table : tables ) {
			for ( TableShapes other : shards.subList( 1, shards.size() ) ) {
				String difference = difference( table, first, other );
				if ( difference != null ) {
					same = false;
					results.add( new CheckCommand.Result( "schema drift", other.shard().getId(), false, difference ) );
				}
			}
		}
		if ( same ) {
			results.add( new CheckCommand.Result( "schema drift", -1, true, tables.size() + " tables alike on all " + shards.size() + " shards" ) );
		}
		return results;
	}

	private static String difference(String table, TableShapes first, TableShapes other) {
		Map<String, String> expected = first.columnsByTable().get( table );
		Map<String, String> actual = other.columnsByTable().get( table );
		if ( Objects.equals( expected, actual ) ) {
			return null;
		}
		if ( actual == null || expected == null ) {
			return "table " + table + " is on " + ( actual == null ? first.shard() : other.shard() ) + " but not on "
					+ ( actual == null ? other.shard() : first.shard() );
		}
		List<String> differences = new ArrayList<>();
		Set<String> columns = new TreeSet<>( expected.keySet() );
		columns.addAll( actual.keySet() );
		for ( String column : columns ) {
			String a = expected.get( column );
			String b = actual.get( column );
			if ( !Objects.equals( a, b ) ) {
				differences.add( column + " is " + ( b == null ? "missing" : b ) + " (" + ( a == null ? "missing" : a ) + " on " + first.shard() + ")" );
			}
		}
		return "table " + table + ": " + String.join( "; ", differences );
	}
}
