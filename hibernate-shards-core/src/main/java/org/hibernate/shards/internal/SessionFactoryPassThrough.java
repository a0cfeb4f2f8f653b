package org.hibernate.shards.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.persistence.EntityGraph;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceUnitTransactionType;
import jakarta.persistence.PersistenceUnitUtil;
import jakarta.persistence.TypedQueryReference;
import jakarta.persistence.metamodel.Metamodel;
import org.hibernate.Session;
import org.hibernate.boot.spi.SessionFactoryOptions;
import org.hibernate.engine.spi.FilterDefinition;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.graph.RootGraph;
import org.hibernate.query.criteria.HibernateCriteriaBuilder;
import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.internal.failure.Refusals;

/**
 * The {@link org.hibernate.SessionFactory} methods that only pass through: metamodel-level questions, answered by
 * shard 0's factory since every shard has the same mappings, and the JPA forms of opening a session and running a
 * transaction, expressed with {@link #openSession()}.
 */
abstract class SessionFactoryPassThrough extends UnsupportedSessionFactoryOperations {
	/** @return shard 0's factory */
	public abstract SessionFactoryImplementor firstSessionFactory();

	// ---- metamodel-level views, the same on every shard

	@Override
	public HibernateCriteriaBuilder getCriteriaBuilder() {
		return firstSessionFactory().getCriteriaBuilder();
	}

	@Override
	public Metamodel getMetamodel() {
		return firstSessionFactory().getMetamodel();
	}

	@Override
	public SessionFactoryOptions getSessionFactoryOptions() {
		return firstSessionFactory().getSessionFactoryOptions();
	}

	@Override
	public Set<String> getDefinedFilterNames() {
		return firstSessionFactory().getDefinedFilterNames();
	}

	@Override
	public FilterDefinition getFilterDefinition(String filterName) {
		return firstSessionFactory().getFilterDefinition( filterName );
	}

	@Override
	public Set<String> getDefinedFetchProfileNames() {
		return firstSessionFactory().getDefinedFetchProfileNames();
	}

	@Override
	public PersistenceUnitUtil getPersistenceUnitUtil() {
		return firstSessionFactory().getPersistenceUnitUtil();
	}

	@Override
	public <R> Map<String, TypedQueryReference<R>> getNamedQueries(Class<R> resultType) {
		return firstSessionFactory().getNamedQueries( resultType );
	}

	// ---- entity graphs, made on shard 0's metamodel: a sharded session's routed find rebuilds them on its shard

	@Override
	public RootGraph<?> findEntityGraphByName(String name) {
		return firstSessionFactory().findEntityGraphByName( name );
	}

	@Override
	public <T> List<EntityGraph<? super T>> findEntityGraphsByType(Class<T> entityClass) {
		return firstSessionFactory().findEntityGraphsByType( entityClass );
	}

	@Override
	public <E> Map<String, EntityGraph<? extends E>> getNamedEntityGraphs(Class<E> entityType) {
		return firstSessionFactory().getNamedEntityGraphs( entityType );
	}

	@Override
	public RootGraph<Map<String, ?>> createGraphForDynamicEntity(String entityName) {
		return firstSessionFactory().createGraphForDynamicEntity( entityName );
	}

	@Override
	public <T> RootGraph<T> parseEntityGraph(CharSequence graphText) {
		return firstSessionFactory().parseEntityGraph( graphText );
	}

	@Override
	public <T> RootGraph<T> parseEntityGraph(Class<T> rootEntityClass, CharSequence graphText) {
		return firstSessionFactory().parseEntityGraph( rootEntityClass, graphText );
	}

	@Override
	public <T> RootGraph<T> parseEntityGraph(String rootEntityName, CharSequence graphText) {
		return firstSessionFactory().parseEntityGraph( rootEntityName, graphText );
	}

	@Override
	public String getName() {
		return firstSessionFactory().getName();
	}

	@Override
	public PersistenceUnitTransactionType getTransactionType() {
		return PersistenceUnitTransactionType.RESOURCE_LOCAL;
	}

	@Override
	public String getJndiName() {
		return null;
	}

	@Override
	public boolean isOpen() {
		return !isClosed();
	}

	@Override
	public <T> T unwrap(Class<T> type) {
		return Refusals.unwrap( this, "ShardedSessionFactory", type, "; use getSessionFactories() for the factory of one shard" );
	}

	// ---- sessions and transactions in their JPA forms

	@Override
	public Session createEntityManager() {
		return openSession();
	}

	@Override
	public Session createEntityManager(Map<?, ?> map) {
		ShardedSession session = openSession();
		map.forEach( (key, value) -> session.setProperty( key.toString(), value ) );
		return session;
	}

	@Override
	public void runInTransaction(Consumer<EntityManager> work) {
		callInTransaction( session -> {
			work.accept( session );
			return null;
		} );
	}

	@Override
	public <R> R callInTransaction(Function<EntityManager, R> work) {
		try ( ShardedSession session = openSession() ) {
			session.beginTransaction();
			try {
				R result = work.apply( session );
				session.getTransaction().commit();
				return result;
			}
			catch (RuntimeException e) {
				if ( session.getTransaction().isActive() ) {
					session.getTransaction().rollback();
				}
				throw e;
			}
		}
	}
}
