package org.hibernate.shards.internal.session;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.persistence.EntityGraph;
import jakarta.persistence.FindOption;
import org.hibernate.Session;
import org.hibernate.Transaction;
import org.hibernate.jdbc.Work;
import org.hibernate.query.NativeQuery;
import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardedQueryException;
import org.hibernate.shards.ShardingException;
import org.hibernate.shards.internal.graph.EntityGraphCopy;

/**
 * The sharded session: a thin façade holding what is sharding-specific. Entity operations are routed by
 * {@link EntityOperations}, the shard sessions are kept by {@link ShardSessions}, the transaction is
 * {@link ShardedTransactionImpl}, queries are created by {@link SessionQueries}; the overloads that only pass through
 * are in {@link SessionPassThrough}, and the methods that cannot be honoured across shards are refused in
 * {@link UnsupportedSessionOperations}.
 */
public final class ShardedSessionImpl extends SessionPassThrough {
	private final ShardedSessionRuntime runtime;
	private final ShardSessions sessions;
	private final EntityOperations entities;
	private final ShardedTransactionImpl transaction;
	private final SessionQueries queries;
	private final NativeQueries nativeQueries;
	private boolean open = true;

	public ShardedSessionImpl(ShardedSessionRuntime runtime) {
		this.runtime = runtime;
		this.sessions = new ShardSessions( runtime );
		this.entities = new EntityOperations( sessions );
		this.transaction = new ShardedTransactionImpl( sessions );
		sessions.bind( transaction );
		this.queries = new SessionQueries( this, sessions, transaction );
		this.nativeQueries = new NativeQueries( this, sessions, transaction );
	}

	@Override
	void checkOpen() {
		if ( !open ) {
			throw new IllegalStateException( "Session/EntityManager is closed" );
		}
	}

	@Override
	SessionSettings settings() {
		checkOpen();
		return sessions.settings();
	}

	@Override
	SessionQueries queries() {
		checkOpen();
		return queries;
	}

	@Override
	ShardedSessionRuntime runtime() {
		return runtime;
	}

	/** Runs a write; a sharding failure marks the transaction for rollback, so that nothing half-done is committed. */
	private void write(Runnable operation) {
		write( () -> {
			operation.run();
			return null;
		} );
	}

	private <T> T write(Supplier<T> operation) {
		checkOpen();
		try {
			return operation.get();
		}
		catch (ShardingException e) {
			transaction.markRollbackOnly();
			throw e;
		}
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

	// ---- native SQL: on a named shard, or read on every shard

	@Override
	@SuppressWarnings("deprecation") // the untyped native query of Hibernate, as the application asked for it
	public NativeQuery<?> createNativeQuery(ShardId shard, String sql) {
		checkOpen();
		return nativeQueries.onShard( shard, sql, session -> session.createNativeQuery( sql ) );
	}

	@Override
	public <R> NativeQuery<R> createNativeQuery(ShardId shard, String sql, Class<R> resultType) {
		checkOpen();
		return nativeQueries.onShard( shard, sql, session -> session.createNativeQuery( sql, resultType ) );
	}

	@Override
	public <R> NativeQuery<R> createNamedNativeQuery(ShardId shard, String name, Class<R> resultType) {
		checkOpen();
		return nativeQueries.onShard( shard, name, session -> {
			if ( session.createNamedQuery( name, resultType ) instanceof NativeQuery<R> query ) {
				return query;
			}
			throw new ShardedQueryException( "'" + name + "' is not a named native query; an HQL query is planned across shards: "
					+ "use createNamedQuery(name, resultType)" );
		} );
	}

	@Override
	public <R> List<R> nativeQueryOnEveryShard(String sql, Class<R> resultType, Map<String, ?> parameters) {
		checkOpen();
		return nativeQueries.onEveryShard( sql, resultType, parameters );
	}

	// ---- persist, merge, remove

	@Override
	public void persist(Object entity) {
		write( () -> entities.persist( entity, session -> session.persist( entity ) ) );
	}

	@Override
	public void persist(String entityName, Object entity) {
		write( () -> entities.persist( entity, session -> session.persist( entityName, entity ) ) );
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
	public void remove(Object entity) {
		write( () -> {
			ShardId shard = requireShard( entity, "remove" );
			entities.onShard( shard, session -> {
				session.remove( entity );
				return null;
			} );
			sessions.placement().forget( entity );
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

	@Override
	<T> T onShardOf(Object entity, String operation, Function<Session, T> work) {
		checkOpen();
		return entities.onShard( requireShard( entity, operation ), work );
	}

	@Override
	<T> T onManaging(Object entity, String operation, Function<Session, T> work) {
		checkOpen();
		ShardId shard = entity == null ? null : sessions.shardManaging( entity );
		if ( shard == null ) {
			throw new IllegalArgumentException( "Cannot " + operation + ": the given instance is not managed by this session" );
		}
		return sessions.call( shard, work );
	}

	// ---- find and getReference: by id, routed

	@Override
	<T> T findRouted(Class<?> type, Object id, FindOption[] options, Function<Session, T> find) {
		checkOpen();
		return entities.find( runtime.router().metamodel().of( type ).entityName(), id, options, find );
	}

	@Override
	<T> T findRouted(String entityName, Object id, FindOption[] options, Function<Session, T> find) {
		checkOpen();
		return entities.find( entityName, id, options, find );
	}

	@Override
	public <E> List<E> findMultiple(Class<E> type, List<?> ids, FindOption... options) {
		checkOpen();
		return entities.findMultiple( runtime.router().metamodel().of( type ).entityName(), ids,
				(session, shardIds) -> session.findMultiple( type, shardIds, options ) );
	}

	// ---- entity graphs: made on shard 0's metamodel, rebuilt on the metamodel of the shard an operation routes to

	@Override
	public <T> T find(EntityGraph<T> graph, Object id, FindOption... options) {
		return findRouted( EntityGraphCopy.entityName( graph ), id, options,
				session -> session.find( EntityGraphCopy.onFactory( graph, factoryOf( session ) ), id, options ) );
	}

	@Override
	public <E> List<E> findMultiple(EntityGraph<E> graph, List<?> ids, FindOption... options) {
		checkOpen();
		return entities.findMultiple( EntityGraphCopy.entityName( graph ), ids,
				(session, shardIds) -> session.findMultiple( EntityGraphCopy.onFactory( graph, factoryOf( session ) ), shardIds, options ) );
	}

	@Override
	public <T> T merge(T entity, EntityGraph<? super T> graph) {
		return write( () -> entities.merge( entity,
				session -> session.merge( entity, EntityGraphCopy.onFactory( graph, factoryOf( session ) ) ) ) );
	}

	@Override
	public <T> T getReference(Class<T> type, Object id) {
		checkOpen();
		return entities.getReference( runtime.router().metamodel().of( type ).entityName(), id,
				session -> session.getReference( type, id ), session -> session.find( type, id ) );
	}

	@Override
	public Object getReference(String entityName, Object id) {
		checkOpen();
		return entities.getReference( entityName, id, session -> session.getReference( entityName, id ),
				session -> session.find( entityName, id ) );
	}

	// ---- which shard session manages an instance

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
	public String getEntityName(Object entity) {
		checkOpen();
		ShardId shard = sessions.shardManaging( entity );
		if ( shard != null ) {
			return sessions.openSessionOrNull( shard ).getEntityName( entity );
		}
		return sessions.placement().sharding( entity ).entityName();
	}

	// ---- the persistence context as a whole: every open shard session

	@Override
	public void flush() {
		write( () -> sessions.forEachOpen( (shard, session) -> session.flush() ) );
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
			return; // as in plain Hibernate, closing a closed session does nothing
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
		return managedOnEveryShard( Session::getManagedEntities );
	}

	@Override
	public Collection<?> getManagedEntities(String entityName) {
		return managedOnEveryShard( session -> session.getManagedEntities( entityName ) );
	}

	@Override
	public <E> Collection<E> getManagedEntities(Class<E> type) {
		return managedOnEveryShard( session -> session.getManagedEntities( type ) );
	}

	private <E> Collection<E> managedOnEveryShard(Function<Session, Collection<? extends E>> managed) {
		checkOpen();
		List<E> all = new ArrayList<>();
		sessions.forEachOpen( (shard, session) -> all.addAll( managed.apply( session ) ) );
		return all;
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
		for ( ShardId shard : runtime.router().map().activeShards() ) {
			sessions.run( shard, session -> session.doWork( work ) );
		}
	}

	@Override
	public void cancelQuery() {
		checkOpen();
		sessions.forEachOpen( (shard, session) -> session.cancelQuery() );
	}
}
