package org.hibernate.shards.strategy.directory.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hibernate.shards.admin.MoveStep;

/**
 * The moves' journal and the instances' heartbeats, in the control database next to the directory. A move records
 * each step as it completes it, so that a mover that died can be followed by another that resumes from there.
 */
final class MoveJournal {
	static final String MOVES = "hibernate_shards_move";
	static final String INSTANCES = "hibernate_shards_instance";

	/**
	 * One move.
	 *
	 * @param binlogFile where the source's binary log stood when the copy started, or {@code null} when the move does
	 *        not follow it (the whole copy then runs behind the fence)
	 * @param switchVersion the directory version that placed the virtual shard on the target, once switched
	 * @param partition for a partition's move, which partition and where its values go; {@code null} when a whole virtual
	 *        shard moves ({@code virtualShard} is then the one that moves; for a partition, the one it leaves)
	 */
	record Entry(long id, int virtualShard, int source, int target, MoveStep step, String binlogFile, long binlogPosition,
			Long switchVersion, String failure, PartitionChange partition, Progress progress) {

		/** @return "virtual shard 5", or "partition 'mar' of User (virtual shard 5 to 9)", for messages */
		String describe() {
			return partition == null ? "virtual shard " + virtualShard
					: "partition '" + partition.name() + "' of " + partition.entity() + " (virtual shard " + virtualShard + " to "
							+ partition.toVirtualShard() + ")";
		}

		boolean followsBinlog() {
			return binlogFile != null;
		}

		boolean finished() {
			return step == MoveStep.DONE || step == MoveStep.ROLLED_BACK;
		}
	}

	/** What a partition's move changes in the directory at its switch. */
	enum PartitionEdit {
		/** The partition is created: its values had none, and lived in the default partition or by their hash. */
		ADD,
		/** The partition is placed on another virtual shard. */
		MOVE,
		/** The partition is removed: its values go to the default partition, or by their hash. */
		REMOVE
	}

	/**
	 * @param entity the JPA entity name, as the directory records it
	 * @param value the partition value, canonical
	 * @param toVirtualShard where the values live after the switch
	 */
	record PartitionChange(String entity, String name, String value, int toVirtualShard, PartitionEdit edit) {
	}

	/**
	 * How far a move's copy got, as its mover last recorded it (about once a second), so that any process can show it.
	 *
	 * @param rowsCopied entity rows copied, or {@code null} before the copy started
	 * @param rowsEstimated the entity rows the copy expects, or {@code null} when not estimated (a partition's move)
	 */
	record Progress(Long rowsCopied, Long rowsEstimated) {
	}

	static void recordProgress(Connection connection, long moveId, long rowsCopied, long rowsEstimated) throws SQLException {
		try ( PreparedStatement update = connection.prepareStatement( "update " + MOVES
				+ " set rows_copied = ?, rows_estimated = ? where move_id = ?" ) ) {
			update.setLong( 1, rowsCopied );
			if ( rowsEstimated < 0 ) {
				update.setNull( 2, java.sql.Types.BIGINT );
			}
			else {
				update.setLong( 2, rowsEstimated );
			}
			update.setLong( 3, moveId );
			update.executeUpdate();
		}
	}

	/** @param ageMillis since its last heartbeat, by the control database's clock */
	record Instance(String id, String host, long version, long ageMillis) {
	}

	private MoveJournal() {
	}

	static void createTables(Connection connection) throws SQLException {
		try ( Statement ddl = connection.createStatement() ) {
			ddl.execute( "create table if not exists " + MOVES + " (move_id bigint not null auto_increment primary key, "
					+ "virtual_shard int not null, source_shard int not null, target_shard int not null, step varchar(16) not null, "
					+ "binlog_file varchar(255), binlog_position bigint, switch_version bigint, failure varchar(2000), "
					+ "entity varchar(255), partition_name varchar(255), partition_value varchar(255), to_virtual_shard int, partition_edit varchar(8), "
					+ "started_at timestamp(3) not null default current_timestamp(3), updated_at timestamp(3) not null default current_timestamp(3))" );
			addPartitionColumns( connection );
			ddl.execute( "create table if not exists " + INSTANCES + " (instance_id varchar(64) not null primary key, host varchar(255), "
					+ "version bigint not null, heartbeat_at timestamp(3) not null)" );
		}
	}

	/** A journal created before partitions could move (or before moves recorded their progress) lacks those columns: they are added, empty. */
	private static void addPartitionColumns(Connection connection) throws SQLException {
		java.util.Set<String> present = new java.util.HashSet<>();
		try ( Statement select = connection.createStatement(); ResultSet rows = select.executeQuery( "select * from " + MOVES + " where 1 = 0" ) ) {
			for ( int i = 1; i <= rows.getMetaData().getColumnCount(); i++ ) {
				present.add( rows.getMetaData().getColumnName( i ).toLowerCase( java.util.Locale.ROOT ) );
			}
		}
		String[][] columns = { { "entity", "varchar(255)" }, { "partition_name", "varchar(255)" }, { "partition_value", "varchar(255)" },
				{ "to_virtual_shard", "int" }, { "partition_edit", "varchar(8)" }, { "rows_copied", "bigint" }, { "rows_estimated", "bigint" } };
		try ( Statement ddl = connection.createStatement() ) {
			for ( String[] column : columns ) {
				if ( !present.contains( column[0] ) ) {
					ddl.execute( "alter table " + MOVES + " add column " + column[0] + " " + column[1] );
				}
			}
		}
	}

	/** @return by partition move that switched or was rolled back, its switch's version, or 0 */
	static Map<Long, Long> partitionOutcomes(Connection connection) throws SQLException {
		Map<Long, Long> outcomes = new java.util.HashMap<>();
		try ( PreparedStatement select = connection.prepareStatement( "select move_id, switch_version from " + MOVES
				+ " where entity is not null and (switch_version is not null or step = '" + MoveStep.ROLLED_BACK + "')" );
				ResultSet rows = select.executeQuery() ) {
			while ( rows.next() ) {
				Long version = rows.getObject( 2, Long.class );
				outcomes.put( rows.getLong( 1 ), version == null ? 0L : version );
			}
		}
		return outcomes;
	}

	/** @param partition what a partition's move changes, or {@code null} for a virtual shard's move */
	static long start(Connection connection, int virtualShard, int source, int target, String binlogFile, long binlogPosition,
			PartitionChange partition) throws SQLException {
		try ( PreparedStatement insert = connection.prepareStatement( "insert into " + MOVES
				+ " (virtual_shard, source_shard, target_shard, step, binlog_file, binlog_position, entity, partition_name, partition_value, "
				+ "to_virtual_shard, partition_edit) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS ) ) {
			insert.setInt( 1, virtualShard );
			insert.setInt( 2, source );
			insert.setInt( 3, target );
			insert.setString( 4, MoveStep.COPYING.name() );
			insert.setString( 5, binlogFile );
			insert.setLong( 6, binlogPosition );
			insert.setString( 7, partition == null ? null : partition.entity() );
			insert.setString( 8, partition == null ? null : partition.name() );
			insert.setString( 9, partition == null ? null : partition.value() );
			insert.setObject( 10, partition == null ? null : partition.toVirtualShard() );
			insert.setString( 11, partition == null ? null : partition.edit().name() );
			insert.executeUpdate();
			try ( ResultSet keys = insert.getGeneratedKeys() ) {
				keys.next();
				return keys.getLong( 1 );
			}
		}
	}

	/**
	 * Moves a move's journal from one step to the next; only from the step its mover read, so that two movers that both
	 * believe they own a move (one whose lock connection dropped unseen) cannot take it back a step.
	 *
	 * @throws ShardAdminException when the journal is no longer at {@code from}
	 */
	static void step(Connection connection, long moveId, MoveStep from, MoveStep step, Long switchVersion) throws SQLException {
		try ( PreparedStatement update = connection.prepareStatement( "update " + MOVES + " set step = ?, failure = null, "
				+ "switch_version = coalesce(?, switch_version), updated_at = current_timestamp(3) where move_id = ? and step = ?" ) ) {
			update.setString( 1, step.name() );
			update.setObject( 2, switchVersion );
			update.setLong( 3, moveId );
			update.setString( 4, from.name() );
			if ( update.executeUpdate() != 1 ) {
				throw new org.hibernate.shards.admin.ShardAdminException( "Move " + moveId + " is no longer at step " + from
						+ ": another mover has taken it over; this one stops without changing anything more" );
			}
		}
	}

	static void fail(Connection connection, long moveId, String failure) throws SQLException {
		try ( PreparedStatement update = connection.prepareStatement( "update " + MOVES
				+ " set failure = ?, updated_at = current_timestamp(3) where move_id = ?" ) ) {
			update.setString( 1, failure.length() > 2000 ? failure.substring( 0, 2000 ) : failure );
			update.setLong( 2, moveId );
			update.executeUpdate();
		}
	}

	/** @return the moves not done or rolled back, oldest first */
	static List<Entry> unfinished(Connection connection) throws SQLException {
		return select( connection, " where step not in ('" + MoveStep.DONE + "', '" + MoveStep.ROLLED_BACK + "') order by move_id", null );
	}

	/** @return the unfinished move the virtual shard takes part in (moving, or a partition's move from or to it), or {@code null} */
	static Entry unfinished(Connection connection, int virtualShard) throws SQLException {
		List<Entry> found = select( connection, " where (virtual_shard = ? or to_virtual_shard = ?) and step not in ('" + MoveStep.DONE + "', '"
				+ MoveStep.ROLLED_BACK + "') order by move_id", virtualShard );
		return found.isEmpty() ? null : found.get( 0 );
	}

	static Entry byId(Connection connection, long moveId) throws SQLException {
		List<Entry> found = select( connection, " where move_id = " + moveId, null );
		return found.isEmpty() ? null : found.get( 0 );
	}

	private static List<Entry> select(Connection connection, String where, Integer virtualShard) throws SQLException {
		try ( PreparedStatement select = connection.prepareStatement( "select move_id, virtual_shard, source_shard, target_shard, step, "
				+ "binlog_file, binlog_position, switch_version, failure, entity, partition_name, partition_value, to_virtual_shard, "
				+ "partition_edit, rows_copied, rows_estimated from " + MOVES + where ) ) {
			if ( virtualShard != null ) {
				select.setInt( 1, virtualShard );
				select.setInt( 2, virtualShard );
			}
			List<Entry> entries = new ArrayList<>();
			try ( ResultSet rows = select.executeQuery() ) {
				while ( rows.next() ) {
					entries.add( new Entry( rows.getLong( 1 ), rows.getInt( 2 ), rows.getInt( 3 ), rows.getInt( 4 ),
							MoveStep.valueOf( rows.getString( 5 ) ), rows.getString( 6 ), rows.getLong( 7 ),
							(Long) rows.getObject( 8, Long.class ), rows.getString( 9 ), rows.getString( 10 ) == null ? null
									: new PartitionChange( rows.getString( 10 ), rows.getString( 11 ), rows.getString( 12 ), rows.getInt( 13 ),
											PartitionEdit.valueOf( rows.getString( 14 ) ) ),
							new Progress( rows.getObject( 15, Long.class ), rows.getObject( 16, Long.class ) ) ) );
				}
			}
			return entries;
		}
	}

	// ---- instances

	/** Records that an instance is alive and routes by a version of the directory. */
	static void heartbeat(Connection connection, String instanceId, String host, long version) throws SQLException {
		try ( PreparedStatement update = connection.prepareStatement( "update " + INSTANCES
				+ " set version = ?, heartbeat_at = current_timestamp(3) where instance_id = ?" ) ) {
			update.setLong( 1, version );
			update.setString( 2, instanceId );
			if ( update.executeUpdate() > 0 ) {
				return;
			}
		}
		try ( PreparedStatement insert = connection.prepareStatement( "insert into " + INSTANCES
				+ " (instance_id, host, version, heartbeat_at) values (?, ?, ?, current_timestamp(3))" ) ) {
			insert.setString( 1, instanceId );
			insert.setString( 2, host );
			insert.setLong( 3, version );
			insert.executeUpdate();
		}
	}

	static void leave(Connection connection, String instanceId) throws SQLException {
		try ( PreparedStatement delete = connection.prepareStatement( "delete from " + INSTANCES + " where instance_id = ?" ) ) {
			delete.setString( 1, instanceId );
			delete.executeUpdate();
		}
	}

	static List<Instance> instances(Connection connection) throws SQLException {
		List<Instance> instances = new ArrayList<>();
		try ( PreparedStatement select = connection.prepareStatement( "select instance_id, host, version, heartbeat_at, current_timestamp(3) from "
				+ INSTANCES ); ResultSet rows = select.executeQuery() ) {
			while ( rows.next() ) {
				long age = rows.getTimestamp( 5 ).getTime() - rows.getTimestamp( 4 ).getTime();
				instances.add( new Instance( rows.getString( 1 ), rows.getString( 2 ), rows.getLong( 3 ), age ) );
			}
		}
		return instances;
	}
}
