package org.hibernate.shards.internal.session;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.RollbackException;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import org.hibernate.Session;
import org.hibernate.Transaction;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.TransactionException;
import org.hibernate.resource.transaction.spi.TransactionStatus;
import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardedTransactionException;
import org.hibernate.shards.internal.failure.TryAll;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A transaction over the shard sessions a sharded session touches. Each shard session joins when it is opened
 * (or when the transaction begins, if it was open already), so untouched shards see no transaction at all.
 * <p>
 * Commit flushes every shard first, in shard order, and commits only if every flush succeeded; then it commits
 * the shards one by one in shard order. This is not atomic: if a commit fails after others succeeded, the
 * {@link ShardedTransactionException} says which shards committed.
 */
final class ShardedTransactionImpl implements Transaction {
	private static final Logger LOG = LoggerFactory.getLogger( ShardedTransactionImpl.class );

	private final ShardSessions sessions;
	private final List<Synchronization> synchronizations = new ArrayList<>();
	private TransactionStatus status = TransactionStatus.NOT_ACTIVE;
	private boolean rollbackOnly;
	private Integer timeout;

	ShardedTransactionImpl(ShardSessions sessions) {
		this.sessions = sessions;
	}

	/** Called for a shard session opened while this transaction is active. */
	void join(ShardId shard, Session session) {
		Transaction inner = session.getTransaction();
		if ( timeout != null ) {
			inner.setTimeout( timeout );
		}
		inner.begin();
	}

	@Override
	public void begin() {
		if ( status == TransactionStatus.ACTIVE ) {
			throw new IllegalStateException( "Transaction already active" );
		}
		status = TransactionStatus.ACTIVE;
		rollbackOnly = false;
		sessions.forEachOpen( this::join );
	}

	@Override
	public void commit() {
		if ( status != TransactionStatus.ACTIVE ) {
			throw new IllegalStateException( "Transaction not active" );
		}
		if ( isMarkedForRollback() ) {
			rollbackAll();
			throw new RollbackException( "Transaction was marked for rollback only; every shard was rolled back" );
		}
		synchronizations.forEach( Synchronization::beforeCompletion );
		List<ShardId> shards = sessions.openShards();
		// Every shard's SQL runs before any shard commits, so a failure on one shard leaves all of them uncommitted.
		// With one shard there is nothing to coordinate: its own commit flushes it.
		if ( shards.size() > 1 ) {
			try {
				sessions.forEachOpen( (shard, session) -> {
					// As plain Hibernate: a session in MANUAL flush mode writes only what the application flushed itself.
					if ( session.getTransaction().isActive() && session.getHibernateFlushMode() != org.hibernate.FlushMode.MANUAL ) {
						session.flush();
					}
				} );
			}
			catch (RuntimeException e) {
				rollbackAll();
				throw e;
			}
		}
		try {
			// Version increments that lock modes ask for pass the write fences here, before any shard commits.
			sessions.forEachOpen( (shard, session) -> {
				if ( session.getTransaction().isActive() ) {
					SessionImplementor inner = (SessionImplementor) session;
					( (ShardInterceptor) inner.getInterceptor() ).beforeCommit( inner );
				}
			} );
		}
		catch (RuntimeException e) {
			rollbackAll();
			throw e;
		}
		status = TransactionStatus.COMMITTING;
		List<ShardId> committed = new ArrayList<>();
		for ( ShardId shard : shards ) {
			try {
				sessions.run( shard, session -> {
					if ( session.getTransaction().isActive() ) {
						session.getTransaction().commit();
					}
				} );
				committed.add( shard );
			}
			catch (RuntimeException e) {
				List<ShardId> notCommitted = new ArrayList<>( shards.subList( committed.size(), shards.size() ) );
				rollbackAll();
				if ( committed.isEmpty() ) {
					throw e;
				}
				throw new ShardedTransactionException( "Commit failed on " + shard + " after " + committed
						+ " had committed; not committed: " + notCommitted + ". Commits across shards are not atomic: "
						+ "the committed shards keep this transaction's writes. Cause: " + e.getMessage(), committed, notCommitted, e );
			}
		}
		status = TransactionStatus.COMMITTED;
		afterCompletion( Status.STATUS_COMMITTED );
	}

	private boolean isMarkedForRollback() {
		if ( rollbackOnly ) {
			return true;
		}
		for ( ShardId shard : sessions.openShards() ) {
			Session session = sessions.openSessionOrNull( shard );
			if ( session != null && session.isOpen() && session.getTransaction().isActive()
					&& session.getTransaction().getRollbackOnly() ) {
				return true;
			}
		}
		return false;
	}

	@Override
	public void rollback() {
		if ( status != TransactionStatus.ACTIVE && status != TransactionStatus.MARKED_ROLLBACK && status != TransactionStatus.FAILED_COMMIT ) {
			throw new IllegalStateException( "Transaction not active" );
		}
		rollbackAll();
	}

	/** Rolls back every shard that has an active transaction; tries them all, then throws the first failure. */
	private void rollbackAll() {
		try {
			TryAll.forEach( sessions.openShards(), shard -> {
				try {
					sessions.run( shard, session -> {
						if ( session.getTransaction().getStatus().canRollback() ) {
							session.getTransaction().rollback();
						}
					} );
				}
				catch (RuntimeException e) {
					LOG.warn( "Rollback failed on {}: {}", shard, e.getMessage() );
					throw e;
				}
			} );
		}
		finally {
			status = TransactionStatus.ROLLED_BACK;
			rollbackOnly = false;
			afterCompletion( Status.STATUS_ROLLEDBACK );
		}
	}

	private void afterCompletion(int outcome) {
		List<Synchronization> toCall = new ArrayList<>( synchronizations );
		synchronizations.clear();
		toCall.forEach( synchronization -> synchronization.afterCompletion( outcome ) );
	}

	@Override
	public void setRollbackOnly() {
		if ( status != TransactionStatus.ACTIVE ) {
			throw new IllegalStateException( "Transaction not active" );
		}
		rollbackOnly = true;
	}

	@Override
	public void markRollbackOnly() {
		if ( status == TransactionStatus.ACTIVE ) {
			rollbackOnly = true;
		}
	}

	@Override
	public boolean getRollbackOnly() {
		if ( status != TransactionStatus.ACTIVE ) {
			throw new IllegalStateException( "Transaction not active" );
		}
		return isMarkedForRollback();
	}

	@Override
	public boolean isActive() {
		return status == TransactionStatus.ACTIVE;
	}

	@Override
	public TransactionStatus getStatus() {
		return status == TransactionStatus.ACTIVE && isMarkedForRollback() ? TransactionStatus.MARKED_ROLLBACK : status;
	}

	@Override
	public void registerSynchronization(Synchronization synchronization) {
		if ( status != TransactionStatus.ACTIVE ) {
			throw new TransactionException( "Synchronizations can only be registered on an active transaction" );
		}
		synchronizations.add( synchronization );
	}

	@Override
	public void setTimeout(int seconds) {
		setTimeout( Integer.valueOf( seconds ) );
	}

	@Override
	public void setTimeout(Integer seconds) {
		this.timeout = seconds;
		if ( seconds != null ) {
			for ( ShardId shard : sessions.openShards() ) {
				sessions.openSessionOrNull( shard ).getTransaction().setTimeout( seconds );
			}
		}
	}

	@Override
	public Integer getTimeout() {
		return timeout;
	}
}
