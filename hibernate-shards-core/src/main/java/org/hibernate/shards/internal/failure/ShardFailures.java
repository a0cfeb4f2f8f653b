package org.hibernate.shards.internal.failure;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.PessimisticLockException;
import jakarta.persistence.QueryTimeoutException;
import jakarta.persistence.RollbackException;
import org.hibernate.JDBCException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.JDBCConnectionException;
import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardUnavailableException;
import org.hibernate.shards.ShardingException;

/**
 * Turns a shard's failure into the exception the application sees, once, at the boundary: a failure to reach
 * the database becomes a {@link ShardUnavailableException} naming the shard and its URL; anything else keeps its type,
 * so that Hibernate's own exceptions (constraint violations, data too long, lock timeouts, deadlocks, SQL errors,
 * optimistic locks) stay what they are, but a database's refusal gets a message that starts with the shard.
 */
public final class ShardFailures {
	private ShardFailures() {
	}

	public static RuntimeException translate(ShardId shard, String url, RuntimeException failure) {
		if ( failure instanceof ShardingException ) {
			return failure;
		}
		if ( !isConnectionFailure( failure ) ) {
			return naming( shard, failure );
		}
		return new ShardUnavailableException( shard, shard + " (" + url + ") is unavailable: " + rootMessage( failure )
				+ ". Operations on other shards are not affected; this shard is used again once it accepts connections.", failure );
	}

	/**
	 * The same exception, its message starting with the shard: with work on several shards, a refused statement alone
	 * does not say which database refused it. The type stays, and what it carries: the SQL and SQLException of Hibernate's
	 * JDBC exceptions (and the kind and constraint of a constraint violation), the cause and entity of the JPA exceptions
	 * Hibernate wraps them in. Other exceptions (wrong arguments, illegal states) are returned as they are.
	 */
	private static RuntimeException naming(ShardId shard, RuntimeException failure) {
		String prefix = shard + ": ";
		if ( failure.getMessage() != null && failure.getMessage().startsWith( prefix ) ) {
			return failure;
		}
		RuntimeException named = renamed( prefix, failure );
		if ( named == null ) {
			return failure;
		}
		named.setStackTrace( failure.getStackTrace() );
		for ( Throwable suppressed : failure.getSuppressed() ) {
			named.addSuppressed( suppressed );
		}
		return named;
	}

	/** @return a copy of the failure with the prefixed message, or {@code null} for a type that is not a database's refusal */
	private static RuntimeException renamed(String prefix, RuntimeException failure) {
		if ( failure instanceof ConstraintViolationException violation ) {
			return new ConstraintViolationException( prefix + violation.getErrorMessage(), violation.getSQLException(),
					violation.getSQL(), violation.getKind(), violation.getConstraintName() );
		}
		if ( failure instanceof JDBCException jdbc ) {
			try {
				// The constructor that every JDBCException of Hibernate's (and of its SQLException converters) has.
				return failure.getClass().getConstructor( String.class, SQLException.class, String.class )
						.newInstance( prefix + jdbc.getErrorMessage(), jdbc.getSQLException(), jdbc.getSQL() );
			}
			catch (ReflectiveOperationException | RuntimeException e) {
				return null;
			}
		}
		// JPA's exceptions, in which Hibernate wraps its own (a lock timeout in find, a failed flush in a commit).
		String message = prefix + failure.getMessage();
		Class<?> type = failure.getClass();
		if ( type == PessimisticLockException.class ) {
			return new PessimisticLockException( message, failure.getCause(), ( (PessimisticLockException) failure ).getEntity() );
		}
		if ( type == LockTimeoutException.class ) {
			return new LockTimeoutException( message, failure.getCause(), ( (LockTimeoutException) failure ).getObject() );
		}
		if ( type == QueryTimeoutException.class ) {
			return new QueryTimeoutException( message, failure.getCause(), ( (QueryTimeoutException) failure ).getQuery() );
		}
		if ( type == OptimisticLockException.class ) {
			return new OptimisticLockException( message, failure.getCause(), ( (OptimisticLockException) failure ).getEntity() );
		}
		if ( type == RollbackException.class ) {
			return new RollbackException( message, failure.getCause() );
		}
		if ( type == PersistenceException.class ) {
			return new PersistenceException( message, failure.getCause() );
		}
		return null;
	}

	/**
	 * @return what kind of shard failure this is, or {@code null} when it is not the shard's: this library's own
	 *         exceptions (refusals, and failures already translated) and programming errors (a wrong argument, an illegal state)
	 */
	public static FailureKind kindOf(RuntimeException failure) {
		if ( failure instanceof ShardingException || !( failure instanceof PersistenceException ) ) {
			return null;
		}
		if ( isConnectionFailure( failure ) ) {
			return FailureKind.UNAVAILABLE;
		}
		if ( failure instanceof QueryTimeoutException || failure instanceof LockTimeoutException
				|| failure instanceof org.hibernate.QueryTimeoutException || failure instanceof org.hibernate.exception.LockTimeoutException ) {
			return FailureKind.TIMEOUT;
		}
		return FailureKind.DATABASE;
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

	/** @return the innermost cause's type and message: what the driver said, under the wrappers' words */
	public static String rootMessage(Throwable failure) {
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
