package org.hibernate.shards.internal.id;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.hibernate.shards.ShardingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leases a {@link org.hibernate.shards.annotations.ShardedId} node number, so that application instances sharing
 * the shards never generate the same id. The lease is a MySQL named lock ({@code GET_LOCK}) taken on shard 0 and held
 * by a dedicated connection for the life of the factory; it is released when the factory closes, or by the server
 * when the instance dies. Databases without named locks (H2 in tests and the demo) get node 0.
 */
public final class IdNodeLease implements AutoCloseable {
	private static final Logger LOG = LoggerFactory.getLogger( IdNodeLease.class );
	private static final String LOCK_PREFIX = "hibernate_shards.id_node.";

	private final DataSource shard0;
	private Connection holder;

	public IdNodeLease(DataSource shard0) {
		this.shard0 = shard0;
	}

	/** @return a node number no other running factory holds */
	public synchronized int acquire() {
		Connection connection;
		try {
			connection = shard0.getConnection();
		}
		catch (SQLException e) {
			throw new ShardingException( "Cannot lease an id node on shard 0 to generate @ShardedId values: " + e.getMessage()
					+ ". Set hibernate.shards.id.node to a number unique to this application instance to avoid the lease", e );
		}
		try ( PreparedStatement lock = connection.prepareStatement( "select get_lock(?, 0)" ) ) {
			for ( int node = 0; node < ShardedIdLayout.MAX_NODES; node++ ) {
				lock.setString( 1, LOCK_PREFIX + node );
				try ( ResultSet result = lock.executeQuery() ) {
					if ( result.next() && result.getInt( 1 ) == 1 ) {
						holder = connection;
						if ( !connection.getAutoCommit() ) {
							connection.commit();
						}
						LOG.info( "Generating @ShardedId values as node {} (named lock '{}{}' on shard 0)", node, LOCK_PREFIX, node );
						return node;
					}
				}
			}
			closeQuietly( connection );
			throw new ShardingException( "All " + ShardedIdLayout.MAX_NODES + " @ShardedId nodes are leased by other application "
					+ "instances; at most " + ShardedIdLayout.MAX_NODES + " instances can generate sharded ids at once" );
		}
		catch (SQLException e) {
			closeQuietly( connection );
			LOG.info( "Shard 0 has no named locks ({}); generating @ShardedId values as node 0. "
					+ "Set hibernate.shards.id.node when several instances share the shards", e.getMessage() );
			return 0;
		}
	}

	private static void closeQuietly(Connection connection) {
		try {
			connection.close();
		}
		catch (SQLException ignored) {
			// nothing more to release
		}
	}

	@Override
	public synchronized void close() {
		if ( holder != null ) {
			closeQuietly( holder );
			holder = null;
		}
	}
}
