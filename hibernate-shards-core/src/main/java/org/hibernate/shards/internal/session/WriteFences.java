package org.hibernate.shards.internal.session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.IntPredicate;

import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.shards.ShardId;
import org.hibernate.shards.VirtualShardMovingException;
import org.hibernate.shards.spi.move.FenceTable;
import org.hibernate.shards.spi.move.PlacementRefresh;

/**
 * The factory's write fences, on when virtual shards can move (the partition directory turns them on): before a
 * transaction first writes to a virtual shard on a physical shard, it reads the virtual shard's fence row there under a
 * shared lock (see {@link FenceTable}). One statement per virtual shard per transaction, on the connection the writes use.
 */
public final class WriteFences {
	/** ER_LOCK_WAIT_TIMEOUT, which MariaDB's {@code WAIT n} also gives. */
	private static final int LOCK_WAIT_TIMEOUT = 1205;

	private final FenceTable.Dialect dialect;
	private final int waitSeconds;
	private final PlacementRefresh listener;

	public WriteFences(FenceTable.Dialect dialect, int waitSeconds, PlacementRefresh listener) {
		this.dialect = dialect;
		this.waitSeconds = waitSeconds;
		this.listener = listener;
	}

	public int waitSeconds() {
		return waitSeconds;
	}

	/**
	 * Reads the fence rows of the given virtual shards on the session's connection, in its transaction.
	 *
	 * @throws VirtualShardMovingException when one has moved away, or a mover held its fence longer than the wait
	 */
	void pass(SharedSessionContractImplementor session, ShardId shard, int[] virtualShards) {
		Connection connection = session.getJdbcCoordinator().getLogicalConnection().getPhysicalConnection();
		try ( PreparedStatement read = connection.prepareStatement( FenceTable.writerReadSql( dialect, virtualShards.length, waitSeconds ) ) ) {
			for ( int i = 0; i < virtualShards.length; i++ ) {
				read.setInt( i + 1, virtualShards[i] );
			}
			try ( ResultSet rows = read.executeQuery() ) {
				while ( rows.next() ) {
					if ( FenceTable.State.valueOf( rows.getString( 2 ) ) == FenceTable.State.MOVED ) {
						int virtualShard = rows.getInt( 1 );
						throw moved( virtualShard, shard, rows.getInt( 3 ) );
					}
				}
			}
		}
		catch (SQLException e) {
			if ( e.getErrorCode() == LOCK_WAIT_TIMEOUT || "HYT00".equals( e.getSQLState() ) ) {
				int virtualShard = virtualShards.length == 1 ? virtualShards[0] : -1;
				throw new VirtualShardMovingException( virtualShard, shard, ( virtualShard < 0 ? "A virtual shard of " + shard
						: "Virtual shard " + virtualShard ) + " is being moved and its writes have been paused for more than " + waitSeconds
						+ " s (hibernate.shards.move.fence_wait_seconds); nothing was committed. Retry the transaction.", e );
			}
			throw new org.hibernate.shards.ShardingException( "Cannot read the write fence of " + shard + ": " + e.getMessage(), e );
		}
	}

	private VirtualShardMovingException moved(int virtualShard, ShardId shard, int target) {
		boolean rerouted = listener.awaitMoved( virtualShard, shard );
		return new VirtualShardMovingException( virtualShard, shard, "Virtual shard " + virtualShard + " has moved from " + shard
				+ " to " + ShardId.of( target ) + "; this transaction's writes to it were not made and nothing was committed. "
				+ ( rerouted ? "This factory now routes it to its new place: retry the transaction."
				: "This factory has not yet read the new placement (is the control database reachable?); retry shortly." ), null );
	}

	/** The virtual shards a fence check still has to cover, given those checked already in this transaction. */
	static int[] unchecked(java.util.List<Integer> virtualShards, IntPredicate checked) {
		return virtualShards.stream().mapToInt( Integer::intValue ).filter( v -> !checked.test( v ) ).toArray();
	}
}
