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

	/** For {@link #pass}: the caller routes the write again once the fence passed, so when it was routed does not matter. */
	static final long ROUTED_AGAIN = Long.MIN_VALUE;

	/**
	 * Reads the fence rows of the given virtual shards on the session's connection, in its transaction.
	 *
	 * @param routedAt the {@link System#nanoTime()} by which the writes were routed (no later than their routing), or
	 *        {@link #ROUTED_AGAIN}
	 * @return whether a partition of one of them moved away: a caller that routes again must do so now, since the
	 *         placement shows that move
	 * @throws VirtualShardMovingException when one has moved away, a partition of one moved after the writes were
	 *         routed, or a mover held its fence longer than the wait
	 */
	boolean pass(SharedSessionContractImplementor session, ShardId shard, int[] virtualShards, long routedAt) {
		Connection connection = session.getJdbcCoordinator().getLogicalConnection().getPhysicalConnection();
		java.util.List<long[]> parted = null;
		try ( PreparedStatement read = connection.prepareStatement( FenceTable.writerReadSql( dialect, virtualShards.length, waitSeconds ) ) ) {
			for ( int i = 0; i < virtualShards.length; i++ ) {
				read.setInt( i + 1, virtualShards[i] );
			}
			try ( ResultSet rows = read.executeQuery() ) {
				while ( rows.next() ) {
					FenceTable.State state = FenceTable.State.valueOf( rows.getString( 2 ) );
					if ( state == FenceTable.State.MOVED ) {
						throw moved( rows.getInt( 1 ), shard, rows.getInt( 3 ) );
					}
					if ( state == FenceTable.State.PARTED ) {
						parted = parted == null ? new java.util.ArrayList<>() : parted;
						parted.add( new long[] { rows.getInt( 1 ), rows.getLong( 4 ) } );
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
		if ( parted == null ) {
			return false;
		}
		for ( long[] part : parted ) {
			long since = listener.awaitSwitched( part[1] );
			if ( since == Long.MAX_VALUE ) {
				throw new VirtualShardMovingException( (int) part[0], shard, "A partition of virtual shard " + part[0] + " on " + shard
						+ " is being moved (move " + part[1] + "), and this factory has not read its switch within " + waitSeconds
						+ " s: the control database is unreachable, or the move stopped between its fence and its switch (see "
						+ "ShardAdmin.status(); resume or roll it back). This transaction's writes were not made and nothing was committed.", null );
			}
			if ( routedAt != ROUTED_AGAIN && routedAt < since ) {
				throw new VirtualShardMovingException( (int) part[0], shard, "This statement was routed to " + shard + " before a partition of "
						+ "virtual shard " + part[0] + " moved away (move " + part[1] + "), so it may miss or strand rows of that partition; "
						+ "nothing was written and nothing was committed. This factory routes by the new placement now: retry the transaction "
						+ "in a new session.", null );
			}
		}
		return true;
	}

	/** A write routed by a placement that no longer puts its virtual shard on the shard it is about to be written to. */
	static VirtualShardMovingException routedElsewhere(Object entity, int virtualShard, ShardId shard, ShardId now) {
		return new VirtualShardMovingException( virtualShard, shard, "This transaction placed " + entity.getClass().getSimpleName()
				+ " on " + shard + ", but the directory has moved it since (to virtual shard " + virtualShard + ", on " + now + "); its "
				+ "writes were not made and nothing was committed. This factory now routes it there: retry the transaction.", null );
	}

	/** A new row whose sharded id names a virtual shard its key's partition has left since the id was given. */
	static VirtualShardMovingException idElsewhere(Object entity, int named, int virtualShard, ShardId shard) {
		return new VirtualShardMovingException( named, shard, "This transaction gave a new " + entity.getClass().getSimpleName() + " an id "
				+ "of virtual shard " + named + ", but the directory has placed its key on virtual shard " + virtualShard + " since; its writes "
				+ "were not made and nothing was committed. Retry the transaction with new instances: their ids will name the new place.", null );
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
