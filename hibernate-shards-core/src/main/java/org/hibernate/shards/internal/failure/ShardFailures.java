package org.hibernate.shards.internal.failure;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.JDBCConnectionException;
import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardUnavailableException;
import org.hibernate.shards.ShardingException;

/**
 * Turns a shard's failure into the exception the application sees, once, at the boundary: a failure to reach
 * the database becomes a {@link ShardUnavailableException} naming the shard and its URL; anything else passes
 * through with its type unchanged, so that Hibernate's own exceptions (constraint violations, optimistic locks) stay what
 * they are; a constraint violation's message is prefixed with the shard that refused the row.
 */
public final class ShardFailures {
	private ShardFailures() {
	}

	public static RuntimeException translate(ShardId shard, String url, RuntimeException failure) {
		if ( failure instanceof ConstraintViolationException violation ) {
			return naming( shard, violation );
		}
		if ( failure instanceof ShardingException || !isConnectionFailure( failure ) ) {
			return failure;
		}
		return new ShardUnavailableException( shard, shard + " (" + url + ") is unavailable: " + rootMessage( failure )
				+ ". Operations on other shards are not affected; this shard is used again once it accepts connections.", failure );
	}

	/**
	 * The same constraint violation, its message starting with the shard: with writes on several shards, the
	 * duplicate key alone does not say which database refused it. The type, SQL, kind and constraint stay Hibernate's.
	 */
	private static ConstraintViolationException naming(ShardId shard, ConstraintViolationException violation) {
		String prefix = shard + ": ";
		if ( violation.getErrorMessage() != null && violation.getErrorMessage().startsWith( prefix ) ) {
			return violation;
		}
		ConstraintViolationException named = new ConstraintViolationException( prefix + violation.getErrorMessage(),
				violation.getSQLException(), violation.getSQL(), violation.getKind(), violation.getConstraintName() );
		named.setStackTrace( violation.getStackTrace() );
		for ( Throwable suppressed : violation.getSuppressed() ) {
			named.addSuppressed( suppressed );
		}
		return named;
	}

	/** @return whether a failure, or one of its causes, says that the database could not be reached or stopped answering */
	public static boolean isConnectionFailure(Throwable failure) {
		for ( Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause() ) {
			if ( t instanceof JDBCConnectionException || t instanceof SQLTransientConnectionException
					|| t instanceof SQLRecoverableException || t instanceof ConnectException
					|| t instanceof SocketException || t instanceof SocketTimeoutException ) {
				return true;
			}
			if ( t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith( "08" ) ) {
				return true;
			}
		}
		return false;
	}

	private static String rootMessage(Throwable failure) {
		Throwable root = failure;
		while ( root.getCause() != null && root.getCause() != root ) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

	/** Hides passwords in a JDBC URL: {@code password=secret} and {@code user:secret@} forms. */
	public static String safeUrl(String url) {
		return org.hibernate.shards.spi.ShardConnection.safeUrl( url );
	}
}
