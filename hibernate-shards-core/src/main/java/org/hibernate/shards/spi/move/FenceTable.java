package org.hibernate.shards.spi.move;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The write fence of every virtual shard, one row per virtual shard in a table on each physical shard. Every write
 * transaction to a virtual shard reads that virtual shard's row on the shard it writes to, under a shared lock held
 * until it commits; a mover takes the row's exclusive lock, so it waits for the writes in flight and holds back new
 * ones, and then marks the row {@link State#MOVED}. An instance whose cached placement is stale therefore still cannot
 * write to a virtual shard's old place: its fence read says the virtual shard has gone. The one place for the fence's SQL.
 */
public final class FenceTable {
	public static final String TABLE = "hibernate_shards_fence";

	/** What a fence row says about writes to its virtual shard on its physical shard. */
	public enum State {
		/** Writes may go ahead. Also the state of a virtual shard the physical shard does not hold: nobody routes there. */
		OPEN,
		/** The virtual shard has moved away from this physical shard: writes must not land here. */
		MOVED,
		/**
		 * A partition of the virtual shard has moved away (by the row's move): writes may go ahead only when routed by a
		 * placement that shows that move's switch, since one routed before it may carry a row of the partition.
		 */
		PARTED
	}

	/** How a writer's shared read of a fence row is written for one database. */
	public enum Dialect {
		/** {@code LOCK IN SHARE MODE WAIT n}: the wait is bounded per statement. */
		MARIADB,
		/** {@code LOCK IN SHARE MODE}: the wait is the server's {@code innodb_lock_wait_timeout}. */
		MYSQL,
		/** {@code FOR UPDATE}, for databases without shared row locks (H2): writers of one virtual shard take turns. */
		OTHER
	}

	private FenceTable() {
	}

	/** Creates the table if needed and a row, open, for every virtual shard that has none. */
	public static void create(Connection connection, int virtualShards) throws SQLException {
		try ( Statement ddl = connection.createStatement() ) {
			ddl.execute( "create table if not exists " + TABLE + " (virtual_shard int not null primary key, "
					+ "state varchar(16) not null, moved_to int, move_id bigint)" );
		}
		java.util.BitSet present = new java.util.BitSet( virtualShards );
		try ( PreparedStatement select = connection.prepareStatement( "select virtual_shard from " + TABLE );
				ResultSet rows = select.executeQuery() ) {
			while ( rows.next() ) {
				present.set( rows.getInt( 1 ) );
			}
		}
		if ( present.cardinality() >= virtualShards ) {
			return;
		}
		try ( PreparedStatement insert = connection.prepareStatement( "insert into " + TABLE + " (virtual_shard, state) values (?, ?)" ) ) {
			for ( int v = present.nextClearBit( 0 ); v < virtualShards; v = present.nextClearBit( v + 1 ) ) {
				insert.setInt( 1, v );
				insert.setString( 2, State.OPEN.name() );
				insert.addBatch();
			}
			insert.executeBatch();
		}
		catch (SQLException raced) {
			// Another instance created the same rows at the same time: what matters is that they exist, open.
			if ( !isDuplicateKey( raced ) ) {
				throw raced;
			}
		}
	}

	private static boolean isDuplicateKey(SQLException e) {
		return e.getErrorCode() == 1062 || "23505".equals( e.getSQLState() ) || e instanceof java.sql.BatchUpdateException
				&& e.getNextException() != null && isDuplicateKey( e.getNextException() );
	}

	/**
	 * A writer's read of fence rows, to be run in the write transaction: the rows stay share-locked until it ends.
	 *
	 * @param count how many virtual shards the statement reads ({@code in (?, ?, …)})
	 * @param waitSeconds how long to wait for a mover's lock, for {@link Dialect#MARIADB}
	 */
	public static String writerReadSql(Dialect dialect, int count, int waitSeconds) {
		String select = "select virtual_shard, state, moved_to, move_id from " + TABLE + " where virtual_shard "
				+ ( count == 1 ? "= ?" : "in (" + "?, ".repeat( count - 1 ) + "?)" );
		return switch ( dialect ) {
			case MARIADB -> select + " lock in share mode wait " + waitSeconds;
			case MYSQL -> select + " lock in share mode";
			case OTHER -> select + " for update";
		};
	}

	/**
	 * Takes a virtual shard's fence row exclusively, in the caller's transaction: returns once every write
	 * transaction in flight to it on this shard has ended, and holds new ones back until the caller's transaction ends.
	 *
	 * @return the row's state
	 */
	public static State lock(Connection connection, int virtualShard) throws SQLException {
		try ( PreparedStatement select = connection.prepareStatement( "select state from " + TABLE + " where virtual_shard = ? for update" ) ) {
			select.setInt( 1, virtualShard );
			try ( ResultSet row = select.executeQuery() ) {
				if ( !row.next() ) {
					throw new SQLException( "The fence table has no row for virtual shard " + virtualShard );
				}
				return State.valueOf( row.getString( 1 ) );
			}
		}
	}

	/** @return the state of a virtual shard's fence row, read without locking */
	public static State state(Connection connection, int virtualShard) throws SQLException {
		try ( PreparedStatement select = connection.prepareStatement( "select state from " + TABLE + " where virtual_shard = ?" ) ) {
			select.setInt( 1, virtualShard );
			try ( ResultSet row = select.executeQuery() ) {
				return row.next() ? State.valueOf( row.getString( 1 ) ) : State.OPEN;
			}
		}
	}

	/** Marks a virtual shard as moved away from this shard, to {@code target}, by move {@code moveId}. */
	public static void markMoved(Connection connection, int virtualShard, int target, long moveId) throws SQLException {
		set( connection, virtualShard, State.MOVED, target, moveId );
	}

	/** Marks a partition of a virtual shard as moved away from this shard, to {@code target}, by move {@code moveId}. */
	public static void markParted(Connection connection, int virtualShard, int target, long moveId) throws SQLException {
		set( connection, virtualShard, State.PARTED, target, moveId );
	}

	/** @return the move that last marked a virtual shard's fence row on this shard, or {@code null}; read without locking */
	public static Long markedBy(Connection connection, int virtualShard) throws SQLException {
		try ( PreparedStatement select = connection.prepareStatement( "select move_id from " + TABLE + " where virtual_shard = ?" ) ) {
			select.setInt( 1, virtualShard );
			try ( ResultSet row = select.executeQuery() ) {
				return row.next() ? row.getObject( 1, Long.class ) : null;
			}
		}
	}

	/** Opens a virtual shard's fence on this shard again (its new home, or its old one when a move is rolled back). */
	public static void open(Connection connection, int virtualShard) throws SQLException {
		set( connection, virtualShard, State.OPEN, null, null );
	}

	/**
	 * Opens a virtual shard's fence again only if a given move marked it last: a later move may have marked it since.
	 *
	 * @return whether it was opened
	 */
	public static boolean openIfMarkedBy(Connection connection, int virtualShard, long moveId) throws SQLException {
		if ( !Long.valueOf( moveId ).equals( markedBy( connection, virtualShard ) ) ) {
			return false;
		}
		open( connection, virtualShard );
		return true;
	}

	private static void set(Connection connection, int virtualShard, State state, Integer target, Long moveId) throws SQLException {
		try ( PreparedStatement update = connection.prepareStatement( "update " + TABLE
				+ " set state = ?, moved_to = ?, move_id = ? where virtual_shard = ?" ) ) {
			update.setString( 1, state.name() );
			update.setObject( 2, target );
			update.setObject( 3, moveId );
			update.setInt( 4, virtualShard );
			if ( update.executeUpdate() != 1 ) {
				throw new SQLException( "The fence table has no row for virtual shard " + virtualShard );
			}
		}
	}
}
