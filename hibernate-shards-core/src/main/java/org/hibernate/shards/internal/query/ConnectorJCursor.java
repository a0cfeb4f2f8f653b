package org.hibernate.shards.internal.query;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.stream.Stream;

import org.hibernate.Session;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.query.Query;

import com.mysql.cj.conf.PropertyKey;
import com.mysql.cj.conf.RuntimeProperty;
import com.mysql.cj.jdbc.JdbcConnection;

/**
 * A server-side cursor for one statement on a Connector/J connection. Connector/J opens cursors only on connections
 * set up for them ({@code useCursorFetch}, which also makes every statement a server-prepared one, a cost the other
 * statements should not pay): both settings are turned on while the statement is prepared and executed, then back off.
 * Loaded only when Connector/J is on the class path.
 */
final class ConnectorJCursor {
	private ConnectorJCursor() {
	}

	static <X> Stream<X> open(Session session, Query<X> query) {
		JdbcConnection connection = connectorJ( session );
		if ( connection == null ) {
			return query.getResultStream();
		}
		RuntimeProperty<Boolean> cursor = connection.getPropertySet().getBooleanProperty( PropertyKey.useCursorFetch );
		RuntimeProperty<Boolean> serverPrepared = connection.getPropertySet().getBooleanProperty( PropertyKey.useServerPrepStmts );
		boolean cursorBefore = cursor.getValue();
		boolean serverPreparedBefore = serverPrepared.getValue();
		cursor.setValue( true );
		serverPrepared.setValue( true );
		try {
			// Connector/J reads both settings as the statement is prepared, which getResultStream() does.
			return query.getResultStream();
		}
		finally {
			cursor.setValue( cursorBefore );
			serverPrepared.setValue( serverPreparedBefore );
		}
	}

	private static JdbcConnection connectorJ(Session session) {
		Connection connection = ( (SharedSessionContractImplementor) session ).getJdbcCoordinator().getLogicalConnection()
				.getPhysicalConnection();
		try {
			return connection.isWrapperFor( JdbcConnection.class ) ? connection.unwrap( JdbcConnection.class ) : null;
		}
		catch (SQLException e) {
			return null;
		}
	}
}
