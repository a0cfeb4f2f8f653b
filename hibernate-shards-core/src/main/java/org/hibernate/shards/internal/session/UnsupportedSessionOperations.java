package org.hibernate.shards.internal.session;

import org.hibernate.shards.ShardedSession;

/**
 * The {@link org.hibernate.Session} methods a sharded session refuses, each with what to use instead.
 * Kept apart from {@link ShardedSessionImpl} so that the façade holds only what it honours; a method that
 * cannot be honoured across shards throws here instead of silently doing something else.
 */
abstract class UnsupportedSessionOperations implements ShardedSession {
	static final String QUERIES = "native SQL and stored procedures cannot be planned across shards; run them on a session of "
			+ "one shard's factory, ShardedSessionFactory.getSessionFactories().get(shardId)";
	static final String BY_ID = "use find(Class, id) or findMultiple(Class, ids), which route by id";
	static final String BY_NATURAL_ID = "use find(Class, naturalId, KeyType.NATURAL), which routes when the natural id is the shard key";
	static final String REPLICATE = "replicate is deprecated in Hibernate; use merge";
	static final String FILTERS = "filters are not propagated to shard sessions; enable them on a session of each shard's factory";
	static final String SHARED_SESSIONS = "open sharded sessions with ShardedSessionFactory.openSession(); stateless sessions are not sharded";
	static final String CONNECTION = "a sharded session has one connection per shard, not one; use doWork(Work), which runs once per shard";
	static final String ENTITY_GRAPHS = "entity graphs are not supported across shards";
	static final String STATISTICS = "statistics are kept per shard; use getSessionFactories().get(shardId).getStatistics()";
	static final String LOBS = "create LOBs on a session of the shard's factory";
	static final String JTA = "JTA is not supported; use getTransaction(), whose commit spans the shards the session touched";
	static final String LOAD = "load(Object, Object) is deprecated in Hibernate; use find";

	static UnsupportedOperationException unsupported(String method, String instead) {
		return new UnsupportedOperationException( "ShardedSession." + method + " is not supported: " + instead );
	}

	@Override
	public <T> org.hibernate.IdentifierLoadAccess<T> byId(Class<T> arg0) {
		throw unsupported( "byId(Class)", BY_ID );
	}

	@Override
	public <T> org.hibernate.IdentifierLoadAccess<T> byId(String arg0) {
		throw unsupported( "byId(String)", BY_ID );
	}

	@Override
	public <T> org.hibernate.MultiIdentifierLoadAccess<T> byMultipleIds(Class<T> arg0) {
		throw unsupported( "byMultipleIds(Class)", BY_ID );
	}

	@Override
	public <T> org.hibernate.MultiIdentifierLoadAccess<T> byMultipleIds(String arg0) {
		throw unsupported( "byMultipleIds(String)", BY_ID );
	}

	@Override
	public <T> org.hibernate.NaturalIdMultiLoadAccess<T> byMultipleNaturalId(Class<T> arg0) {
		throw unsupported( "byMultipleNaturalId(Class)", BY_NATURAL_ID );
	}

	@Override
	public <T> org.hibernate.NaturalIdMultiLoadAccess<T> byMultipleNaturalId(String arg0) {
		throw unsupported( "byMultipleNaturalId(String)", BY_NATURAL_ID );
	}

	@Override
	public <T> org.hibernate.NaturalIdLoadAccess<T> byNaturalId(Class<T> arg0) {
		throw unsupported( "byNaturalId(Class)", BY_NATURAL_ID );
	}

	@Override
	public <T> org.hibernate.NaturalIdLoadAccess<T> byNaturalId(String arg0) {
		throw unsupported( "byNaturalId(String)", BY_NATURAL_ID );
	}

	@Override
	public <T> org.hibernate.SimpleNaturalIdLoadAccess<T> bySimpleNaturalId(Class<T> arg0) {
		throw unsupported( "bySimpleNaturalId(Class)", BY_NATURAL_ID );
	}

	@Override
	public <T> org.hibernate.SimpleNaturalIdLoadAccess<T> bySimpleNaturalId(String arg0) {
		throw unsupported( "bySimpleNaturalId(String)", BY_NATURAL_ID );
	}

	@Override
	public <C, T> T callWithConnection(jakarta.persistence.ConnectionFunction<C, T> arg0) {
		throw unsupported( "callWithConnection(ConnectionFunction)", CONNECTION );
	}

	@Override
	public <T> org.hibernate.graph.RootGraph<T> createEntityGraph(Class<T> arg0) {
		throw unsupported( "createEntityGraph(Class)", ENTITY_GRAPHS );
	}

	@Override
	public <T> org.hibernate.graph.RootGraph<T> createEntityGraph(Class<T> arg0, String arg1) {
		throw unsupported( "createEntityGraph(Class, String)", ENTITY_GRAPHS );
	}

	@Override
	public org.hibernate.graph.RootGraph<?> createEntityGraph(String arg0) {
		throw unsupported( "createEntityGraph(String)", ENTITY_GRAPHS );
	}

	@Override
	public org.hibernate.procedure.ProcedureCall createNamedStoredProcedureQuery(String arg0) {
		throw unsupported( "createNamedStoredProcedureQuery(String)", QUERIES );
	}

	@Override
	public org.hibernate.query.MutationQuery createNativeMutationQuery(String arg0) {
		throw unsupported( "createNativeMutationQuery(String)", QUERIES );
	}

	@Override
	public org.hibernate.query.NativeQuery createNativeQuery(String arg0) {
		throw unsupported( "createNativeQuery(String)", QUERIES );
	}

	@Override
	public <R> org.hibernate.query.NativeQuery<R> createNativeQuery(String arg0, Class<R> arg1) {
		throw unsupported( "createNativeQuery(String, Class)", QUERIES );
	}

	@Override
	public <R> org.hibernate.query.NativeQuery<R> createNativeQuery(String arg0, Class<R> arg1, String arg2) {
		throw unsupported( "createNativeQuery(String, Class, String)", QUERIES );
	}

	@Override
	public org.hibernate.query.NativeQuery createNativeQuery(String arg0, String arg1) {
		throw unsupported( "createNativeQuery(String, String)", QUERIES );
	}

	@Override
	public <R> org.hibernate.query.NativeQuery<R> createNativeQuery(String arg0, String arg1, Class<R> arg2) {
		throw unsupported( "createNativeQuery(String, String, Class)", QUERIES );
	}

	@Override
	public org.hibernate.procedure.ProcedureCall createStoredProcedureCall(String arg0) {
		throw unsupported( "createStoredProcedureCall(String)", QUERIES );
	}

	@Override
	public org.hibernate.procedure.ProcedureCall createStoredProcedureCall(String arg0, Class<?>... arg1) {
		throw unsupported( "createStoredProcedureCall(String, Class[])", QUERIES );
	}

	@Override
	public org.hibernate.procedure.ProcedureCall createStoredProcedureCall(String arg0, String... arg1) {
		throw unsupported( "createStoredProcedureCall(String, String[])", QUERIES );
	}

	@Override
	public org.hibernate.procedure.ProcedureCall createStoredProcedureQuery(String arg0) {
		throw unsupported( "createStoredProcedureQuery(String)", QUERIES );
	}

	@Override
	public org.hibernate.procedure.ProcedureCall createStoredProcedureQuery(String arg0, Class<?>... arg1) {
		throw unsupported( "createStoredProcedureQuery(String, Class[])", QUERIES );
	}

	@Override
	public org.hibernate.procedure.ProcedureCall createStoredProcedureQuery(String arg0, String... arg1) {
		throw unsupported( "createStoredProcedureQuery(String, String[])", QUERIES );
	}

	@Override
	public void disableFilter(String arg0) {
		throw unsupported( "disableFilter(String)", FILTERS );
	}

	@Override
	public <T> T doReturningWork(org.hibernate.jdbc.ReturningWork<T> arg0) {
		throw unsupported( "doReturningWork(ReturningWork)", CONNECTION );
	}

	@Override
	public org.hibernate.Filter enableFilter(String arg0) {
		throw unsupported( "enableFilter(String)", FILTERS );
	}

	@Override
	public org.hibernate.Filter getEnabledFilter(String arg0) {
		throw unsupported( "getEnabledFilter(String)", FILTERS );
	}

	@Override
	public <T> java.util.List<jakarta.persistence.EntityGraph<? super T>> getEntityGraphs(Class<T> arg0) {
		throw unsupported( "getEntityGraphs(Class)", ENTITY_GRAPHS );
	}

	@Override
	public org.hibernate.graph.RootGraph<?> getEntityGraph(String arg0) {
		throw unsupported( "getEntityGraph(String)", ENTITY_GRAPHS );
	}

	@Override
	public org.hibernate.LobHelper getLobHelper() {
		throw unsupported( "getLobHelper()", LOBS );
	}

	@Override
	public org.hibernate.query.NativeQuery getNamedNativeQuery(String arg0) {
		throw unsupported( "getNamedNativeQuery(String)", QUERIES );
	}

	@Override
	public org.hibernate.query.NativeQuery getNamedNativeQuery(String arg0, String arg1) {
		throw unsupported( "getNamedNativeQuery(String, String)", QUERIES );
	}

	@Override
	public org.hibernate.procedure.ProcedureCall getNamedProcedureCall(String arg0) {
		throw unsupported( "getNamedProcedureCall(String)", QUERIES );
	}

	@Override
	public org.hibernate.stat.SessionStatistics getStatistics() {
		throw unsupported( "getStatistics()", STATISTICS );
	}

	@Override
	public void joinTransaction() {
		throw unsupported( "joinTransaction()", JTA );
	}

	@Override
	public void load(Object arg0, Object arg1) {
		throw unsupported( "load(Object, Object)", LOAD );
	}

	@Override
	public void replicate(Object arg0, org.hibernate.ReplicationMode arg1) {
		throw unsupported( "replicate(Object, ReplicationMode)", REPLICATE );
	}

	@Override
	public void replicate(String arg0, Object arg1, org.hibernate.ReplicationMode arg2) {
		throw unsupported( "replicate(String, Object, ReplicationMode)", REPLICATE );
	}

	@Override
	public <C> void runWithConnection(jakarta.persistence.ConnectionConsumer<C> arg0) {
		throw unsupported( "runWithConnection(ConnectionConsumer)", CONNECTION );
	}

	@Override
	public org.hibernate.SharedSessionBuilder sessionWithOptions() {
		throw unsupported( "sessionWithOptions()", SHARED_SESSIONS );
	}

	@Override
	public org.hibernate.SharedStatelessSessionBuilder statelessWithOptions() {
		throw unsupported( "statelessWithOptions()", SHARED_SESSIONS );
	}
}
