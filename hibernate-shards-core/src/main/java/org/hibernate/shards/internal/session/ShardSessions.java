package org.hibernate.shards.internal.session;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

import org.hibernate.Session;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.shards.ShardId;
import org.hibernate.shards.internal.failure.ShardFailures;
import org.hibernate.shards.internal.failure.TryAll;
import org.hibernate.shards.internal.boot.HiddenCopies;
import org.hibernate.shards.internal.routing.HiddenVirtualShards;

/**
 * The shard sessions of one sharded session: at most one per physical shard, opened when the shard is first
 * needed, each with its own {@link ShardInterceptor}. Every call into a shard session goes through
 * {@link #call}, where a failure to reach the shard becomes a {@link org.hibernate.shards.ShardUnavailableException}.
 */
final class ShardSessions {
	private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger( ShardSessions.class );

	private final ShardedSessionRuntime factory;
	private Session[] sessions;
	/** What each shard session hides, as last applied to it. */
	private HiddenVirtualShards[] applied;
	private final EntityPlacement placement;
	private final SessionSettings settings;
	private ShardedTransactionImpl transaction;

	ShardSessions(ShardedSessionRuntime factory) {
		this.factory = factory;
		this.sessions = new Session[factory.shardCount()];
		this.applied = new HiddenVirtualShards[sessions.length];
		this.placement = new EntityPlacement( factory.router(), this );
		this.settings = new SessionSettings( this );
	}

	void bind(ShardedTransactionImpl transaction) {
		this.transaction = transaction;
	}

	EntityPlacement placement() {
		return placement;
	}

	SessionSettings settings() {
		return settings;
	}

	ShardedSessionRuntime factory() {
		return factory;
	}

	/** Runs work on a shard's session, opening it (and joining the sharded transaction) if needed. */
	<T> T call(ShardId shard, Function<Session, T> work) {
		return call( shard, work, factory.router().hidden() );
	}

	/**
	 * Runs work on a shard's session, hiding the given copies of moving virtual shards: the shards of one query over
	 * several shards all hide what was hidden when it started, so that a move's switch between two of them cannot make
	 * both show (or both hide) a virtual shard's rows.
	 */
	<T> T call(ShardId shard, Function<Session, T> work, HiddenVirtualShards hidden) {
		try {
			Session session = session( shard );
			hideCopies( shard, session, hidden );
			return work.apply( session );
		}
		catch (RuntimeException e) {
			throw factory.failure( shard, e );
		}
	}

	void run(ShardId shard, Consumer<Session> work) {
		call( shard, session -> {
			work.accept( session );
			return null;
		} );
	}

	/**
	 * Keeps the rows of moving virtual shards that are not the live ones out of the shard session's queries (see
	 * {@link org.hibernate.shards.internal.boot.HiddenCopies}); applied again only when what is hidden changed.
	 */
	private void hideCopies(ShardId shard, Session session, HiddenVirtualShards hidden) {
		if ( applied[shard.getId()] == hidden ) {
			return;
		}
		List<Integer> virtualShards = hidden.on( shard );
		if ( virtualShards.isEmpty() ) {
			session.disableFilter( HiddenCopies.FILTER );
		}
		else {
			session.enableFilter( HiddenCopies.FILTER ).setParameterList( HiddenCopies.PARAMETER, virtualShards );
		}
		applied[shard.getId()] = hidden;
	}

	private Session session(ShardId shard) {
		if ( shard.getId() >= sessions.length ) {
			// A shard added while this session was open.
			sessions = java.util.Arrays.copyOf( sessions, Math.max( shard.getId() + 1, factory.shardCount() ) );
			applied = java.util.Arrays.copyOf( applied, sessions.length );
		}
		Session session = sessions[shard.getId()];
		if ( session == null ) {
			session = factory.sessionFactory( shard ).withOptions()
					.interceptor( new ShardInterceptor( shard, placement, factory.idSequence(), factory.crossShardChecks(),
							factory.writeFences() ) )
					.openSession();
			try {
				settings.applyTo( session );
				if ( transaction != null && transaction.isActive() ) {
					transaction.join( shard, session );
				}
			}
			catch (RuntimeException e) {
				// A shard that cannot join the transaction (it is down) is not kept: the next use opens it afresh.
				session.close();
				throw e;
			}
			sessions[shard.getId()] = session;
		}
		return session;
	}

	/**
	 * Cancels the statement running on a shard's session, from another thread (an access strategy that gave up waiting).
	 * Best effort: a statement that just ended, or a server that does not answer, leaves nothing to do.
	 */
	void cancel(ShardId shard) {
		Session session = openSessionOrNull( shard );
		if ( session == null ) {
			return;
		}
		try {
			session.cancelQuery();
		}
		catch (RuntimeException e) {
			LOG.debug( "Could not cancel the statement running on {}", shard, e );
		}
	}

	Session openSessionOrNull(ShardId shard) {
		return shard.getId() < sessions.length ? sessions[shard.getId()] : null;
	}

	/** @return the open shard sessions' shards, ascending: the fixed order of flushes and commits */
	List<ShardId> openShards() {
		List<ShardId> open = new ArrayList<>( sessions.length );
		for ( int i = 0; i < sessions.length; i++ ) {
			if ( sessions[i] != null ) {
				open.add( ShardId.of( i ) );
			}
		}
		return open;
	}

	/** Applies an action to every open shard session, in shard order, translating failures. */
	void forEachOpen(BiConsumer<ShardId, Session> action) {
		for ( ShardId shard : openShards() ) {
			run( shard, session -> action.accept( shard, session ) );
		}
	}

	/** @return the shard whose session manages this instance, or {@code null} */
	ShardId shardManaging(Object entity) {
		for ( int i = 0; i < sessions.length; i++ ) {
			Session session = sessions[i];
			if ( session != null && session.isOpen()
					&& ( (SessionImplementor) session ).getPersistenceContextInternal().isEntryFor( entity ) ) {
				return ShardId.of( i );
			}
		}
		return null;
	}

	/** @return the shard of one of these shard sessions, or {@code null} for any other session */
	ShardId shardOfInnerSession(SharedSessionContractImplementor session) {
		if ( session != null && session.getInterceptor() instanceof ShardInterceptor interceptor ) {
			return interceptor.shard();
		}
		return null;
	}

	/** Closes every shard session; the first failure is thrown after all were tried, the others suppressed in it. */
	void close() {
		try {
			TryAll.forEach( openShards(), shard -> {
				Session session = sessions[shard.getId()];
				sessions[shard.getId()] = null;
				applied[shard.getId()] = null;
				if ( session.isOpen() ) {
					try {
						session.close();
					}
					catch (RuntimeException e) {
						throw factory.failure( shard, e );
					}
				}
			} );
		}
		finally {
			placement.clear();
		}
	}
}
