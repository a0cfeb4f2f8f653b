package org.hibernate.shards.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.hibernate.shards.test.ShardDatabase;

/**
 * The {@code @ShardedId} node lease as the database that holds it shows it, read and changed from outside the
 * library: which connection holds a node's named lock, the limit recorded for a node, and locks taken by hand.
 */
final class IdLeaseLocks {
	/** The documented lock name of a node: the database's name (its first 30 characters) and the node. */
	private static final String LOCK_NAME = "concat(left(database(), 30), ':hibernate_shards_id_node.', ?)";

	private IdLeaseLocks() {
	}

	/** @return the id of the connection that holds a node's lock in that database, or 0 when none does */
	static long holderOf(ShardDatabase database, int node) throws SQLException {
		try ( Connection connection = database.openConnection() ) {
			return holderOf( connection, node );
		}
	}

	private static long holderOf(Connection connection, int node) throws SQLException {
		try ( PreparedStatement select = connection.prepareStatement( "select is_used_lock(" + LOCK_NAME + ")" ) ) {
			select.setInt( 1, node );
			try ( ResultSet result = select.executeQuery() ) {
				result.next();
				return result.getLong( 1 );
			}
		}
	}

	/** Kills, from the server's side, the connection that holds a node's lock in that database. */
	static void killHolder(ShardDatabase database, int node) throws SQLException {
		try ( Connection connection = database.openConnection() ) {
			long holder = holderOf( connection, node );
			assertTrue( holder > 0, "node " + node + " is leased by a connection" );
			try ( Statement kill = connection.createStatement() ) {
				kill.execute( "kill " + holder );
			}
		}
	}

	/** @return whether {@code connection} now holds the node's lock, as an instance that leased the node would */
	static boolean lock(Connection connection, int node) throws SQLException {
		try ( PreparedStatement lock = connection.prepareStatement( "select get_lock(" + LOCK_NAME + ", 0)" ) ) {
			lock.setInt( 1, node );
			try ( ResultSet result = lock.executeQuery() ) {
				return result.next() && result.getInt( 1 ) == 1;
			}
		}
	}

	static void release(Connection connection, int node) throws SQLException {
		try ( PreparedStatement release = connection.prepareStatement( "select release_lock(" + LOCK_NAME + ")" ) ) {
			release.setInt( 1, node );
			release.executeQuery().close();
		}
	}

	/** @return the last millisecond a node's ids may carry, as recorded in that database; -1 when it has no record */
	static long recordedLimit(ShardDatabase database, int node) throws SQLException {
		try ( Connection connection = database.openConnection();
				PreparedStatement select = connection.prepareStatement( "select valid_until from hibernate_shards_id_node where node = ?" ) ) {
			select.setInt( 1, node );
			try ( ResultSet result = select.executeQuery() ) {
				return result.next() ? result.getLong( 1 ) : -1;
			}
		}
	}

	/** @return whether that database has the lease's table of limits */
	static boolean hasLimitsTable(ShardDatabase database) throws SQLException {
		try ( Connection connection = database.openConnection();
				PreparedStatement select = connection.prepareStatement( "select count(*) from information_schema.tables "
						+ "where table_schema = database() and table_name = 'hibernate_shards_id_node'" );
				ResultSet result = select.executeQuery() ) {
			result.next();
			return result.getInt( 1 ) > 0;
		}
	}
}
