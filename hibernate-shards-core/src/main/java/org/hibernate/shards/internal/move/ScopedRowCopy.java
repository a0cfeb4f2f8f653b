package org.hibernate.shards.internal.move;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongConsumer;

import javax.sql.DataSource;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardingException;
import org.hibernate.shards.spi.move.RowCopy;
import org.hibernate.shards.spi.move.ShardedTable;
import org.hibernate.shards.spi.move.TableChecksum;

/**
 * The row work of one move (a virtual shard's, or a partition's: its {@link MoveScope}), in plain SQL on the shards'
 * pools. Copying a table pages through its keys, keeps those of the move and syncs them; syncing re-reads rows from the source by key and writes what it finds to the
 * target, so copying, catching up and resuming are one operation that may run any number of times.
 * <p>
 * Which rows belong to the virtual shard is decided from the row (see {@link MoveTable.Rule}); for rows that follow
 * a parent whose id does not carry its virtual shard, the parent's member keys are read once from the source and
 * grow as the move syncs new parents (keys are never removed: a deleted parent's children still belong).
 */
final class ScopedRowCopy implements RowCopy {
	private final MovableRows rows;
	private final MoveScope scope;
	/** The tables the move covers, parents before children. */
	private final List<MoveTable> tables;
	private final List<ShardedTable> described;
	private final ShardId source;
	private final ShardId target;
	private final int batchSize;
	private final Function<ShardId, DataSource> connections;
	private final MoveSql sql;
	private final Map<MoveTable, Set<Object>> members = new HashMap<>();
	private final Map<MoveTable, List<String>> columns = new HashMap<>();

	ScopedRowCopy(MovableRows rows, MoveScope scope, ShardId source, ShardId target, int batchSize,
			Function<ShardId, DataSource> connections) {
		this.rows = rows;
		this.scope = scope;
		this.tables = rows.moveTables().stream().filter( scope::covers ).map( scope::view ).toList();
		this.described = tables.stream().map( MoveTable::table ).toList();
		this.sql = rows.sql();
		this.connections = connections;
		this.source = source;
		this.target = target;
		this.batchSize = batchSize;
	}

	@Override
	public List<ShardedTable> tables() {
		return described;
	}

	/** @return the move's reading of a table */
	private MoveTable table(ShardedTable table) {
		for ( MoveTable candidate : tables ) {
			if ( candidate.table().equals( table ) ) {
				return candidate;
			}
		}
		throw new IllegalArgumentException( "Not a table of this move: " + table );
	}

	@Override
	public long copy(ShardedTable table, LongConsumer progress) {
		MoveTable moveTable = table( table );
		long[] copied = new long[1];
		try ( Connection connection = pool( source ).getConnection() ) {
			if ( moveTable.keepsSet() ) {
				membersOf( moveTable );
			}
			forEachMemberPage( connection, moveTable, keys -> {
				copied[0] += syncKeys( moveTable, keys );
				progress.accept( copied[0] );
			} );
			return copied[0];
		}
		catch (SQLException e) {
			throw failure( "copy " + table.name(), e );
		}
	}

	@Override
	public long prune() {
		long[] looked = new long[1];
		try ( Connection connection = pool( target ).getConnection() ) {
			for ( MoveTable table : tables ) {
				forEachMemberPage( connection, table, keys -> looked[0] += syncKeys( table, keys ) );
			}
			return looked[0];
		}
		catch (SQLException e) {
			throw failure( "prune the target", e );
		}
	}

	@Override
	public int sync(ShardedTable table, Collection<List<Object>> keys) {
		MoveTable moveTable = table( table );
		List<Object> values = new ArrayList<>( keys.size() );
		for ( List<Object> key : keys ) {
			values.add( normalize( key.get( 0 ) ) );
		}
		int synced = 0;
		try {
			for ( int from = 0; from < values.size(); from += batchSize ) {
				synced += syncKeys( moveTable, values.subList( from, Math.min( values.size(), from + batchSize ) ) );
			}
			return synced;
		}
		catch (SQLException e) {
			throw failure( "catch up on " + table.name(), e );
		}
	}

	/** Makes the target agree with the source for these keys. */
	private int syncKeys(MoveTable table, List<Object> keys) throws SQLException {
		if ( table.table().dependent() ) {
			return syncOwners( table, keys );
		}
		Map<Object, Object[]> found = new LinkedHashMap<>();
		List<String> names;
		try ( Connection connection = pool( source ).getConnection() ) {
			names = columns( table, connection );
			int key = indexOf( names, table.keyColumn() );
			int member = indexOf( names, table.memberColumn() );
			for ( Object[] row : select( connection, "select * from " + table.sqlName() + " where " + table.keyColumn() + in( keys.size() ), keys ) ) {
				if ( isMember( table, row[member] ) ) {
					found.put( normalize( row[key] ), row );
				}
			}
		}
		if ( table.unmovable() != null && !found.isEmpty() ) {
			throw new ShardingException( "Cannot move " + scope.describe() + ": " + table.name() + " on " + source + " has rows of it (keys "
					+ found.keySet().stream().limit( 10 ).toList() + ") and " + table.unmovable() + ". Nothing was written for them; roll the "
					+ "move back" );
		}
		if ( table.keepsSet() ) {
			membersOf( table ).addAll( found.keySet() );
		}
		List<Object> stale = new ArrayList<>();
		int synced = found.size();
		try ( Connection connection = pool( target ).getConnection() ) {
			for ( Object[] existing : select( connection, "select " + table.keyColumn() + ", " + table.memberColumn() + " from "
					+ table.sqlName() + " where " + table.keyColumn() + in( keys.size() ), keys ) ) {
				Object key = normalize( existing[0] );
				boolean member = isMember( table, existing[1] );
				if ( !member && found.containsKey( key ) ) {
					throw new ShardingException( "Cannot move " + scope.describe() + ": " + table.name() + " on " + target
							+ " already has a row with key " + key + " that belongs to another virtual shard. The table's ids are not unique "
							+ "across shards; moves need ids that are, such as @ShardedId. Nothing was written for this row." );
				}
				if ( member && !found.containsKey( key ) ) {
					stale.add( key );
					synced++;
				}
			}
			write( connection, table, names, stale, new ArrayList<>( found.values() ), true );
		}
		return synced;
	}

	/** A dependent table: the target's rows of each owner of the virtual shard are replaced by the source's. */
	private int syncOwners(MoveTable table, List<Object> keys) throws SQLException {
		List<Object> owners = new ArrayList<>();
		for ( Object key : keys ) {
			if ( isMember( table, key ) ) {
				owners.add( key );
			}
		}
		if ( owners.isEmpty() ) {
			return 0;
		}
		List<Object[]> found;
		List<String> names;
		try ( Connection connection = pool( source ).getConnection() ) {
			names = columns( table, connection );
			found = select( connection, "select * from " + table.sqlName() + " where " + table.keyColumn() + in( owners.size() ), owners );
		}
		try ( Connection connection = pool( target ).getConnection() ) {
			write( connection, table, names, owners, found, false );
		}
		return owners.size();
	}

	/** Deletes by key, then inserts, in one transaction on the target with foreign key checks off. */
	private void write(Connection connection, MoveTable table, List<String> names, List<Object> deleteKeys, List<Object[]> insert,
			boolean upsert) throws SQLException {
		if ( deleteKeys.isEmpty() && insert.isEmpty() ) {
			return;
		}
		columns( table, connection ); // the target's columns must be the source's
		sql.inTransaction( connection, () -> {
			if ( !deleteKeys.isEmpty() ) {
				update( connection, "delete from " + table.sqlName() + " where " + table.keyColumn() + in( deleteKeys.size() ), deleteKeys );
			}
			if ( !insert.isEmpty() ) {
				List<Object> values = new ArrayList<>( insert.size() * names.size() );
				insert.forEach( found -> values.addAll( java.util.Arrays.asList( found ) ) );
				update( connection, upsert ? sql.upsert( table.sqlName(), table.keyColumn(), names, insert.size() )
						: sql.insert( table.sqlName(), names, insert.size() ), values );
			}
		} );
	}

	@Override
	public Map<String, TableChecksum> checksums(ShardId shard) {
		Map<String, TableChecksum> sums = new LinkedHashMap<>();
		try ( Connection connection = pool( shard ).getConnection() ) {
			for ( MoveTable table : tables ) {
				long[] countAndSum = new long[2];
				rowHashes( connection, table, null, (key, hash) -> {
					countAndSum[0]++;
					countAndSum[1] += hash;
				} );
				sums.put( table.name(), new TableChecksum( countAndSum[0], countAndSum[1] ) );
			}
			return sums;
		}
		catch (SQLException e) {
			throw failure( "checksum the rows on " + shard, e );
		}
	}

	@Override
	public Map<Object, Long> hashesByKey(ShardedTable table, ShardId shard, Collection<List<Object>> keys) {
		MoveTable moveTable = table( table );
		Map<Object, Long> hashes = new HashMap<>();
		// A key's value sums its rows' hashes, each shifted, so that the number of rows counts too (a dependent table).
		RowHash add = (key, hash) -> hashes.merge( key, hash + 0x9E3779B97F4A7C15L, Long::sum );
		try ( Connection connection = pool( shard ).getConnection() ) {
			if ( keys == null ) {
				rowHashes( connection, moveTable, null, add );
			}
			else {
				List<Object> values = new ArrayList<>( keys.size() );
				keys.forEach( key -> values.add( normalize( key.get( 0 ) ) ) );
				for ( int from = 0; from < values.size(); from += batchSize ) {
					rowHashes( connection, moveTable, values.subList( from, Math.min( values.size(), from + batchSize ) ), add );
				}
			}
			return hashes;
		}
		catch (SQLException e) {
			throw failure( "hash the rows of " + table.name() + " on " + shard, e );
		}
	}

	@FunctionalInterface
	private interface RowHash {
		void accept(Object key, long hash);
	}

	/**
	 * Hashes every column of each row of the virtual shard, in the database: the columns in name order, each marked as
	 * null or not, 60 bits of their MD5. Rows are streamed, all of a table or those with the given keys.
	 */
	private void rowHashes(Connection connection, MoveTable table, List<Object> keys, RowHash consumer) throws SQLException {
		List<String> names = new ArrayList<>( columns( table, connection ) );
		// The same order on every shard, whatever order the table was created in.
		names.sort( java.util.Comparator.comparing( name -> name.toLowerCase( java.util.Locale.ROOT ) ) );
		String select = "select " + table.keyColumn() + ", " + table.memberColumn() + ", " + sql.hashColumns( names ) + " from "
				+ table.sqlName() + ( keys == null ? "" : " where " + table.keyColumn() + in( keys.size() ) );
		try ( PreparedStatement statement = keys == null ? sql.streaming( connection, select ) : connection.prepareStatement( select ) ) {
			for ( int i = 0; keys != null && i < keys.size(); i++ ) {
				statement.setObject( i + 1, keys.get( i ) );
			}
			try ( ResultSet result = statement.executeQuery() ) {
				while ( result.next() ) {
					if ( isMember( table, result.getObject( 2 ) ) ) {
						consumer.accept( normalize( result.getObject( 1 ) ), sql.hash( result, 3, names.size() ) );
					}
				}
			}
		}
	}

	@Override
	public long delete(ShardId shard, LongConsumer progress) {
		// A table whose rows cannot move had none copied: none of its rows are the move's to delete.
		List<MoveTable> childrenFirst = new ArrayList<>( tables.stream().filter( table -> table.unmovable() == null ).toList() );
		Collections.reverse( childrenFirst );
		// Parents' keys are read from the source before any parent row goes: the source holds every row of the virtual shard
		// until it is purged, and a purge deletes children before parents.
		childrenFirst.stream().filter( MoveTable::keepsSet ).forEach( this::membersOf );
		long[] deleted = new long[1];
		try ( Connection connection = pool( shard ).getConnection() ) {
			for ( MoveTable table : childrenFirst ) {
				forEachMemberPage( connection, table, keys -> {
					sql.inTransaction( connection, () -> update( connection, "delete from " + table.sqlName() + " where "
							+ table.keyColumn() + in( keys.size() ), keys ) );
					deleted[0] += keys.size();
					progress.accept( deleted[0] );
				} );
			}
			return deleted[0];
		}
		catch (SQLException e) {
			throw failure( "delete the rows from " + shard, e );
		}
	}

	@Override
	public Map<String, Long> countByEntity(ShardId shard) {
		Map<String, Long> counts = new LinkedHashMap<>();
		Map<String, TableChecksum> sums = checksums( shard );
		for ( MoveTable table : tables ) {
			if ( !table.table().dependent() ) {
				counts.put( table.table().entityName(), sums.get( table.name() ).rows() );
			}
		}
		return counts;
	}

	// ---- membership

	private boolean isMember(MoveTable table, Object value) {
		if ( value == null ) {
			return false;
		}
		return switch ( table.rule() ) {
			case SHARDED_ID -> scope.carries( value );
			case KEY_VALUE -> scope.keyMember( table, value );
			case PARENT, OWNER -> table.parent().rule() == MoveTable.Rule.SHARDED_ID ? scope.carries( value )
					: membersOf( table.parent() ).contains( normalize( value ) );
			case UNKNOWN -> throw new ShardingException( "Cannot move " + scope.describe() + ": " + table.table().entityName()
					+ " has rows on " + source + " and " + table.unmovable() );
		};
	}

	/**
	 * The keys of the virtual shard in a table whose followers need them, read once from the source and the target
	 * (a copy interrupted earlier may have left on the target rows the source has deleted since: they belong too, so
	 * that their children are found and removed), and grown as the move syncs new ones. Never shrunk.
	 */
	private Set<Object> membersOf(MoveTable table) {
		Set<Object> known = members.get( table );
		if ( known != null ) {
			return known;
		}
		Set<Object> keys = new HashSet<>();
		for ( ShardId shard : List.of( source, target ) ) {
			try ( Connection connection = pool( shard ).getConnection();
					PreparedStatement select = sql.streaming( connection, "select " + table.keyColumn() + ", " + table.memberColumn() + " from " + table.sqlName() );
					ResultSet result = select.executeQuery() ) {
				while ( result.next() ) {
					if ( isMember( table, result.getObject( 2 ) ) ) {
						keys.add( normalize( result.getObject( 1 ) ) );
					}
				}
			}
			catch (SQLException e) {
				throw failure( "read the keys of " + table.name() + " on " + shard, e );
			}
		}
		members.put( table, keys );
		return keys;
	}

	// ---- SQL

	@FunctionalInterface
	private interface KeysWork {
		void run(List<Object> keys) throws SQLException;
	}

	/**
	 * Pages through a table's keys on a shard, in key order, and hands over each page's keys of the virtual shard. Paging
	 * by key, not by offset, keeps each page's cost flat and lets the work change the rows behind the pages.
	 */
	private void forEachMemberPage(Connection connection, MoveTable table, KeysWork work) throws SQLException {
		Object last = null;
		while ( true ) {
			List<Object[]> page = page( connection, table, last );
			List<Object> keys = new ArrayList<>();
			for ( Object[] row : page ) {
				if ( isMember( table, row[1] ) ) {
					keys.add( row[0] );
				}
			}
			if ( !keys.isEmpty() ) {
				work.run( keys );
			}
			if ( page.size() < batchSize ) {
				return;
			}
			last = page.get( page.size() - 1 )[0];
		}
	}

	/** One page of keys, with the column that decides membership, after {@code last}. */
	private List<Object[]> page(Connection connection, MoveTable table, Object last) throws SQLException {
		String key = table.keyColumn();
		String filter = table.rule() == MoveTable.Rule.SHARDED_ID ? scope.shardedIdFilter( sql, key ) : null;
		StringBuilder page = new StringBuilder( "select " ).append( table.table().dependent() ? "distinct " + key + ", " + key : key + ", " + table.memberColumn() )
				.append( " from " ).append( table.sqlName() );
		List<Object> parameters = new ArrayList<>();
		if ( last != null || filter != null ) {
			page.append( " where " );
			if ( last != null ) {
				page.append( key ).append( " > ?" );
				parameters.add( last );
			}
			if ( filter != null ) {
				page.append( last != null ? " and " : "" ).append( filter );
			}
		}
		page.append( " order by " ).append( key ).append( " limit " ).append( batchSize );
		return select( connection, page.toString(), parameters );
	}

	/** The table's column names (lower case) on a shard; the target's must be the source's. */
	private List<String> columns(MoveTable table, Connection connection) throws SQLException {
		List<String> names = new ArrayList<>();
		try ( Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery( "select * from " + table.sqlName() + " where 1 = 0" ) ) {
			ResultSetMetaData meta = result.getMetaData();
			for ( int i = 1; i <= meta.getColumnCount(); i++ ) {
				names.add( meta.getColumnName( i ) );
			}
		}
		List<String> known = columns.putIfAbsent( table, names );
		// Order may differ (tables created by different tools); names may not.
		if ( known != null && !lowerCase( known ).equals( lowerCase( names ) ) ) {
			throw new ShardingException( "Cannot move " + scope.describe() + ": table " + table.name() + " has columns " + known
					+ " on one shard and " + names + " on another; give every shard the same schema first" );
		}
		return names;
	}

	private static List<Object[]> select(Connection connection, String sql, List<Object> parameters) throws SQLException {
		try ( PreparedStatement select = connection.prepareStatement( sql ) ) {
			for ( int i = 0; i < parameters.size(); i++ ) {
				select.setObject( i + 1, parameters.get( i ) );
			}
			List<Object[]> found = new ArrayList<>();
			try ( ResultSet result = select.executeQuery() ) {
				int width = result.getMetaData().getColumnCount();
				while ( result.next() ) {
					Object[] row = new Object[width];
					for ( int i = 0; i < width; i++ ) {
						row[i] = result.getObject( i + 1 );
					}
					found.add( row );
				}
			}
			return found;
		}
	}

	private static void update(Connection connection, String sql, List<Object> parameters) throws SQLException {
		try ( PreparedStatement update = connection.prepareStatement( sql ) ) {
			for ( int i = 0; i < parameters.size(); i++ ) {
				update.setObject( i + 1, parameters.get( i ) );
			}
			update.executeUpdate();
		}
	}

	private static java.util.Set<String> lowerCase(List<String> names) {
		java.util.Set<String> lower = new java.util.TreeSet<>();
		names.forEach( name -> lower.add( name.toLowerCase( java.util.Locale.ROOT ) ) );
		return lower;
	}

	/** @return the position of a column (named as the mapping names it) among the names the database reported */
	private static int indexOf(List<String> names, String column) {
		String wanted = MoveTables.unquote( column );
		for ( int i = 0; i < names.size(); i++ ) {
			if ( names.get( i ).equalsIgnoreCase( wanted ) ) {
				return i;
			}
		}
		throw new IllegalStateException( "No column " + wanted + " among " + names );
	}

	private static String in(int count) {
		return count == 1 ? " = ?" : " in (" + "?, ".repeat( count - 1 ) + "?)";
	}

	/** Keys compare by value: every whole number as a {@code Long}, whatever width the driver gave it. */
	static Object normalize(Object key) {
		if ( key instanceof byte[] ) {
			// Arrays compare by identity: a binary key would make rows of the virtual shard look like nobody's.
			throw new ShardingException( "Moves follow rows by keys that compare by value; a binary key (such as a UUID stored as BINARY(16)) "
					+ "is not supported yet. Nothing was copied or deleted" );
		}
		if ( key instanceof Integer || key instanceof Short || key instanceof Byte ) {
			return ( (Number) key ).longValue();
		}
		if ( key instanceof java.math.BigInteger big && big.bitLength() < 64 ) {
			return big.longValue();
		}
		return key;
	}

	private DataSource pool(ShardId shard) {
		return connections.apply( shard );
	}

	private ShardingException failure(String what, SQLException e) {
		return new ShardingException( "Moving " + scope.describe() + " from " + source + " to " + target + ": cannot " + what
				+ ": " + e.getMessage(), e );
	}

	@Override
	public void close() {
		members.clear();
	}
}
