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
 * {@code information_schema.tables} on MySQL and MariaDB, {@code DISK_SPACE_USED} on H2 (which the demo runs on).
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
			boolean mySql = isMySql( connection );
			String sql = mySql
					? "select table_name, coalesce(data_length, 0), coalesce(index_length, 0) from information_schema.tables where table_schema = database()"
					: "select table_name, disk_space_used(table_schema || '.' || table_name), 0 from information_schema.tables "
							+ "where table_schema = schema() and table_type = 'BASE TABLE'";
			try ( PreparedStatement select = connection.prepareStatement( sql ); ResultSet result = select.executeQuery() ) {
				while ( result.next() ) {
					sizes.put( result.getString( 1 ).toLowerCase( Locale.ROOT ),
							new Size( result.getLong( 2 ) / 1048576.0, result.getLong( 3 ) / 1048576.0 ) );
				}
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
