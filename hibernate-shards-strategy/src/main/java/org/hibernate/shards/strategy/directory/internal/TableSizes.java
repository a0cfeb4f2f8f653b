package org.hibernate.shards.strategy.directory.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

/**
 * How much a shard's tables take, as the database reports it: data and index size from
 * {@code information_schema.tables} on MySQL and MariaDB; elsewhere (H2, which the demo runs on, keeps no sizes for
 * in-memory tables) an estimate: the bytes of every value as text, plus 16 per row.
 */
final class TableSizes {
	private TableSizes() {
	}

	/** One table's size in MB. */
	record Size(double dataMb, double indexMb) {
		double totalMb() {
			return dataMb + indexMb;
		}
	}

	/** @return each table's size, by lower-case name */
	static Map<String, Size> of(DataSource shard) throws SQLException {
		Map<String, Size> sizes = new LinkedHashMap<>();
		try ( Connection connection = shard.getConnection() ) {
			if ( !isMySql( connection ) ) {
				return estimated( connection );
			}
			try ( PreparedStatement select = connection.prepareStatement( "select table_name, coalesce(data_length, 0), coalesce(index_length, 0) "
					+ "from information_schema.tables where table_schema = database()" ); ResultSet result = select.executeQuery() ) {
				while ( result.next() ) {
					sizes.put( result.getString( 1 ).toLowerCase( Locale.ROOT ),
							new Size( result.getLong( 2 ) / 1048576.0, result.getLong( 3 ) / 1048576.0 ) );
				}
			}
		}
		return sizes;
	}

	private static Map<String, Size> estimated(Connection connection) throws SQLException {
		Map<String, java.util.List<String>> columns = new LinkedHashMap<>();
		try ( PreparedStatement select = connection.prepareStatement( "select c.table_name, c.column_name from information_schema.columns c "
				+ "join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name "
				+ "where c.table_schema = current_schema and t.table_type = 'BASE TABLE' order by c.table_name, c.ordinal_position" );
				ResultSet result = select.executeQuery() ) {
			while ( result.next() ) {
				columns.computeIfAbsent( result.getString( 1 ), table -> new java.util.ArrayList<>() ).add( result.getString( 2 ) );
			}
		}
		Map<String, Size> sizes = new LinkedHashMap<>();
		for ( Map.Entry<String, java.util.List<String>> table : columns.entrySet() ) {
			StringBuilder bytes = new StringBuilder( "select count(*) * 16" );
			for ( String column : table.getValue() ) {
				bytes.append( " + coalesce(sum(octet_length(cast(\"" ).append( column ).append( "\" as varchar))), 0)" );
			}
			try ( PreparedStatement select = connection.prepareStatement( bytes + " from \"" + table.getKey() + "\"" );
					ResultSet result = select.executeQuery() ) {
				result.next();
				sizes.put( table.getKey().toLowerCase( Locale.ROOT ), new Size( result.getLong( 1 ) / 1048576.0, 0 ) );
			}
		}
		return sizes;
	}

	/** MySQL and MariaDB, as opposed to H2: named locks, binary logs and lock waits exist only there. */
	static boolean isMySql(Connection connection) throws SQLException {
		String product = connection.getMetaData().getDatabaseProductName().toLowerCase( Locale.ROOT );
		return product.contains( "mysql" ) || product.contains( "mariadb" );
	}
}
