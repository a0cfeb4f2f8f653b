package org.hibernate.shards.internal.session;

import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.internal.failure.Refusals;

/**
 * The {@link org.hibernate.Session} methods a sharded session refuses, each with what to use instead: native SQL and
 * stored procedures that name no shard with {@link org.hibernate.shards.ShardedQueryException}, the others with
 * {@link UnsupportedOperationException}.
 * Kept apart from {@link ShardedSessionImpl} so that the façade holds only what it honours; a method that
 * cannot be honoured across shards throws here instead of silently doing something else.
 */
abstract class UnsupportedSessionOperations implements ShardedSession {
	static final String PROCEDURES = "stored procedures cannot be planned across shards; call one on the shard that should run it, "
			+ "with createNativeQuery(ShardId, \"call procedure(…)\"), in this session's transaction";
	static final String BY_ID = "use find(Class, id) or findMultiple(Class, ids), which route by id";
	static final String BY_NATURAL_ID = "use find(Class, naturalId, KeyType.NATURAL), which routes when the natural id is the shard key";
	static final String REPLICATE = "replicate is deprecated in Hibernate; use merge";
	static final String FILTERS = "filters are not propagated to shard sessions; enable them on a session of each shard's factory";
	static final String SHARED_SESSIONS = "open sharded sessions with ShardedSessionFactory.openSession(); stateless sessions are not sharded";
	static final String CONNECTION = "a sharded session has one connection per shard, not one; use doWork(Work), which runs once per shard";
	static final String STATISTICS = "statistics are kept per shard; use getSessionFactories().get(shardId).getStatistics()";
	static final String LOBS = "create LOBs on a session of the shard's factory";
	static final String JTA = "JTA is not supported; use getTransaction(), whose commit spans the shards the session touched";
	static final String LOAD = "load(Object, Object) is deprecated in Hibernate; use find";

	static UnsupportedOperationException unsupported(String method, String instead) {
		return Refusals.unsupported( "ShardedSession", method, instead );
	}

	private static org.hibernate.shards.ShardedQueryException procedures(String method) {
		return new org.hibernate.shards.ShardedQueryException( "ShardedSession." + method + ": " + PROCEDURES );
	}

	@Override
	public <T> org.hibernate.IdentifierLoadAccess<T> byId(Class<T> entityClass) {
		throw unsupported( "byId(Class)", BY_ID );
	}

	@Override
	public <T> org.hibernate.IdentifierLoadAccess<T> byId(String entityName) {
		throw unsupported( "byId(String)", BY_ID );
	}

	@Override
	public <T> org.hibernate.MultiIdentifierLoadAccess<T> byMultipleIds(Class<T> entityClass) {
		throw unsupported( "byMultipleIds(Class)", BY_ID );
	}

	@Override
	public <T> org.hibernate.MultiIdentifierLoadAccess<T> byMultipleIds(String entityName) {
		throw unsupported( "byMultipleIds(String)", BY_ID );
	}

	@Override
	public <T> org.hibernate.NaturalIdMultiLoadAccess<T> byMultipleNaturalId(Class<T> entityClass) {
		throw unsupported( "byMultipleNaturalId(Class)", BY_NATURAL_ID );
	}

	@Override
	public <T> org.hibernate.NaturalIdMultiLoadAccess<T> byMultipleNaturalId(String entityName) {
		throw unsupported( "byMultipleNaturalId(String)", BY_NATURAL_ID );
	}

	@Override
	public <T> org.hibernate.NaturalIdLoadAccess<T> byNaturalId(Class<T> entityClass) {
		throw unsupported( "byNaturalId(Class)", BY_NATURAL_ID );
	}

	@Override
	public <T> org.hibernate.NaturalIdLoadAccess<T> byNaturalId(String entityName) {
		throw unsupported( "byNaturalId(String)", BY_NATURAL_ID );
	}

	@Override
	public <T> org.hibernate.SimpleNaturalIdLoadAccess<T> bySimpleNaturalId(Class<T> entityClass) {
		throw unsupported( "bySimpleNaturalId(Class)", BY_NATURAL_ID );
	}

	@Override
	public <T> org.hibernate.SimpleNaturalIdLoadAccess<T> bySimpleNaturalId(String entityName) {
		throw unsupported( "bySimpleNaturalId(String)", BY_NATURAL_ID );
	}

	@Override
	public <C, T> T callWithConnection(jakarta.persistence.ConnectionFunction<C, T> function) {
		throw unsupported( "callWithConnection(ConnectionFunction)", CONNECTION );
	}

	@Override
	public org.hibernate.procedure.ProcedureCall createNamedStoredProcedureQuery(String name) {
		throw procedures( "createNamedStoredProcedureQuery(String)" );
	}

	@Override
	public org.hibernate.query.MutationQuery createNativeMutationQuery(String sqlString) {
		throw NativeQueries.unqualified( "createNativeMutationQuery(String)" );
	}

	@Override
	public org.hibernate.query.NativeQuery createNativeQuery(String sqlString) {
		throw NativeQueries.unqualified( "createNativeQuery(String)" );
	}

	@Override
	public <R> org.hibernate.query.NativeQuery<R> createNativeQuery(String sqlString, Class<R> resultClass) {
		throw NativeQueries.unqualified( "createNativeQuery(String, Class)" );
	}

	@Override
	public <R> org.hibernate.query.NativeQuery<R> createNativeQuery(String sqlString, Class<R> resultClass, String tableAlias) {
		throw NativeQueries.unqualified( "createNativeQuery(String, Class, String)" );
	}

	@Override
	public org.hibernate.query.NativeQuery createNativeQuery(String sqlString, String resultSetMappingName) {
		throw NativeQueries.unqualified( "createNativeQuery(String, String)" );
	}

	@Override
	public <R> org.hibernate.query.NativeQuery<R> createNativeQuery(String sqlString, String resultSetMappingName, Class<R> resultClass) {
		throw NativeQueries.unqualified( "createNativeQuery(String, String, Class)" );
	}

	@Override
	public org.hibernate.procedure.ProcedureCall createStoredProcedureCall(String procedureName) {
		throw procedures( "createStoredProcedureCall(String)" );
	}

	@Override
	public org.hibernate.procedure.ProcedureCall createStoredProcedureCall(String procedureName, Class<?>... resultClasses) {
		throw procedures( "createStoredProcedureCall(String, Class[])" );
	}

	@Override
	public org.hibernate.procedure.ProcedureCall createStoredProcedureCall(String procedureName, String... resultSetMappings) {
		throw procedures( "createStoredProcedureCall(String, String[])" );
	}

	@Override
	public org.hibernate.procedure.ProcedureCall createStoredProcedureQuery(String procedureName) {
		throw procedures( "createStoredProcedureQuery(String)" );
	}

	@Override
	public org.hibernate.procedure.ProcedureCall createStoredProcedureQuery(String procedureName, Class<?>... resultClasses) {
		throw procedures( "createStoredProcedureQuery(String, Class[])" );
	}

	@Override
	public org.hibernate.procedure.ProcedureCall createStoredProcedureQuery(String procedureName, String... resultSetMappings) {
		throw procedures( "createStoredProcedureQuery(String, String[])" );
	}

	@Override
	public void disableFilter(String filterName) {
		throw unsupported( "disableFilter(String)", FILTERS );
	}

	@Override
	public <T> T doReturningWork(org.hibernate.jdbc.ReturningWork<T> work) {
		throw unsupported( "doReturningWork(ReturningWork)", CONNECTION );
	}

	@Override
	public org.hibernate.Filter enableFilter(String filterName) {
		throw unsupported( "enableFilter(String)", FILTERS );
	}

	@Override
	public org.hibernate.Filter getEnabledFilter(String filterName) {
		throw unsupported( "getEnabledFilter(String)", FILTERS );
	}

	@Override
	public org.hibernate.LobHelper getLobHelper() {
		throw unsupported( "getLobHelper()", LOBS );
	}

	@Override
	public org.hibernate.query.NativeQuery getNamedNativeQuery(String queryName) {
		throw NativeQueries.unqualified( "getNamedNativeQuery(String)" );
	}

	@Override
	public org.hibernate.query.NativeQuery getNamedNativeQuery(String queryName, String resultSetMapping) {
		throw NativeQueries.unqualified( "getNamedNativeQuery(String, String)" );
	}

	@Override
	public org.hibernate.procedure.ProcedureCall getNamedProcedureCall(String name) {
		throw procedures( "getNamedProcedureCall(String)" );
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
	public void load(Object object, Object id) {
		throw unsupported( "load(Object, Object)", LOAD );
	}

	@Override
	public void replicate(Object object, org.hibernate.ReplicationMode replicationMode) {
		throw unsupported( "replicate(Object, ReplicationMode)", REPLICATE );
	}

	@Override
	public void replicate(String entityName, Object object, org.hibernate.ReplicationMode replicationMode) {
		throw unsupported( "replicate(String, Object, ReplicationMode)", REPLICATE );
	}

	@Override
	public <C> void runWithConnection(jakarta.persistence.ConnectionConsumer<C> action) {
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

	@Override
	public <R> org.hibernate.query.SelectionQuery<R> createSelectionQuery(String hql, jakarta.persistence.EntityGraph<R> graph) {
		throw unsupported( "createSelectionQuery(String, EntityGraph)", Refusals.QUERY_ENTITY_GRAPHS );
	}

	@Override
	@SuppressWarnings("rawtypes")
	public org.hibernate.query.MutationQuery createMutationQuery(org.hibernate.query.criteria.JpaCriteriaInsert insert) {
		throw unsupported( "createMutationQuery(JpaCriteriaInsert)", "INSERT statements cannot choose a shard per row; persist entities" );
	}
}
