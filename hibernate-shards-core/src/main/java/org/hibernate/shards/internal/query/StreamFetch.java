package org.hibernate.shards.internal.query;

import java.util.stream.Stream;

import org.hibernate.Session;
import org.hibernate.query.Query;

/**
 * Opens a shard's result stream so that the driver streams its rows instead of reading the whole result first, as
 * MySQL Connector/J does unless told otherwise. It offers two ways. A streaming fetch size ({@code Integer.MIN_VALUE})
 * is the lightest, but the connection runs no other statement until the result is read; rows of plain values use it.
 * Entities need the connection while they are read (eager associations load with statements of their own, and so do
 * lazy ones the caller touches), so they read through a server-side cursor, {@value #CURSOR_ROWS} rows at a time,
 * which leaves the connection free (see {@link ConnectorJCursor}). A query that sets its own fetch size keeps it; other
 * databases keep their driver's default, and another MySQL driver gets the cursor fetch size as its batch size.
 */
public final class StreamFetch {
	static final int CURSOR_ROWS = 500;
	private static final boolean CONNECTOR_J = present( "com.mysql.cj.jdbc.JdbcConnection" );

	private StreamFetch() {
	}

	/**
	 * @param mySql whether the shards are MySQL or MariaDB
	 * @param values whether the rows hold plain values only, no entity
	 */
	public static <X> Stream<X> open(boolean mySql, Session session, Query<X> query, boolean values) {
		if ( !mySql || query.getFetchSize() != null ) {
			return query.getResultStream();
		}
		if ( values ) {
			query.setFetchSize( Integer.MIN_VALUE );
			return query.getResultStream();
		}
		query.setFetchSize( CURSOR_ROWS );
		return CONNECTOR_J ? ConnectorJCursor.open( session, query ) : query.getResultStream();
	}

	private static boolean present(String className) {
		try {
			Class.forName( className, false, StreamFetch.class.getClassLoader() );
			return true;
		}
		catch (ClassNotFoundException | LinkageError e) {
			return false;
		}
	}
}
