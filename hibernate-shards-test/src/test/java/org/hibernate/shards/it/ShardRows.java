package org.hibernate.shards.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.hibernate.shards.test.ShardDatabases;

/**
 * Reads and changes the shard databases with plain JDBC, beside the library: what tests use to check where rows
 * really are. Every call opens its own connection (so it sees committed data only, and survives server restarts).
 */
public final class ShardRows {
	private final ShardDatabases dbs;

	public ShardRows(ShardDatabases dbs) {
		this.dbs = dbs;
	}

	public int shardCount() {
		return dbs.size();
	}

	/** @return the shards (ascending) whose table holds a row with this id */
	public List<Integer> shardsHolding(String table, Object id) {
		List<Integer> holding = new ArrayList<>();
		for ( int shard = 0; shard < dbs.size(); shard++ ) {
			if ( count( shard, "select count(*) from " + table + " where id = ?", id ) > 0 ) {
				holding.add( shard );
			}
		}
		return holding;
	}

	/** @return the shards (ascending) where the query's count is above 0 */
	public List<Integer> shardsWhere(String countQuery, Object... parameters) {
		List<Integer> holding = new ArrayList<>();
		for ( int shard = 0; shard < dbs.size(); shard++ ) {
			if ( count( shard, countQuery, parameters ) > 0 ) {
				holding.add( shard );
			}
		}
		return holding;
	}

	/** @return the number of rows of the table on each shard */
	public List<Long> countsPerShard(String table) {
		List<Long> counts = new ArrayList<>();
		for ( int shard = 0; shard < dbs.size(); shard++ ) {
			counts.add( count( shard, "select count(*) from " + table ) );
		}
		return counts;
	}

	/** @return the number of rows of the table over all shards */
	public long total(String table) {
		return countsPerShard( table ).stream().mapToLong( Long::longValue ).sum();
	}

	public long count(int shard, String query, Object... parameters) {
		Object value = single( shard, query, parameters );
		return value == null ? 0 : ( (Number) value ).longValue();
	}

	/** @return the first column of the first row, or {@code null} when there is no row */
	public Object single(int shard, String query, Object... parameters) {
		try ( Connection connection = dbs.get( shard ).openConnection();
				PreparedStatement statement = prepare( connection, query, parameters );
				ResultSet result = statement.executeQuery() ) {
			return result.next() ? result.getObject( 1 ) : null;
		}
		catch (SQLException e) {
			throw new IllegalStateException( "On shard " + shard + ": " + query + ": " + e.getMessage(), e );
		}
	}

	/** @return the first column of every row */
	public List<Object> column(int shard, String query, Object... parameters) {
		try ( Connection connection = dbs.get( shard ).openConnection();
				PreparedStatement statement = prepare( connection, query, parameters );
				ResultSet result = statement.executeQuery() ) {
			List<Object> values = new ArrayList<>();
			while ( result.next() ) {
				values.add( result.getObject( 1 ) );
			}
			return values;
		}
		catch (SQLException e) {
			throw new IllegalStateException( "On shard " + shard + ": " + query + ": " + e.getMessage(), e );
		}
	}

	/** @return the ids of the table's rows on one shard */
	public List<Long> ids(int shard, String table) {
		return column( shard, "select id from " + table + " order by id" ).stream().map( v -> ( (Number) v ).longValue() ).toList();
	}

	public int update(int shard, String sql, Object... parameters) {
		try ( Connection connection = dbs.get( shard ).openConnection();
				PreparedStatement statement = prepare( connection, sql, parameters ) ) {
			return statement.executeUpdate();
		}
		catch (SQLException e) {
			throw new IllegalStateException( "On shard " + shard + ": " + sql + ": " + e.getMessage(), e );
		}
	}

	/**
	 * @return a fingerprint of the tables' rows on every shard ({@code CHECKSUM TABLE}, by table, one value per shard): two
	 *         fingerprints are equal when no row was written, changed or removed in between
	 */
	public java.util.Map<String, List<Long>> fingerprint(String... tables) {
		java.util.Map<String, List<Long>> fingerprint = new java.util.LinkedHashMap<>();
		for ( String table : tables ) {
			List<Long> checksums = new ArrayList<>();
			for ( int shard = 0; shard < dbs.size(); shard++ ) {
				try ( Connection connection = dbs.get( shard ).openConnection(); Statement statement = connection.createStatement();
						ResultSet result = statement.executeQuery( "checksum table `" + table + "`" ) ) {
					result.next();
					checksums.add( result.getLong( 2 ) );
				}
				catch (SQLException e) {
					throw new IllegalStateException( "On shard " + shard + ": checksum of " + table + ": " + e.getMessage(), e );
				}
			}
			fingerprint.put( table, checksums );
		}
		return fingerprint;
	}

	/** @return whether the shard's database has this table */
	public boolean tableExists(int shard, String table) {
		return count( shard, "select count(*) from information_schema.tables where table_schema = database() and table_name = ?",
				table ) > 0;
	}

	/** @return the shard database's name */
	public String databaseName(int shard) {
		return (String) single( shard, "select database()" );
	}

	/** Deletes every row of every table on every shard, without looking at foreign keys. */
	public void deleteAll() {
		for ( int shard = 0; shard < dbs.size(); shard++ ) {
			try ( Connection connection = dbs.get( shard ).openConnection(); Statement statement = connection.createStatement() ) {
				statement.execute( "set session innodb_lock_wait_timeout = 5" );
				statement.execute( "set foreign_key_checks = 0" );
				List<String> tables = new ArrayList<>();
				try ( ResultSet result = statement.executeQuery(
						"select table_name from information_schema.tables where table_schema = database() and table_type = 'BASE TABLE'" ) ) {
					while ( result.next() ) {
						tables.add( result.getString( 1 ) );
					}
				}
				for ( String table : tables ) {
					statement.execute( "delete from `" + table + "`" );
				}
			}
			catch (SQLException e) {
				throw new IllegalStateException( "Cannot empty shard " + shard + ": " + e.getMessage(), e );
			}
		}
	}

	private static PreparedStatement prepare(Connection connection, String query, Object... parameters) throws SQLException {
		PreparedStatement statement = connection.prepareStatement( query );
		for ( int i = 0; i < parameters.length; i++ ) {
			statement.setObject( i + 1, parameters[i] );
		}
		return statement;
	}
}
