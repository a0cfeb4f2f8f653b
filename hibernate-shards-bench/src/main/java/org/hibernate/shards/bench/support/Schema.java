package org.hibernate.shards.bench.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The tables, created with JDBC in every database so that all implementations use exactly the same definitions (and
 * because ShardingSphere-JDBC cannot run Hibernate's schema export). Column types are those Hibernate maps the
 * entities to on MariaDB.
 */
public final class Schema {
	private Schema() {
	}

	private static String customer(String table) {
		return "create table " + table + " (id bigint not null primary key, email varchar(255) not null, name varchar(255),"
				+ " city varchar(255), score integer not null, created_at datetime(6)) engine=InnoDB";
	}

	private static String post(String table) {
		return "create table " + table + " (id bigint not null primary key, author varchar(255), title varchar(255),"
				+ " score integer not null, created_at datetime(6), index " + table + "_created (created_at, id)) engine=InnoDB";
	}

	private static String bulk(String table) {
		return "create table " + table + " (id bigint not null primary key, row_key varchar(255), payload varchar(255),"
				+ " amount integer not null, created_at datetime(6)) engine=InnoDB";
	}

	/**
	 * A shard holds the sharded tables, ShardingSphere's actual tables ({@code ds_n.sphere_*}) and {@code probe}, the table
	 * of the raw JDBC topology check.
	 */
	public static final List<String> SHARD = List.of( customer( "customer" ), post( "post" ), bulk( "bulk_row" ),
			customer( "sphere_customer" ), post( "sphere_post" ), bulk( "sphere_bulk_row" ), customer( "probe" ) );

	/** The plain database holds what plain Hibernate uses. */
	public static final List<String> PLAIN = List.of( customer( "customer" ), bulk( "bulk_row" ), customer( "probe" ) );

	public static void create(Connection connection, List<String> ddl) throws SQLException {
		try ( Statement statement = connection.createStatement() ) {
			for ( String sql : ddl ) {
				statement.execute( sql );
			}
		}
	}

	public static void truncate(Connection connection, String table) throws SQLException {
		try ( Statement statement = connection.createStatement() ) {
			statement.execute( "truncate table " + table );
		}
	}
}
