package org.hibernate.shards.strategy.directory.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Named locks in the control database that make one mover per virtual shard, and at most a few movers at once, over
 * every process sharing the directory. They belong to the connection that took them: when a mover's process dies,
 * the server drops its connection and the locks with it, so a resume never waits for a dead mover. A mover that ends
 * normally releases them before its (pooled) connection goes back to the pool.
 */
final class MoverLocks implements AutoCloseable {
	private static final Logger LOG = LoggerFactory.getLogger( MoverLocks.class );
	/**
	 * Where the control database has no named locks (H2, which the demo uses), locks held in this JVM by control
	 * database URL and name: enough for one process, which is all such a database serves.
	 */
	private static final java.util.Set<String> LOCAL = java.util.concurrent.ConcurrentHashMap.newKeySet();

	private final Connection connection;
	private final List<String> held = new ArrayList<>();
	private final List<String> heldLocally = new ArrayList<>();

	private MoverLocks(Connection connection) {
		this.connection = connection;
	}

	static MoverLocks open(DirectoryStore store) throws SQLException {
		return new MoverLocks( store.openConnection() );
	}

	/** @return whether this mover now holds the virtual shard's lock */
	boolean lockVirtualShard(int virtualShard) throws SQLException {
		return getLock( "move:" + virtualShard );
	}

	/** @return whether this mover now holds one of the {@code slots} mover slots */
	boolean lockSlot(int slots) throws SQLException {
		for ( int slot = 0; slot < slots; slot++ ) {
			if ( getLock( "mover:" + slot ) ) {
				return true;
			}
		}
		return false;
	}

	/** @return whether some connection holds the virtual shard's lock: a mover is at work on it */
	static boolean isVirtualShardLocked(Connection connection, int virtualShard) throws SQLException {
		if ( !hasNamedLocks( connection ) ) {
			return LOCAL.contains( localName( connection, "move:" + virtualShard ) );
		}
		try ( PreparedStatement select = connection.prepareStatement( "select is_used_lock(" + NAME + ")" ) ) {
			select.setString( 1, "move:" + virtualShard );
			try ( ResultSet result = select.executeQuery() ) {
				return result.next() && result.getObject( 1 ) != null;
			}
		}
	}

	private static boolean hasNamedLocks(Connection connection) throws SQLException {
		return TableSizes.isMySql( connection );
	}

	private static String localName(Connection connection, String lock) throws SQLException {
		return connection.getMetaData().getURL() + "|" + lock;
	}

	private boolean getLock(String lock) throws SQLException {
		if ( !hasNamedLocks( connection ) ) {
			String name = localName( connection, lock );
			if ( LOCAL.add( name ) ) {
				heldLocally.add( name );
				return true;
			}
			return false;
		}
		try ( PreparedStatement select = connection.prepareStatement( "select get_lock(" + NAME + ", 0)" ) ) {
			select.setString( 1, lock );
			try ( ResultSet result = select.executeQuery() ) {
				if ( result.next() && result.getInt( 1 ) == 1 ) {
					held.add( lock );
					return true;
				}
				return false;
			}
		}
	}

	@Override
	public void close() {
		heldLocally.forEach( LOCAL::remove );
		heldLocally.clear();
		try ( connection ) {
			for ( String lock : held ) {
				try ( PreparedStatement release = connection.prepareStatement( "select release_lock(" + NAME + ")" ) ) {
					release.setString( 1, lock );
					release.executeQuery().close();
				}
			}
		}
		catch (SQLException e) {
			LOG.warn( "Releasing a mover's locks failed; they go when its connection closes: {}", e.getMessage() );
		}
	}

	/** Lock names are server-wide: qualified by the control database's name, within the server's 64 characters. */
	private static final String NAME = "concat(left(database(), 40), ':hibernate_shards:', ?)";
}
