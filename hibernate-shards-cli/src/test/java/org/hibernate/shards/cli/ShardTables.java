package org.hibernate.shards.cli;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.hibernate.shards.test.ShardDatabases;

/** What the shards hold, asked of each database directly: the truth the command and the console are checked against. */
final class ShardTables {
	private final ShardDatabases dbs;

	ShardTables(ShardDatabases dbs) {
		this.dbs = dbs;
	}

	/** @return rows of cli_member on each physical shard */
	List<Long> membersPerShard() throws SQLException {
		List<Long> counts = new ArrayList<>();
		for ( int shard = 0; shard < dbs.size(); shard++ ) {
			counts.add( count( shard, "select count(*) from cli_member" ) );
		}
		return counts;
	}

	long count(int shard, String sql) throws SQLException {
		try ( Connection connection = dbs.get( shard ).openConnection(); Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery( sql ) ) {
			rows.next();
			return rows.getLong( 1 );
		}
	}

	void execute(int shard, String sql) throws SQLException {
		try ( Connection connection = dbs.get( shard ).openConnection(); Statement statement = connection.createStatement() ) {
			statement.execute( sql );
		}
	}
}
