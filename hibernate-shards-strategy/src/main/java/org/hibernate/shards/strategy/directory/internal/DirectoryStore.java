package org.hibernate.shards.strategy.directory.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.strategy.directory.ShardDirectoryException;

/**
 * The directory's tables in the control database, read and written with plain JDBC. Every change runs in one
 * transaction that first locks the version row, so concurrent administrators of several instances are serialized and
 * each change moves the version exactly once (a move is several changes: its start, its switch, its end).
 */
final class DirectoryStore {
	static final String VERSION = "hibernate_shards_directory";
	static final String VIRTUAL_SHARDS = "hibernate_shards_virtual_shard";
	static final String ENTITIES = "hibernate_shards_entity";
	static final String PARTITIONS = "hibernate_shards_partition";
	static final String PHYSICAL_SHARDS = "hibernate_shards_physical_shard";

	/**
	 * Partition names compare as the control database's default collation compares them (without case or accents), so
	 * that 'MAR' finds the partition the database stores as 'mar'.
	 */
	static final java.util.Comparator<String> PARTITION_NAMES = java.util.Comparator.comparing(
			org.hibernate.shards.spi.key.KeyCollation::fold );

	private final DataSource dataSource;

	DirectoryStore(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	@FunctionalInterface
	interface Work<T> {
		T run(Connection connection) throws SQLException;
	}

	/** Creates the tables if needed and, on first use, records the configured virtual shard placement. */
	void initialize(List<ShardId> configuredPlacement, String fallback) {
		transaction( connection -> {
			try ( Statement ddl = connection.createStatement() ) {
				ddl.execute( "create table if not exists " + VERSION
						+ " (id int not null primary key, version bigint not null, fallback varchar(32) not null)" );
				ddl.execute( "create table if not exists " + VIRTUAL_SHARDS
						+ " (virtual_shard int not null primary key, physical_shard int not null)" );
				ddl.execute( "create table if not exists " + ENTITIES + " (entity varchar(255) not null primary key, "
						+ "key_property varchar(255) not null, key_function varchar(255), default_partition varchar(255))" );
				MoveJournal.createTables( connection );
				ddl.execute( "create table if not exists " + PHYSICAL_SHARDS + " (shard_id int not null primary key, "
						+ "jdbc_url varchar(1000) not null, capacity_mb double not null)" );
				ddl.execute( "create table if not exists " + PARTITIONS + " (entity varchar(255) not null, name varchar(255) not null, "
						+ "partition_value varchar(255) not null, virtual_shard int not null, primary key (entity, name), "
						+ "unique (entity, partition_value))" );
			}
			return null;
		} );
		try {
			transaction( connection -> {
				if ( currentVersion( connection ) != null ) {
					return null; // another instance (or an earlier run) initialised it: route by what is there
				}
				try ( PreparedStatement insert = connection.prepareStatement( "insert into " + VERSION + " (id, version, fallback) values (1, 1, ?)" ) ) {
					insert.setString( 1, fallback );
					insert.executeUpdate();
				}
				try ( PreparedStatement insert = connection.prepareStatement(
						"insert into " + VIRTUAL_SHARDS + " (virtual_shard, physical_shard) values (?, ?)" ) ) {
					for ( int v = 0; v < configuredPlacement.size(); v++ ) {
						insert.setInt( 1, v );
						insert.setInt( 2, configuredPlacement.get( v ).getId() );
						insert.addBatch();
					}
					insert.executeBatch();
				}
				return null;
			} );
		}
		catch (ShardDirectoryException raced) {
			// Two instances initialising at once: the loser's insert fails on the primary key, and both read the winner's rows.
			if ( version() < 0 ) {
				throw raced;
			}
		}
	}

	/** @return the fallback the directory was created with: every instance must route unlisted values the same way */
	String fallback() {
		return transaction( connection -> {
			try ( PreparedStatement select = connection.prepareStatement( "select fallback from " + VERSION + " where id = 1" );
					ResultSet result = select.executeQuery() ) {
				return result.next() ? result.getString( 1 ) : null;
			}
		} );
	}

	/** @return the directory's version, or -1 when it has none */
	long version() {
		return transaction( connection -> {
			Long version = currentVersion( connection );
			return version == null ? -1L : version;
		} );
	}

	private static Long currentVersion(Connection connection) throws SQLException {
		try ( PreparedStatement select = connection.prepareStatement( "select version from " + VERSION + " where id = 1" );
				ResultSet result = select.executeQuery() ) {
			return result.next() ? result.getLong( 1 ) : null;
		}
	}

	/** A connection of its own to the control database, for a mover's locks; the caller closes it. */
	Connection openConnection() throws SQLException {
		return dataSource.getConnection();
	}

	DirectorySnapshot read() {
		return transaction( DirectoryStore::read );
	}

	static DirectorySnapshot read(Connection connection) throws SQLException {
		Long version = currentVersion( connection );
		List<ShardId> placement = new ArrayList<>();
		try ( PreparedStatement select = connection.prepareStatement(
				"select virtual_shard, physical_shard from " + VIRTUAL_SHARDS + " order by virtual_shard" );
				ResultSet result = select.executeQuery() ) {
			while ( result.next() ) {
				if ( result.getInt( 1 ) != placement.size() ) {
					throw new ShardDirectoryException( "The directory's virtual shards are not numbered 0, 1, 2… without gaps" );
				}
				placement.add( ShardId.of( result.getInt( 2 ) ) );
			}
		}
		Map<String, DirectorySnapshot.Entry> entities = new LinkedHashMap<>();
		Map<String, Map<String, Integer>> partitions = new HashMap<>();
		Map<String, Map<String, String>> names = new HashMap<>();
		try ( PreparedStatement select = connection.prepareStatement(
				"select entity, name, partition_value, virtual_shard from " + PARTITIONS + " order by entity, name" );
				ResultSet result = select.executeQuery() ) {
			while ( result.next() ) {
				String entity = result.getString( 1 );
				partitions.computeIfAbsent( entity, e -> new HashMap<>() ).put( result.getString( 3 ), result.getInt( 4 ) );
				names.computeIfAbsent( entity, e -> new java.util.TreeMap<>( PARTITION_NAMES ) ).put( result.getString( 2 ), result.getString( 3 ) );
			}
		}
		try ( PreparedStatement select = connection.prepareStatement(
				"select entity, key_property, key_function, default_partition from " + ENTITIES + " order by entity" );
				ResultSet result = select.executeQuery() ) {
			while ( result.next() ) {
				String entity = result.getString( 1 );
				entities.put( entity, new DirectorySnapshot.Entry( result.getString( 2 ), result.getString( 3 ), result.getString( 4 ),
						Map.copyOf( partitions.getOrDefault( entity, Map.of() ) ),
						java.util.Collections.unmodifiableMap( names.getOrDefault( entity, new java.util.TreeMap<>( PARTITION_NAMES ) ) ) ) );
			}
		}
		List<DirectorySnapshot.AddedShard> added = new ArrayList<>();
		try ( PreparedStatement select = connection.prepareStatement( "select shard_id, jdbc_url, capacity_mb from " + PHYSICAL_SHARDS
				+ " order by shard_id" ); ResultSet result = select.executeQuery() ) {
			while ( result.next() ) {
				added.add( new DirectorySnapshot.AddedShard( ShardId.of( result.getInt( 1 ) ), result.getString( 2 ), result.getDouble( 3 ) ) );
			}
		}
		List<DirectorySnapshot.Moving> moving = new ArrayList<>();
		for ( MoveJournal.Entry entry : MoveJournal.unfinished( connection ) ) {
			moving.add( new DirectorySnapshot.Moving( entry.virtualShard(), ShardId.of( entry.source() ), ShardId.of( entry.target() ), entry.step(),
					entry.partition() == null ? null : entry.partition().entity() ) );
		}
		return new DirectorySnapshot( version == null ? -1 : version, List.copyOf( placement ), java.util.Collections.unmodifiableMap( entities ),
				List.copyOf( added ), List.copyOf( moving ), Map.copyOf( MoveJournal.partitionOutcomes( connection ) ) );
	}

	/** @return the version a {@link #change} makes, read inside it: the version row is locked, so no other change takes it */
	static long nextVersion(Connection connection) throws SQLException {
		try ( PreparedStatement select = connection.prepareStatement( "select version + 1 from " + VERSION + " where id = 1" );
				ResultSet result = select.executeQuery() ) {
			result.next();
			return result.getLong( 1 );
		}
	}

	/**
	 * Runs a change: locks the version row, lets the work validate against the current rows and write, moves the
	 * version, commits. If the work throws, nothing is written.
	 */
	<T> T change(Work<T> work) {
		return transaction( connection -> {
			try ( PreparedStatement lock = connection.prepareStatement( "select version from " + VERSION + " where id = 1 for update" );
					ResultSet result = lock.executeQuery() ) {
				if ( !result.next() ) {
					throw new ShardDirectoryException( "The directory has not been initialised" );
				}
			}
			T value = work.run( connection );
			try ( PreparedStatement bump = connection.prepareStatement( "update " + VERSION + " set version = version + 1 where id = 1" ) ) {
				bump.executeUpdate();
			}
			return value;
		} );
	}

	<T> T transaction(Work<T> work) {
		try ( Connection connection = dataSource.getConnection() ) {
			boolean autoCommit = connection.getAutoCommit();
			connection.setAutoCommit( false );
			try {
				T value = work.run( connection );
				connection.commit();
				return value;
			}
			catch (SQLException | RuntimeException e) {
				connection.rollback();
				throw e;
			}
			finally {
				connection.setAutoCommit( autoCommit );
			}
		}
		catch (SQLException e) {
			throw new ShardDirectoryException( "The partition directory's control database failed: " + e.getMessage(), e );
		}
	}
}
