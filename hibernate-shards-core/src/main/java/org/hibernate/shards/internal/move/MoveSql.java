package org.hibernate.shards.internal.move;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.List;

import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.MySQLDialect;
import org.hibernate.shards.internal.id.ShardedIdLayout;

/**
 * The SQL of moves that differs between MySQL (and MariaDB), which production uses, and other databases (H2, which the
 * demo runs on): quoting, streaming, upserts, foreign key checks, and where row hashes are computed.
 */
final class MoveSql {
	private static final int VIRTUAL_SHARDS_IN_IDS = 1 << ShardedIdLayout.VIRTUAL_SHARD_BITS;

	private final boolean mySql;
	private final char openQuote;
	private final char closeQuote;

	private MoveSql(boolean mySql, char openQuote, char closeQuote) {
		this.mySql = mySql;
		this.openQuote = openQuote;
		this.closeQuote = closeQuote;
	}

	static MoveSql of(Dialect dialect) {
		return new MoveSql( dialect instanceof MySQLDialect, dialect.openQuote(), dialect.closeQuote() );
	}

	/** @return the SQL of the virtual shard a sharded id (or a foreign key to one) carries */
	String virtualShardOf(String column) {
		return "mod(" + column + ", " + VIRTUAL_SHARDS_IN_IDS + ")";
	}

	/** @param name a column name as the database reports it */
	String quote(String name) {
		return openQuote + name + closeQuote;
	}

	/** A statement whose result is read row by row, never held whole in memory. */
	PreparedStatement streaming(Connection connection, String sql) throws SQLException {
		PreparedStatement statement = connection.prepareStatement( sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY );
		// Connector/J streams row by row only with this fetch size; other drivers take it as a hint.
		statement.setFetchSize( mySql ? Integer.MIN_VALUE : 500 );
		return statement;
	}

	@FunctionalInterface
	interface SqlWork {
		void run() throws SQLException;
	}

	/**
	 * Runs work in one transaction; on MySQL with foreign key checks off, since a virtual shard's parents and children
	 * arrive in batches. Elsewhere the checks stay on (turning them off is database-wide there): parents are copied
	 * first and children deleted first, which serves every mapping without a cycle of foreign keys.
	 */
	void inTransaction(Connection connection, SqlWork work) throws SQLException {
		// The mover's writes meet the application's on the same tables (its batches delete and insert by key ranges, which
		// InnoDB locks with their gaps): a deadlock or lock wait rolls the batch back, and it runs again, being idempotent.
		for ( int attempt = 1; ; attempt++ ) {
			try {
				runOnce( connection, work );
				return;
			}
			catch (SQLException e) {
				if ( attempt >= LOCK_RETRIES || !isLockConflict( e ) ) {
					throw e;
				}
				try {
					Thread.sleep( 10L * attempt );
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw e;
				}
			}
		}
	}

	private static final int LOCK_RETRIES = 10;

	/** @return whether the database gave up a statement for a deadlock or a lock wait, which a retry may pass */
	private static boolean isLockConflict(SQLException e) {
		for ( Throwable t = e; t != null; t = t.getCause() ) {
			if ( t instanceof SQLException sql && ( sql.getErrorCode() == 1213 || sql.getErrorCode() == 1205
					|| "40001".equals( sql.getSQLState() ) ) ) {
				return true;
			}
		}
		return false;
	}

	private void runOnce(Connection connection, SqlWork work) throws SQLException {
		boolean autoCommit = connection.getAutoCommit();
		try ( Statement statement = connection.createStatement() ) {
			if ( mySql ) {
				statement.execute( "set foreign_key_checks = 0" );
			}
			connection.setAutoCommit( false );
			try {
				work.run();
				connection.commit();
			}
			catch (SQLException | RuntimeException e) {
				connection.rollback();
				throw e;
			}
			finally {
				connection.setAutoCommit( autoCommit );
				if ( mySql ) {
					statement.execute( "set foreign_key_checks = 1" );
				}
			}
		}
	}

	/** An insert of {@code rows} rows that replaces the rows with the same key. */
	String upsert(String table, String key, List<String> names, int rows) {
		StringBuilder sql = new StringBuilder( mySql ? "insert into " : "merge into " ).append( table ).append( " (" );
		for ( int i = 0; i < names.size(); i++ ) {
			sql.append( i == 0 ? "" : ", " ).append( quote( names.get( i ) ) );
		}
		sql.append( mySql ? ") values " : ") key (" + key + ") values " );
		sql.append( String.join( ", ", Collections.nCopies( rows, "(" + "?, ".repeat( names.size() - 1 ) + "?)" ) ) );
		if ( mySql ) {
			sql.append( " on duplicate key update " );
			for ( int i = 0; i < names.size(); i++ ) {
				String column = quote( names.get( i ) );
				sql.append( i == 0 ? "" : ", " ).append( column ).append( " = values(" ).append( column ).append( ')' );
			}
		}
		return sql.toString();
	}

	/** A plain insert of {@code rows} rows. */
	String insert(String table, List<String> names, int rows) {
		StringBuilder sql = new StringBuilder( "insert into " ).append( table ).append( " (" );
		for ( int i = 0; i < names.size(); i++ ) {
			sql.append( i == 0 ? "" : ", " ).append( quote( names.get( i ) ) );
		}
		return sql.append( ") values " ).append( String.join( ", ", Collections.nCopies( rows, "(" + "?, ".repeat( names.size() - 1 ) + "?)" ) ) )
				.toString();
	}

	/**
	 * The select list that ends with a row's hash: on MySQL one column computed by the database (the columns in the
	 * given order, each marked null or not, 60 bits of their MD5); elsewhere the columns themselves, for {@link #hash}.
	 */
	String hashColumns(List<String> names) {
		StringBuilder hash = new StringBuilder();
		if ( mySql ) {
			hash.append( "conv(substr(md5(concat_ws(char(31)" );
			for ( String name : names ) {
				hash.append( ", ifnull(concat('v', " ).append( quote( name ) ).append( "), 'n')" );
			}
			return hash.append( ")), 1, 15), 16, 10)" ).toString();
		}
		for ( int i = 0; i < names.size(); i++ ) {
			hash.append( i == 0 ? "" : ", " ).append( quote( names.get( i ) ) );
		}
		return hash.toString();
	}

	/** @return the hash of the row whose hash columns start at {@code first} */
	long hash(ResultSet row, int first, int columns) throws SQLException {
		if ( mySql ) {
			return row.getLong( first );
		}
		StringBuilder text = new StringBuilder();
		for ( int i = 0; i < columns; i++ ) {
			String value = row.getString( first + i );
			text.append( i == 0 ? "" : "\u001f" ).append( value == null ? "n" : "v" + value );
		}
		try {
			byte[] digest = MessageDigest.getInstance( "MD5" ).digest( text.toString().getBytes( StandardCharsets.UTF_8 ) );
			long bits = 0;
			for ( int i = 0; i < 8; i++ ) {
				bits = bits << 8 | ( digest[i] & 0xff );
			}
			return bits >>> 4;
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException( "MD5 is part of every JDK", e );
		}
	}
}
