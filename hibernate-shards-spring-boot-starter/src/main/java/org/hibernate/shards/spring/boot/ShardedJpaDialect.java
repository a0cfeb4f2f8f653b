package org.hibernate.shards.spring.boot;

import java.sql.SQLException;

import jakarta.persistence.EntityManager;
import org.hibernate.FlushMode;
import org.hibernate.shards.CrossShardAssociationException;
import org.hibernate.shards.ShardKeyException;
import org.hibernate.shards.ShardUnavailableException;
import org.hibernate.shards.ShardedQueryException;
import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.VirtualShardMovingException;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.datasource.ConnectionHandle;
import org.springframework.orm.jpa.vendor.HibernateJpaDialect;
import org.springframework.transaction.InvalidIsolationLevelException;
import org.springframework.transaction.TransactionDefinition;

/**
 * The {@link org.springframework.orm.jpa.JpaDialect} for a sharded entity manager. It keeps what
 * {@link HibernateJpaDialect} does for exceptions (a constraint violation becomes a
 * {@code DataIntegrityViolationException}, and so on), but begins transactions through the {@link ShardedSession}'s
 * own transaction, which spans the shard sessions it touches: Hibernate's dialect would unwrap a single
 * {@code SessionImplementor} and its one JDBC connection, which a sharded session does not have.
 * <p>
 * A read-only transaction makes the session read-only and never flushed, as with Hibernate; an isolation level other
 * than the default is refused, since it would have to be set on a connection of each shard.
 */
public class ShardedJpaDialect extends HibernateJpaDialect {

	@Override
	public Object beginTransaction(EntityManager entityManager, TransactionDefinition definition) {
		if ( definition.getIsolationLevel() != TransactionDefinition.ISOLATION_DEFAULT ) {
			throw new InvalidIsolationLevelException( "A sharded EntityManager does not support the isolation level of "
					+ definition + ": it has one connection per shard; set the isolation on each shard's pool "
					+ "(hibernate.connection.isolation)" );
		}
		ShardedSession session = entityManager.unwrap( ShardedSession.class );
		if ( definition.getTimeout() != TransactionDefinition.TIMEOUT_DEFAULT ) {
			session.getTransaction().setTimeout( definition.getTimeout() );
		}
		ReadOnlyState readOnly = definition.isReadOnly() ? ReadOnlyState.enter( session ) : null;
		session.getTransaction().begin();
		return readOnly;
	}

	/** Nothing to prepare: the shard sessions join the sharded session's transaction when they open. */
	@Override
	public Object prepareTransaction(EntityManager entityManager, boolean readOnly, String name) {
		return null;
	}

	@Override
	public void cleanupTransaction(Object transactionData) {
		if ( transactionData instanceof ReadOnlyState readOnly ) {
			readOnly.leave();
		}
	}

	/** A sharded session has one connection per shard, none to expose as the transaction's: Spring JDBC is not bound. */
	@Override
	public ConnectionHandle getJdbcConnection(EntityManager entityManager, boolean readOnly) throws SQLException {
		return null;
	}

	/**
	 * Sharding's own failures as Spring's kinds: a query or key the shards cannot honour is a misuse of the API, an
	 * unreachable shard a resource failure, a virtual shard being moved a transient one (retry it); the rest as
	 * Hibernate's dialect translates them.
	 */
	@Override
	public DataAccessException translateExceptionIfPossible(RuntimeException failure) {
		if ( failure instanceof ShardedQueryException || failure instanceof ShardKeyException
				|| failure instanceof CrossShardAssociationException ) {
			return new InvalidDataAccessApiUsageException( failure.getMessage(), failure );
		}
		if ( failure instanceof ShardUnavailableException ) {
			return new DataAccessResourceFailureException( failure.getMessage(), failure );
		}
		if ( failure instanceof VirtualShardMovingException ) {
			return new TransientDataAccessResourceException( failure.getMessage(), failure );
		}
		return super.translateExceptionIfPossible( failure );
	}

	/** What a read-only transaction changed on the session, put back when it ends. */
	private record ReadOnlyState(ShardedSession session, FlushMode flushMode, boolean defaultReadOnly) {
		static ReadOnlyState enter(ShardedSession session) {
			ReadOnlyState previous = new ReadOnlyState( session, session.getHibernateFlushMode(), session.isDefaultReadOnly() );
			session.setDefaultReadOnly( true );
			session.setHibernateFlushMode( FlushMode.MANUAL );
			return previous;
		}

		void leave() {
			if ( session.isOpen() ) {
				session.setHibernateFlushMode( flushMode );
				session.setDefaultReadOnly( defaultReadOnly );
			}
		}
	}
}
