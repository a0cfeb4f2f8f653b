package org.hibernate.shards.internal.session;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.persistence.CacheRetrieveMode;
import jakarta.persistence.CacheStoreMode;
import jakarta.persistence.EntityGraph;
import jakarta.persistence.FindOption;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.LockModeType;
import jakarta.persistence.LockOption;
import jakarta.persistence.RefreshOption;
import jakarta.persistence.metamodel.EntityType;
import jakarta.persistence.metamodel.Metamodel;
import org.hibernate.CacheMode;
import org.hibernate.FlushMode;
import org.hibernate.LockMode;
import org.hibernate.LockOptions;
import org.hibernate.Session;
import org.hibernate.SessionEventListener;
import org.hibernate.SessionFactory;
import org.hibernate.Transaction;
import org.hibernate.jdbc.Work;
import org.hibernate.query.MutationQuery;
import org.hibernate.query.Query;
import org.hibernate.query.SelectionQuery;
import org.hibernate.query.criteria.HibernateCriteriaBuilder;
import org.hibernate.query.criteria.JpaCriteriaInsert;
import jakarta.persistence.TypedQueryReference;
import jakarta.persistence.criteria.CriteriaDelete;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.CriteriaSelect;
import jakarta.persistence.criteria.CriteriaUpdate;
import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.ShardingException;
import org.hibernate.shards.internal.ShardedSessionFactoryImpl;

/**
 * The sharded session: a thin façade. Entity operations are routed by {@link EntityOperations}, the shard sessions
 * are kept by {@link ShardSessions}, the transaction is {@link ShardedTransactionImpl}; methods that cannot be
 * honoured across shards are refused in {@link UnsupportedSessionOperations}.
 */
public final class ShardedSessionImpl extends UnsupportedSessionOperations {
	private final ShardedSessionFactoryImpl factory;
	private final ShardSessions sessions;
	private final EntityOperations entities;
	private final ShardedTransactionImpl transaction;
	private final SessionQueries queries;
	private boolean open = true;

	public ShardedSessionImpl(ShardedSessionFactoryImpl factory) {
		this.factory = factory;
		this.sessions = new ShardSessions( factory );
		this.entities = new EntityOperations( sessions );
		this.transaction = new ShardedTransactionImpl( sessions );
		sessions.bind( transaction );
		this.queries = new SessionQueries( this, sessions, transaction );
	}

	private void checkOpen() {
		if ( !open ) {
			throw new IllegalStateException( "Session/EntityManager is closed" );
		}
	}

	/** Runs a write; a sharding failure marks the transaction for rollback, so that nothing half-done is committed. */
	private <T> T write(java.util.function.Supplier<T> operation) {
		checkOpen();
		try {
			return operation.get();
		}
		catch (ShardingException e) {
			transaction.markRollbackOnly();
			throw e;
		}
	}

	private String nameOf(Class<?> type) {
		return factory.router().metamodel().of( type ).entityName();
	}

	// ---- ShardedSession

	@Override
	public ShardId getShardIdForObject(Object entity) {
		checkOpen();
		return sessions.placement().shardOf( entity );
	}

	@Override
	public int getVirtualShardIdForObject(Object entity) {
		checkOpen();
		return sessions.placement().virtualShardOf( entity );
	}

	// ---- persist, merge, remove

	@Override
	public void persist(Object entity) {
		write( () -> {
			entities.persist( entity, session -> session.persist( entity ) );
			return null;
		} );
	}

	@Override
	public void persist(String entityName, Object entity) {
		write( () -> {
			entities.persist( entity, session -> session.persist( entityName, entity ) );
			return null;
		} );
	}

	@Override
	public <T> T merge(T entity) {
		return write( () -> entities.merge( entity, session -> session.merge( entity ) ) );
	}

	@Override
	public <T> T merge(String entityName, T entity) {
		return write( () -> entities.merge( entity, session -> session.merge( entityName, entity ) ) );
	}

	@Override
	public <T> T merge(T entity, EntityGraph<? super T> graph) {
		throw unsupported( "merge(Object, EntityGraph)", ENTITY_GRAPHS );
	}

	@Override
	public void remove(Object entity) {
		write( () -> {
			ShardId shard = requireShard( entity, "remove" );
			sessions.run( shard, session -> session.remove( entity ) );
			sessions.placement().forget( entity );
			return null;
		} );
	}

	private ShardId requireShard(Object entity, String operation) {
		if ( entity == null ) {
			throw new IllegalArgumentException( "Cannot " + operation + " null" );
		}
		ShardId shard = entities.locate( entity );
		if ( shard == null ) {
			throw new IllegalArgumentException( "Cannot " + operation + " a " + sessions.placement().sharding( entity ).entityName()
					+ " that is neither managed by this session nor stored on any shard" );
		}
		return shard;
	}

	/** Runs work on the shard session managing an entity; as in Hibernate, an entity this session does not manage is refused. */
	private <T> T onManaging(Object entity, String operation, Function<Session, T> work) {
		checkOpen();
		ShardId shard = entity == null ? null : sessions.shardManaging( entity );
		if ( shard == null ) {
			throw new IllegalArgumentException( "Cannot " + operation + ": the given instance is not managed by this session" );
		}
		return sessions.call( shard, work );
	}

	// ---- find, get, getReference

	@Override
	public <T> T find(Class<T> type, Object id) {
		checkOpen();
		return entities.find( nameOf( type ), id, null, session -> session.find( type, id ) );
	}

	@Override
	public <T> T find(Class<T> type, Object id, FindOption... options) {
		checkOpen();
		return entities.find( nameOf( type ), id, options, session -> session.find( type, id, options ) );
	}

	@Override
	public <T> T find(Class<T> type, Object id, LockModeType lockMode) {
		checkOpen();
		return entities.find( nameOf( type ), id, null, session -> session.find( type, id, lockMode ) );
	}

	@Override
	public <T> T find(Class<T> type, Object id, LockModeType lockMode, Map<String, Object> properties) {
		checkOpen();
		return entities.find( nameOf( type ), id, null, session -> session.find( type, id, lockMode, properties ) );
	}

	@Override
	public <T> T find(Class<T> type, Object id, Map<String, Object> properties) {
		checkOpen();
		return entities.find( nameOf( type ), id, null, session -> session.find( type, id, properties ) );
	}

	@Override
	public <T> T find(EntityGraph<T> graph, Object id, FindOption... options) {
		throw unsupported( "find(EntityGraph, Object, FindOption[])", ENTITY_GRAPHS );
	}

	@Override
	public Object find(String entityName, Object id) {
		checkOpen();
		return entities.find( entityName, id, null, session -> session.find( entityName, id ) );
	}

	@Override
	public Object find(String entityName, Object id, FindOption... options) {
		checkOpen();
		return entities.find( entityName, id, options, session -> session.find( entityName, id, options ) );
	}

	@Override
	@SuppressWarnings("deprecation")
	public <T> T get(Class<T> type, Object id) {
		return find( type, id );
	}

	@Override
	@SuppressWarnings("deprecation")
	public <T> T get(Class<T> type, Object id, LockMode lockMode) {
		checkOpen();
		return entities.find( nameOf( type ), id, null, session -> session.get( type, id, lockMode ) );
	}

	@Override
	@SuppressWarnings("deprecation")
	public <T> T get(Class<T> type, Object id, LockOptions lockOptions) {
		checkOpen();
		return entities.find( nameOf( type ), id, null, session -> session.get( type, id, lockOptions ) );
	}

	@Override
	@SuppressWarnings("deprecation")
	public Object get(String entityName, Object id) {
		return find( entityName, id );
	}

	@Override
	@SuppressWarnings("deprecation")
	public Object get(String entityName, Object id, LockMode lockMode) {
		checkOpen();
		return entities.find( entityName, id, null, session -> session.get( entityName, id, lockMode ) );
	}

	@Override
	@SuppressWarnings("deprecation")
	public Object get(String entityName, Object id, LockOptions lockOptions) {
		checkOpen();
		return entities.find( entityName, id, null, session -> session.get( entityName, id, lockOptions ) );
	}

	@Override
	public <E> List<E> findMultiple(Class<E> type, List<?> ids, FindOption... options) {
		checkOpen();
		return entities.findMultiple( type, ids, options );
	}

	@Override
	public <E> List<E> findMultiple(EntityGraph<E> graph, List<?> ids, FindOption... options) {
		throw unsupported( "findMultiple(EntityGraph, List, FindOption[])", ENTITY_GRAPHS );
	}

	@Override
	public <T> T getReference(Class<T> type, Object id) {
		checkOpen();
		return entities.getReference( nameOf( type ), id, session -> session.getReference( type, id ),
				session -> session.find( type, id ) );
	}

	@Override
	public Object getReference(String entityName, Object id) {
		checkOpen();
		return entities.getReference( entityName, id, session -> session.getReference( entityName, id ),
				session -> session.find( entityName, id ) );
	}

	@Override
	public <T> T getReference(T entity) {
		checkOpen();
		ShardId shard = requireShard( entity, "getReference" );
		return sessions.call( shard, session -> session.getReference( entity ) );
	}

	// ---- refresh, lock, contains, detach, read-only and other per-entity state

	@Override
	public void refresh(Object entity) {
		checkOpen();
		sessions.run( requireShard( entity, "refresh" ), session -> session.refresh( entity ) );
	}

	@Override
	public void refresh(Object entity, RefreshOption... options) {
		checkOpen();
		sessions.run( requireShard( entity, "refresh" ), session -> session.refresh( entity, options ) );
	}

	@Override
	@SuppressWarnings("deprecation")
	public void refresh(Object entity, LockOptions lockOptions) {
		checkOpen();
		sessions.run( requireShard( entity, "refresh" ), session -> session.refresh( entity, lockOptions ) );
	}

	@Override
	public void refresh(Object entity, LockModeType lockMode) {
		checkOpen();
		sessions.run( requireShard( entity, "refresh" ), session -> session.refresh( entity, lockMode ) );
	}

	@Override
	public void refresh(Object entity, LockModeType lockMode, Map<String, Object> properties) {
		checkOpen();
		sessions.run( requireShard( entity, "refresh" ), session -> session.refresh( entity, lockMode, properties ) );
	}

	@Override
	public void refresh(Object entity, Map<String, Object> properties) {
		checkOpen();
		sessions.run( requireShard( entity, "refresh" ), session -> session.refresh( entity, properties ) );
	}

	@Override
	public void lock(Object entity, LockMode lockMode) {
		onManaging( entity, "lock", session -> {
			session.lock( entity, lockMode );
			return null;
		} );
	}

	@Override
	public void lock(Object entity, LockMode lockMode, LockOption... options) {
		onManaging( entity, "lock", session -> {
			session.lock( entity, lockMode, options );
			return null;
		} );
	}

	@Override
	@SuppressWarnings("deprecation")
	public void lock(Object entity, LockOptions lockOptions) {
		onManaging( entity, "lock", session -> {
			session.lock( entity, lockOptions );
			return null;
		} );
	}

	@Override
	public void lock(Object entity, LockModeType lockMode) {
		onManaging( entity, "lock", session -> {
			session.lock( entity, lockMode );
			return null;
		} );
	}

	@Override
	public void lock(Object entity, LockModeType lockMode, LockOption... options) {
		onManaging( entity, "lock", session -> {
			session.lock( entity, lockMode, options );
			return null;
		} );
	}

	@Override
	public void lock(Object entity, LockModeType lockMode, Map<String, Object> properties) {
		onManaging( entity, "lock", session -> {
			session.lock( entity, lockMode, properties );
			return null;
		} );
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
	public boolean contains(Object entity) {
		checkOpen();
		sessions.placement().sharding( entity ); // throws IllegalArgumentException for a non-entity, as JPA asks
		return sessions.shardManaging( entity ) != null;
	}

	@Override
	public boolean contains(String entityName, Object entity) {
		checkOpen();
		ShardId shard = sessions.shardManaging( entity );
		return shard != null && sessions.openSessionOrNull( shard ).contains( entityName, entity );
	}

	@Override
	public void detach(Object entity) {
		checkOpen();
		ShardId shard = sessions.shardManaging( entity );
		if ( shard != null ) {
			sessions.run( shard, session -> session.detach( entity ) );
		}
		sessions.placement().forget( entity );
	}

	@Override
	public void evict(Object entity) {
		detach( entity );
	}

	@Override
	public void setReadOnly(Object entity, boolean readOnly) {
		onManaging( entity, "setReadOnly", session -> {
			session.setReadOnly( entity, readOnly );
			return null;
		} );
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
	public String getEntityName(Object entity) {
		checkOpen();
		ShardId shard = sessions.shardManaging( entity );
		if ( shard != null ) {
			return sessions.openSessionOrNull( shard ).getEntityName( entity );
		}
		return sessions.placement().sharding( entity ).entityName();
	}

	// ---- the persistence context as a whole

	@Override
	public void flush() {
		write( () -> {
			sessions.forEachOpen( (shard, session) -> session.flush() );
			return null;
		} );
	}

	@Override
	public boolean isDirty() {
		checkOpen();
		for ( ShardId shard : sessions.openShards() ) {
			if ( sessions.call( shard, Session::isDirty ) ) {
				return true;
			}
		}
		return false;
	}

	@Override
	public void clear() {
		checkOpen();
		sessions.forEachOpen( (shard, session) -> session.clear() );
		sessions.placement().clear();
	}

	@Override
	public void close() {
		if ( !open ) {
			throw new IllegalStateException( "Session/EntityManager is closed" );
		}
		open = false;
		queries.close();
		sessions.close();
	}

	@Override
	public boolean isOpen() {
		return open;
	}

	@Override
	public boolean isConnected() {
		return open;
	}

	@Override
	public Collection<?> getManagedEntities() {
		checkOpen();
		List<Object> all = new ArrayList<>();
		sessions.forEachOpen( (shard, session) -> all.addAll( session.getManagedEntities() ) );
		return all;
	}

	@Override
	public Collection<?> getManagedEntities(String entityName) {
		checkOpen();
		List<Object> all = new ArrayList<>();
		sessions.forEachOpen( (shard, session) -> all.addAll( session.getManagedEntities( entityName ) ) );
		return all;
	}

	@Override
	public <E> Collection<E> getManagedEntities(Class<E> type) {
		checkOpen();
		List<E> all = new ArrayList<>();
		sessions.forEachOpen( (shard, session) -> all.addAll( session.getManagedEntities( type ) ) );
		return all;
	}

	@Override
	public <E> Collection<E> getManagedEntities(EntityType<E> type) {
		return getManagedEntities( type.getJavaType() );
	}

	// ---- settings that every shard session gets

	@Override
	public void setHibernateFlushMode(FlushMode flushMode) {
		checkOpen();
		sessions.settings().flushMode = flushMode;
		sessions.forEachOpen( (shard, session) -> session.setHibernateFlushMode( flushMode ) );
	}

	@Override
	public FlushMode getHibernateFlushMode() {
		checkOpen();
		FlushMode mode = sessions.settings().flushMode;
		return mode != null ? mode : factory.firstSessionFactory().getSessionFactoryOptions().getInitialSessionFlushMode();
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
		checkOpen();
		sessions.settings().cacheMode = cacheMode;
		sessions.forEachOpen( (shard, session) -> session.setCacheMode( cacheMode ) );
	}

	@Override
	public CacheMode getCacheMode() {
		checkOpen();
		CacheMode mode = sessions.settings().cacheMode;
		return mode != null ? mode : CacheMode.NORMAL;
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
		checkOpen();
		sessions.settings().defaultReadOnly = readOnly;
		sessions.forEachOpen( (shard, session) -> session.setDefaultReadOnly( readOnly ) );
	}

	@Override
	public boolean isDefaultReadOnly() {
		checkOpen();
		return Boolean.TRUE.equals( sessions.settings().defaultReadOnly );
	}

	@Override
	public void setJdbcBatchSize(Integer size) {
		checkOpen();
		sessions.settings().jdbcBatchSize = size;
		sessions.forEachOpen( (shard, session) -> session.setJdbcBatchSize( size ) );
	}

	@Override
	public Integer getJdbcBatchSize() {
		checkOpen();
		return sessions.settings().jdbcBatchSize;
	}

	@Override
	public void setFetchBatchSize(int size) {
		checkOpen();
		sessions.settings().fetchBatchSize = size;
		sessions.forEachOpen( (shard, session) -> session.setFetchBatchSize( size ) );
	}

	@Override
	public int getFetchBatchSize() {
		checkOpen();
		Integer size = sessions.settings().fetchBatchSize;
		return size != null ? size : factory.firstSessionFactory().getSessionFactoryOptions().getDefaultBatchFetchSize();
	}

	@Override
	public void setSubselectFetchingEnabled(boolean enabled) {
		checkOpen();
		sessions.settings().subselectFetching = enabled;
		sessions.forEachOpen( (shard, session) -> session.setSubselectFetchingEnabled( enabled ) );
	}

	@Override
	public boolean isSubselectFetchingEnabled() {
		checkOpen();
		Boolean enabled = sessions.settings().subselectFetching;
		return enabled != null ? enabled : factory.firstSessionFactory().getSessionFactoryOptions().isSubselectFetchEnabled();
	}

	@Override
	public void enableFetchProfile(String name) {
		checkOpen();
		if ( !factory.firstSessionFactory().containsFetchProfileDefinition( name ) ) {
			throw new org.hibernate.UnknownProfileException( name );
		}
		sessions.settings().fetchProfiles.add( name );
		sessions.forEachOpen( (shard, session) -> session.enableFetchProfile( name ) );
	}

	@Override
	public void disableFetchProfile(String name) {
		checkOpen();
		sessions.settings().fetchProfiles.remove( name );
		sessions.forEachOpen( (shard, session) -> session.disableFetchProfile( name ) );
	}

	@Override
	public boolean isFetchProfileEnabled(String name) {
		checkOpen();
		return sessions.settings().fetchProfiles.contains( name );
	}

	@Override
	public void setProperty(String name, Object value) {
		checkOpen();
		sessions.settings().properties.put( name, value );
		sessions.forEachOpen( (shard, session) -> session.setProperty( name, value ) );
	}

	@Override
	public Map<String, Object> getProperties() {
		checkOpen();
		Map<String, Object> properties = new LinkedHashMap<>( factory.getProperties() );
		properties.putAll( sessions.settings().properties );
		return properties;
	}

	@Override
	public void addEventListeners(SessionEventListener... added) {
		checkOpen();
		sessions.forEachOpen( (shard, session) -> session.addEventListeners( added ) );
		sessions.settings().listeners.addAll( List.of( added ) );
	}

	// ---- transactions and work

	@Override
	public Transaction getTransaction() {
		checkOpen();
		return transaction;
	}

	@Override
	public Transaction beginTransaction() {
		checkOpen();
		transaction.begin();
		return transaction;
	}

	@Override
	public boolean isJoinedToTransaction() {
		return open && transaction.isActive();
	}

	/** Runs the work once per physical shard that holds virtual shards, in shard order, each with its shard's connection. */
	@Override
	public void doWork(Work work) {
		checkOpen();
		for ( ShardId shard : factory.router().map().activeShards() ) {
			sessions.run( shard, session -> session.doWork( work ) );
		}
	}

	@Override
	public void cancelQuery() {
		checkOpen();
		sessions.forEachOpen( (shard, session) -> session.cancelQuery() );
	}

	// ---- queries: planned, routed and merged by ShardedQueryImpl

	@Override
	public <R> Query<R> createQuery(String hql, Class<R> resultType) {
		checkOpen();
		return queries.create( session -> session.createQuery( hql, resultType ), resultType );
	}

	@Override
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public Query createQuery(String hql) {
		checkOpen();
		return queries.create( session -> (Query<Object>) session.createQuery( hql ), null );
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
	public <R> SelectionQuery<R> createSelectionQuery(String hql, EntityGraph<R> graph) {
		throw unsupported( "createSelectionQuery(String, EntityGraph)", ENTITY_GRAPHS );
	}

	@Override
	public <R> Query<R> createQuery(CriteriaQuery<R> criteria) {
		checkOpen();
		return queries.create( session -> session.createQuery( criteria ), criteria.getResultType() );
	}

	@Override
	public <R> SelectionQuery<R> createSelectionQuery(CriteriaQuery<R> criteria) {
		return createQuery( criteria );
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> Query<T> createQuery(CriteriaSelect<T> criteria) {
		checkOpen();
		return queries.create( session -> (Query<T>) session.createQuery( criteria ), null );
	}

	@Override
	public <R> Query<R> createQuery(TypedQueryReference<R> reference) {
		checkOpen();
		@SuppressWarnings("unchecked")
		Class<R> type = (Class<R>) reference.getResultType();
		return queries.create( session -> session.createQuery( reference ), type );
	}

	@Override
	public <R> Query<R> createNamedQuery(String name, Class<R> resultType) {
		checkOpen();
		return queries.create( session -> session.createNamedQuery( name, resultType ), resultType );
	}

	@Override
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public Query createNamedQuery(String name) {
		checkOpen();
		return queries.create( session -> (Query<Object>) session.createNamedQuery( name ), null );
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
		checkOpen();
		return queries.create( session -> (Query<Object>) session.createQuery( update ), null );
	}

	@Override
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public MutationQuery createMutationQuery(CriteriaDelete delete) {
		checkOpen();
		return queries.create( session -> (Query<Object>) session.createQuery( delete ), null );
	}

	@Override
	@SuppressWarnings("rawtypes")
	public MutationQuery createMutationQuery(JpaCriteriaInsert insert) {
		throw unsupported( "createMutationQuery(JpaCriteriaInsert)", "INSERT statements cannot choose a shard per row; persist entities" );
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

	// ---- factory-level views

	@Override
	public HibernateCriteriaBuilder getCriteriaBuilder() {
		checkOpen();
		return factory.getCriteriaBuilder();
	}

	@Override
	public Metamodel getMetamodel() {
		checkOpen();
		return factory.getMetamodel();
	}

	@Override
	public SessionFactory getSessionFactory() {
		return factory;
	}

	@Override
	public SessionFactory getFactory() {
		return factory;
	}

	@Override
	public SessionFactory getEntityManagerFactory() {
		checkOpen();
		return factory;
	}

	@Override
	public Object getDelegate() {
		return this;
	}

	@Override
	public <T> T unwrap(Class<T> type) {
		if ( type.isInstance( this ) ) {
			return type.cast( this );
		}
		throw new jakarta.persistence.PersistenceException( "A ShardedSession cannot be unwrapped to " + type.getName()
				+ ": it spans several shard sessions" );
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
