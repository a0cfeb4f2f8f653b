package org.hibernate.shards.internal;

import java.sql.Connection;
import java.util.Map;

import javax.naming.Reference;

import jakarta.persistence.Query;
import jakarta.persistence.SynchronizationType;
import jakarta.persistence.TypedQuery;
import jakarta.persistence.TypedQueryReference;
import org.hibernate.Cache;
import org.hibernate.Session;
import org.hibernate.SessionBuilder;
import org.hibernate.StatelessSession;
import org.hibernate.StatelessSessionBuilder;
import org.hibernate.shards.internal.failure.Refusals;
import org.hibernate.shards.spi.ShardedSessionFactoryImplementor;
import org.hibernate.stat.Statistics;

/**
 * The {@link org.hibernate.SessionFactory} methods a sharded session factory refuses, each with what to use instead:
 * state that would differ per shard, sessions in forms that are not sharded, JTA and JNDI.
 */
abstract class UnsupportedSessionFactoryOperations implements ShardedSessionFactoryImplementor {
	private static final String JTA = "JTA is not supported; use openSession()";
	private static final String STATELESS = "stateless sessions are not sharded; use getSessionFactories().get(shardId)";
	private static final String NAMED_QUERIES = "declare named queries with @NamedQuery";

	private static UnsupportedOperationException unsupported(String method, String instead) {
		return Refusals.unsupported( "ShardedSessionFactory", method, instead );
	}

	@Override
	public Session createEntityManager(SynchronizationType synchronizationType) {
		throw unsupported( "createEntityManager(SynchronizationType)", JTA );
	}

	@Override
	public Session createEntityManager(SynchronizationType synchronizationType, Map<?, ?> map) {
		throw unsupported( "createEntityManager(SynchronizationType, Map)", JTA );
	}

	@Override
	public Session getCurrentSession() {
		throw unsupported( "getCurrentSession()", "open sessions with openSession()" );
	}

	@Override
	public SessionBuilder withOptions() {
		throw unsupported( "withOptions()", "open sessions with openSession() and set options on the ShardedSession" );
	}

	@Override
	public StatelessSession openStatelessSession() {
		throw unsupported( "openStatelessSession()", STATELESS );
	}

	@Override
	public StatelessSession openStatelessSession(Connection connection) {
		throw unsupported( "openStatelessSession(Connection)", STATELESS );
	}

	@Override
	public StatelessSessionBuilder withStatelessOptions() {
		throw unsupported( "withStatelessOptions()", STATELESS );
	}

	@Override
	public Statistics getStatistics() {
		throw unsupported( "getStatistics()", "statistics are kept per shard; use getSessionFactories().get(shardId).getStatistics()" );
	}

	@Override
	public Cache getCache() {
		throw unsupported( "getCache()", "each shard has its own cache; use getSessionFactories().get(shardId).getCache()" );
	}

	@Override
	public void addNamedQuery(String name, Query query) {
		throw unsupported( "addNamedQuery(String, Query)", NAMED_QUERIES );
	}

	@Override
	public <R> TypedQueryReference<R> addNamedQuery(String name, TypedQuery<R> query) {
		throw unsupported( "addNamedQuery(String, TypedQuery)", NAMED_QUERIES );
	}

	@Override
	public Reference getReference() {
		throw unsupported( "getReference()", "a sharded session factory is not bound to JNDI" );
	}
}
