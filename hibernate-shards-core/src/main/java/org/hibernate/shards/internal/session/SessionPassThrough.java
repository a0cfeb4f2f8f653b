package org.hibernate.shards.internal.session;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.persistence.CacheRetrieveMode;
import jakarta.persistence.CacheStoreMode;
import jakarta.persistence.EntityGraph;
import jakarta.persistence.FindOption;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.LockModeType;
import jakarta.persistence.LockOption;
import jakarta.persistence.RefreshOption;
import jakarta.persistence.TypedQueryReference;
import jakarta.persistence.criteria.CriteriaDelete;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.CriteriaSelect;
import jakarta.persistence.criteria.CriteriaUpdate;
import jakarta.persistence.metamodel.EntityType;
import jakarta.persistence.metamodel.Metamodel;
import org.hibernate.CacheMode;
import org.hibernate.FlushMode;
import org.hibernate.LockMode;
import org.hibernate.LockOptions;
import org.hibernate.Session;
import org.hibernate.SessionEventListener;
import org.hibernate.SessionFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.graph.RootGraph;
import org.hibernate.query.MutationQuery;
import org.hibernate.query.Query;
import org.hibernate.query.SelectionQuery;
import org.hibernate.query.criteria.HibernateCriteriaBuilder;
import org.hibernate.shards.internal.failure.Refusals;
import org.hibernate.shards.internal.graph.EntityGraphCopy;

/**
 * The {@link org.hibernate.Session} methods that only pass through, as Hibernate's {@code SessionDelegatorBaseImpl}
 * does: each overload is expressed with the few operations the sharded session implements (find by id on the routed
 * shard, work on the shard of an entity or on the shard session managing it), with the remembered settings, with
 * query creation, or with another method of the same session. Nothing here decides a shard.
 */
abstract class SessionPassThrough extends UnsupportedSessionOperations {
	/** @throws IllegalStateException when the session is closed */
	abstract void checkOpen();

	/** @return the settings every shard session gets, once the session is known to be open */
	abstract SessionSettings settings();

	/** @return the session's query creation, once the session is known to be open */
	abstract SessionQueries queries();

	/** @return the factory that opened this session, as applications see it */
	abstract ShardedSessionRuntime runtime();

	/** Finds by id on the shard the id names, or on the resolution strategy's shards until one has it. */
	abstract <T> T findRouted(Class<?> type, Object id, FindOption[] options, Function<Session, T> find);

	/** Finds by id on the shard the id names, or on the resolution strategy's shards until one has it. */
	abstract <T> T findRouted(String entityName, Object id, FindOption[] options, Function<Session, T> find);

	/** Runs work on the shard an entity lives on, managed or detached; refuses one that is on no shard. */
	abstract <T> T onShardOf(Object entity, String operation, Function<Session, T> work);

	/** Runs work on the shard session managing an entity; as in Hibernate, an entity this session does not manage is refused. */
	abstract <T> T onManaging(Object entity, String operation, Function<Session, T> work);

	private void runOnShardOf(Object entity, String operation, Consumer<Session> work) {
		onShardOf( entity, operation, session -> {
			work.accept( session );
			return null;
		} );
	}

	private void runOnManaging(Object entity, String operation, Consumer<Session> work) {
		onManaging( entity, operation, session -> {
			work.accept( session );
			return null;
		} );
	}

	// ---- find and get

	@Override
	public <T> T find(Class<T> type, Object id) {
		return findRouted( type, id, null, session -> session.find( type, id ) );
	}

	@Override
	public <T> T find(Class<T> type, Object id, FindOption... options) {
		return findRouted( type, id, options, session -> session.find( type, id, options ) );
	}

	@Override
	public <T> T find(Class<T> type, Object id, LockModeType lockMode) {
		return findRouted( type, id, null, session -> session.find( type, id, lockMode ) );
	}

	@Override
	public <T> T find(Class<T> type, Object id, LockModeType lockMode, Map<String, Object> properties) {
		return findRouted( type, id, null, session -> session.find( type, id, lockMode, hintsOn( session, properties ) ) );
	}

	/** The hints may name an entity graph ({@code jakarta.persistence.fetchgraph}, {@code loadgraph}): it is rebuilt on the shard. */
	@Override
	public <T> T find(Class<T> type, Object id, Map<String, Object> properties) {
		return findRouted( type, id, null, session -> session.find( type, id, hintsOn( session, properties ) ) );
	}

	private static Map<String, Object> hintsOn(Session session, Map<String, Object> properties) {
		return EntityGraphCopy.hintsOnFactory( properties, factoryOf( session ) );
	}

	/** @return the factory of a shard session, whose metamodel an entity graph must be bound to there */
	static SessionFactoryImplementor factoryOf(Session session) {
		return ( (SessionImplementor) session ).getFactory();
	}

	@Override
	public Object find(String entityName, Object id) {
		return findRouted( entityName, id, null, session -> session.find( entityName, id ) );
	}

	@Override
	public Object find(String entityName, Object id, FindOption... options) {
		return findRouted( entityName, id, options, session -> session.find( entityName, id, options ) );
	}

	@Override
	@SuppressWarnings("deprecation")
	public <T> T get(Class<T> type, Object id) {
		return find( type, id );
	}

	@Override
	@SuppressWarnings("deprecation")
	public <T> T get(Class<T> type, Object id, LockMode lockMode) {
		return findRouted( type, id, null, session -> session.get( type, id, lockMode ) );
	}

	@Override
	@SuppressWarnings("deprecation")
	public <T> T get(Class<T> type, Object id, LockOptions lockOptions) {
		return findRouted( type, id, null, session -> session.get( type, id, lockOptions ) );
	}

	@Override
	@SuppressWarnings("deprecation")
	public Object get(String entityName, Object id) {
		return find( entityName, id );
	}

	@Override
	@SuppressWarnings("deprecation")
	public Object get(String entityName, Object id, LockMode lockMode) {
		return findRouted( entityName, id, null, session -> session.get( entityName, id, lockMode ) );
	}

	@Override
	@SuppressWarnings("deprecation")
	public Object get(String entityName, Object id, LockOptions lockOptions) {
		return findRouted( entityName, id, null, session -> session.get( entityName, id, lockOptions ) );
	}

	@Override
	public <T> T getReference(T entity) {
		return onShardOf( entity, "getReference", session -> session.getReference( entity ) );
	}

	// ---- refresh, lock and other per-entity state, on the entity's shard

	@Override
	public void refresh(Object entity) {
		runOnShardOf( entity, "refresh", session -> session.refresh( entity ) );
	}

	@Override
	public void refresh(Object entity, RefreshOption... options) {
		runOnShardOf( entity, "refresh", session -> session.refresh( entity, options ) );
	}

	@Override
	@SuppressWarnings("deprecation")
	public void refresh(Object entity, LockOptions lockOptions) {
		runOnShardOf( entity, "refresh", session -> session.refresh( entity, lockOptions ) );
	}

	@Override
	public void refresh(Object entity, LockModeType lockMode) {
		runOnShardOf( entity, "refresh", session -> session.refresh( entity, lockMode ) );
	}

	@Override
	public void refresh(Object entity, LockModeType lockMode, Map<String, Object> properties) {
		runOnShardOf( entity, "refresh", session -> session.refresh( entity, lockMode, properties ) );
	}

	@Override
	public void refresh(Object entity, Map<String, Object> properties) {
		runOnShardOf( entity, "refresh", session -> session.refresh( entity, properties ) );
	}

	@Override
	public void lock(Object entity, LockMode lockMode) {
		runOnManaging( entity, "lock", session -> session.lock( entity, lockMode ) );
	}

	@Override
	public void lock(Object entity, LockMode lockMode, LockOption... options) {
		runOnManaging( entity, "lock", session -> session.lock( entity, lockMode, options ) );
	}

	@Override
	@SuppressWarnings("deprecation")
	public void lock(Object entity, LockOptions lockOptions) {
		runOnManaging( entity, "lock", session -> session.lock( entity, lockOptions ) );
	}

	@Override
	public void lock(Object entity, LockModeType lockMode) {
		runOnManaging( entity, "lock", session -> session.lock( entity, lockMode ) );
	}

	@Override
	public void lock(Object entity, LockModeType lockMode, LockOption... options) {
		runOnManaging( entity, "lock", session -> session.lock( entity, lockMode, options ) );
	}

	@Override
	public void lock(Object entity, LockModeType lockMode, Map<String, Object> properties) {
		runOnManaging( entity, "lock", session -> session.lock( entity, lockMode, properties ) );
	}

	@Override
	public LockMode getCurrentLockMode(Object entity) {
		return onManaging( entity, "getCurrentLockMode", session -> session.getCurrentLockMode( entity ) );
	}

	@Override
	public LockModeType getLockMode(Object entity) {
		return onManaging( entity, "getLockMode", session -> session.getLockMode( entity ) );
	}

	@Override
	public void setReadOnly(Object entity, boolean readOnly) {
		runOnManaging( entity, "setReadOnly", session -> session.setReadOnly( entity, readOnly ) );
	}

	@Override
	public boolean isReadOnly(Object entity) {
		return onManaging( entity, "isReadOnly", session -> session.isReadOnly( entity ) );
	}

	@Override
	public Object getIdentifier(Object entity) {
		return onManaging( entity, "getIdentifier", session -> session.getIdentifier( entity ) );
	}

	@Override
	public void evict(Object entity) {
		detach( entity );
	}

	@Override
	public <E> Collection<E> getManagedEntities(EntityType<E> type) {
		return getManagedEntities( type.getJavaType() );
	}

	// ---- settings that every shard session gets

	@Override
	public void setHibernateFlushMode(FlushMode flushMode) {
		settings().setFlushMode( flushMode );
	}

	@Override
	public FlushMode getHibernateFlushMode() {
		return settings().flushMode();
	}

	@Override
	public void setFlushMode(FlushModeType flushMode) {
		setHibernateFlushMode( FlushMode.fromJpaFlushMode( flushMode ) );
	}

	@Override
	public FlushModeType getFlushMode() {
		return getHibernateFlushMode().toJpaFlushMode();
	}

	@Override
	public void setCacheMode(CacheMode cacheMode) {
		settings().setCacheMode( cacheMode );
	}

	@Override
	public CacheMode getCacheMode() {
		return settings().cacheMode();
	}

	@Override
	public void setCacheRetrieveMode(CacheRetrieveMode mode) {
		setCacheMode( CacheMode.fromJpaModes( mode, getCacheStoreMode() ) );
	}

	@Override
	public CacheRetrieveMode getCacheRetrieveMode() {
		return getCacheMode().getJpaRetrieveMode();
	}

	@Override
	public void setCacheStoreMode(CacheStoreMode mode) {
		setCacheMode( CacheMode.fromJpaModes( getCacheRetrieveMode(), mode ) );
	}

	@Override
	public CacheStoreMode getCacheStoreMode() {
		return getCacheMode().getJpaStoreMode();
	}

	@Override
	public void setDefaultReadOnly(boolean readOnly) {
		settings().setDefaultReadOnly( readOnly );
	}

	@Override
	public boolean isDefaultReadOnly() {
		return settings().defaultReadOnly();
	}

	@Override
	public void setJdbcBatchSize(Integer size) {
		settings().setJdbcBatchSize( size );
	}

	@Override
	public Integer getJdbcBatchSize() {
		return settings().jdbcBatchSize();
	}

	@Override
	public void setFetchBatchSize(int size) {
		settings().setFetchBatchSize( size );
	}

	@Override
	public int getFetchBatchSize() {
		return settings().fetchBatchSize();
	}

	@Override
	public void setSubselectFetchingEnabled(boolean enabled) {
		settings().setSubselectFetching( enabled );
	}

	@Override
	public boolean isSubselectFetchingEnabled() {
		return settings().subselectFetching();
	}

	@Override
	public void enableFetchProfile(String name) {
		settings().enableFetchProfile( name );
	}

	@Override
	public void disableFetchProfile(String name) {
		settings().disableFetchProfile( name );
	}

	@Override
	public boolean isFetchProfileEnabled(String name) {
		return settings().isFetchProfileEnabled( name );
	}

	@Override
	public void setProperty(String name, Object value) {
		settings().setProperty( name, value );
	}

	@Override
	public Map<String, Object> getProperties() {
		return settings().properties();
	}

	@Override
	public void addEventListeners(SessionEventListener... listeners) {
		settings().addEventListeners( listeners );
	}

	// ---- queries, planned, routed and merged by ShardedQueryImpl

	@Override
	public <R> Query<R> createQuery(String hql, Class<R> resultType) {
		return queries().create( session -> session.createQuery( hql, resultType ), resultType );
	}

	@Override
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public Query createQuery(String hql) {
		return queries().create( session -> (Query<Object>) session.createQuery( hql ), null );
	}

	@Override
	public <R> SelectionQuery<R> createSelectionQuery(String hql, Class<R> resultType) {
		return createQuery( hql, resultType );
	}

	@Override
	@SuppressWarnings("unchecked")
	public SelectionQuery<?> createSelectionQuery(String hql) {
		return createQuery( hql );
	}

	@Override
	public <R> Query<R> createQuery(CriteriaQuery<R> criteria) {
		return queries().create( session -> session.createQuery( criteria ), criteria.getResultType() );
	}

	@Override
	public <R> SelectionQuery<R> createSelectionQuery(CriteriaQuery<R> criteria) {
		return createQuery( criteria );
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> Query<T> createQuery(CriteriaSelect<T> criteria) {
		return queries().create( session -> (Query<T>) session.createQuery( criteria ), null );
	}

	@Override
	public <R> Query<R> createQuery(TypedQueryReference<R> reference) {
		@SuppressWarnings("unchecked")
		Class<R> type = (Class<R>) reference.getResultType();
		return queries().create( session -> session.createQuery( reference ), type );
	}

	@Override
	public <R> Query<R> createNamedQuery(String name, Class<R> resultType) {
		return queries().create( session -> session.createNamedQuery( name, resultType ), resultType );
	}

	@Override
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public Query createNamedQuery(String name) {
		return queries().create( session -> (Query<Object>) session.createNamedQuery( name ), null );
	}

	@Override
	@SuppressWarnings("rawtypes")
	public Query getNamedQuery(String name) {
		return createNamedQuery( name );
	}

	@Override
	public <R> SelectionQuery<R> createNamedSelectionQuery(String name, Class<R> resultType) {
		return createNamedQuery( name, resultType );
	}

	@Override
	@SuppressWarnings("unchecked")
	public SelectionQuery<?> createNamedSelectionQuery(String name) {
		return createNamedQuery( name );
	}

	@Override
	public MutationQuery createMutationQuery(String hql) {
		return createQuery( hql );
	}

	@Override
	public MutationQuery createNamedMutationQuery(String name) {
		return createNamedQuery( name );
	}

	@Override
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public MutationQuery createMutationQuery(CriteriaUpdate update) {
		return queries().create( session -> (Query<Object>) session.createQuery( update ), null );
	}

	@Override
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public MutationQuery createMutationQuery(CriteriaDelete delete) {
		return queries().create( session -> (Query<Object>) session.createQuery( delete ), null );
	}

	@Override
	@SuppressWarnings("rawtypes")
	public Query createQuery(CriteriaUpdate update) {
		return (Query) createMutationQuery( update );
	}

	@Override
	@SuppressWarnings("rawtypes")
	public Query createQuery(CriteriaDelete delete) {
		return (Query) createMutationQuery( delete );
	}

	// ---- entity graphs, made on shard 0's metamodel like every metamodel-level view; routed finds rebuild them on their shard

	@Override
	public <T> RootGraph<T> createEntityGraph(Class<T> rootType) {
		return queries().planningSession().createEntityGraph( rootType );
	}

	@Override
	public <T> RootGraph<T> createEntityGraph(Class<T> rootType, String graphName) {
		return queries().planningSession().createEntityGraph( rootType, graphName );
	}

	@Override
	public RootGraph<?> createEntityGraph(String graphName) {
		return queries().planningSession().createEntityGraph( graphName );
	}

	@Override
	public RootGraph<?> getEntityGraph(String graphName) {
		return queries().planningSession().getEntityGraph( graphName );
	}

	@Override
	public <T> List<EntityGraph<? super T>> getEntityGraphs(Class<T> entityClass) {
		return queries().planningSession().getEntityGraphs( entityClass );
	}

	// ---- factory-level views

	@Override
	public HibernateCriteriaBuilder getCriteriaBuilder() {
		checkOpen();
		return runtime().shardedFactory().getCriteriaBuilder();
	}

	@Override
	public Metamodel getMetamodel() {
		checkOpen();
		return runtime().shardedFactory().getMetamodel();
	}

	@Override
	public SessionFactory getSessionFactory() {
		return runtime().shardedFactory();
	}

	@Override
	public SessionFactory getFactory() {
		return runtime().shardedFactory();
	}

	@Override
	public SessionFactory getEntityManagerFactory() {
		checkOpen();
		return runtime().shardedFactory();
	}

	@Override
	public Object getDelegate() {
		return this;
	}

	@Override
	public <T> T unwrap(Class<T> type) {
		return Refusals.unwrap( this, "ShardedSession", type, ": it spans several shard sessions" );
	}

	@Override
	public String getTenantIdentifier() {
		return null;
	}

	@Override
	public Object getTenantIdentifierValue() {
		return null;
	}
}
