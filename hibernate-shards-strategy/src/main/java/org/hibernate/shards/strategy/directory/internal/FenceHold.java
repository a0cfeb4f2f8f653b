package org.hibernate.shards.strategy.directory.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.hibernate.shards.spi.move.FenceTable;

/**
 * A virtual shard's fence on one physical shard, held closed in a transaction of its own: taking it waits for the write
 * transactions in flight to the virtual shard there, and holds new ones back until the hold ends. A mark counts once
 * committed; ending the hold without a commit opens the fence again as it was. A writer that keeps a transaction open
 * longer than the fence wait makes the taking fail, rather than stall every other writer behind it.
 */
final class FenceHold implements AutoCloseable {
	private final Connection connection;
	private final int virtualShard;
	private final long since = System.nanoTime();

	private FenceHold(Connection connection, int virtualShard) {
		this.connection = connection;
		this.virtualShard = virtualShard;
	}

	/** @param shard where to take it: a pool of the movers', never the application's, whose writers wait at the fence */
	static FenceHold take(DataSource shard, int virtualShard, int waitSeconds) throws SQLException {
		Connection connection = shard.getConnection();
		FenceHold hold = new FenceHold( connection, virtualShard );
		try {
			connection.setAutoCommit( false );
			try ( Statement statement = connection.createStatement() ) {
				statement.execute( TableSizes.isMySql( connection ) ? "set session innodb_lock_wait_timeout = " + waitSeconds
						: "set lock_timeout " + waitSeconds * 1000L );
			}
			FenceTable.lock( connection, virtualShard );
			return hold;
		}
		catch (SQLException | RuntimeException e) {
			try {
				hold.close();
			}
			catch (SQLException closing) {
				e.addSuppressed( closing );
			}
			throw e;
		}
	}

	/** @return when writes began to be held back ({@link System#nanoTime()}) */
	long since() {
		return since;
	}

	/** Marks the virtual shard as moved away, to {@code target}, by move {@code moveId}; counts once committed. */
	void markMoved(int target, long moveId) throws SQLException {
		FenceTable.markMoved( connection, virtualShard, target, moveId );
	}

	/** Marks a partition of the virtual shard as moved away, to {@code target}, by move {@code moveId}; counts once committed. */
	void markParted(int target, long moveId) throws SQLException {
		FenceTable.markParted( connection, virtualShard, target, moveId );
	}

	void commit() throws SQLException {
		connection.commit();
	}

	@Override
	public void close() throws SQLException {
		try ( connection ) {
			connection.rollback(); // nothing left after a commit; otherwise the fence opens again
			connection.setAutoCommit( true );
			if ( TableSizes.isMySql( connection ) ) {
				try ( Statement statement = connection.createStatement() ) {
					statement.execute( "set session innodb_lock_wait_timeout = default" );
				}
			}
		}
	}
}
