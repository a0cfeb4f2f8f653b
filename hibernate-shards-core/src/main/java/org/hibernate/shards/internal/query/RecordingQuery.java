package org.hibernate.shards.internal.query;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import jakarta.persistence.Parameter;
import org.hibernate.query.Query;
import org.hibernate.query.QueryParameter;

/**
 * The pass-through half of a sharded query, kept out of sight. Every setting and parameter binding is applied at once
 * to a template query (created from the same text or criteria on a planning session, so that errors come where
 * Hibernate raises them) and recorded, to be replayed on the query each shard runs. Reads answer from the template.
 * Nothing here knows about shards: {@link ShardedQueryImpl} holds what does.
 *
 * @param <R> the result type
 */
abstract class RecordingQuery<R> implements Query<R> {
	protected final Query<R> template;
	private final List<Consumer<Query<?>>> replay = new ArrayList<>();

	RecordingQuery(Query<R> template) {
		this.template = template;
	}

	private void record(Consumer<Query<?>> operation) {
		replay.add( operation );
	}

	/** Applies every recorded setting and binding to a query created on a shard's session. */
	protected final <Q extends Query<?>> Q replayOn(Q query) {
		replay.forEach( operation -> operation.accept( query ) );
		return query;
	}

	/** The shard query's own parameter object for one of the template's. */
	@SuppressWarnings("unchecked")
	private static <P> QueryParameter<P> parameterOf(Query<?> query, Parameter<P> parameter) {
		if ( parameter.getName() != null ) {
			return (QueryParameter<P>) query.getParameterMetadata().getQueryParameter( parameter.getName() );
		}
		if ( parameter.getPosition() != null ) {
			return (QueryParameter<P>) query.getParameterMetadata().getQueryParameter( parameter.getPosition() );
		}
		return (QueryParameter<P>) parameter;
	}

	@Override
	public Query<R> setTimeout(Integer timeout) {
		template.setTimeout( timeout );
		record( q -> q.setTimeout( timeout ) );
		return this;
	}

	@Override
	public Query<R> setTimeout(int timeout) {
		template.setTimeout( timeout );
		record( q -> q.setTimeout( timeout ) );
		return this;
	}

	@Override
	public Query<R> setTimeout(jakarta.persistence.Timeout timeout) {
		template.setTimeout( timeout );
		record( q -> q.setTimeout( timeout ) );
		return this;
	}

	@Override
	public Integer getTimeout() {
		return template.getTimeout();
	}

	@Override
	public Query<R> addQueryHint(String hint) {
		template.addQueryHint( hint );
		record( q -> q.addQueryHint( hint ) );
		return this;
	}

	@Override
	public Query<R> disableFetchProfile(String profileName) {
		template.disableFetchProfile( profileName );
		record( q -> q.disableFetchProfile( profileName ) );
		return this;
	}

	@Override
	public Query<R> enableFetchProfile(String profileName) {
		template.enableFetchProfile( profileName );
		record( q -> q.enableFetchProfile( profileName ) );
		return this;
	}

	@Override
	public org.hibernate.CacheMode getCacheMode() {
		return template.getCacheMode();
	}

	@Override
	public String getCacheRegion() {
		return template.getCacheRegion();
	}

	@Override
	public jakarta.persistence.CacheRetrieveMode getCacheRetrieveMode() {
		return template.getCacheRetrieveMode();
	}

	@Override
	public jakarta.persistence.CacheStoreMode getCacheStoreMode() {
		return template.getCacheStoreMode();
	}

	@Override
	public String getComment() {
		return template.getComment();
	}

	@Override
	public Integer getFetchSize() {
		return template.getFetchSize();
	}

	@Override
	public jakarta.persistence.FlushModeType getFlushMode() {
		return template.getFlushMode();
	}

	@Override
	public org.hibernate.FlushMode getHibernateFlushMode() {
		return template.getHibernateFlushMode();
	}

	@Override
	public org.hibernate.LockMode getHibernateLockMode() {
		return template.getHibernateLockMode();
	}

	@Override
	public java.util.Map<String, Object> getHints() {
		return template.getHints();
	}

	@Override
	public jakarta.persistence.LockModeType getLockMode() {
		return template.getLockMode();
	}

	@Override
	public org.hibernate.LockOptions getLockOptions() {
		return template.getLockOptions();
	}

	@Override
	public org.hibernate.query.ParameterMetadata getParameterMetadata() {
		return template.getParameterMetadata();
	}

	@Override
	public <T> T getParameterValue(jakarta.persistence.Parameter<T> parameter) {
		return template.getParameterValue( parameter );
	}

	@Override
	public Object getParameterValue(String name) {
		return template.getParameterValue( name );
	}

	@Override
	public Object getParameterValue(int position) {
		return template.getParameterValue( position );
	}

	@Override
	public java.util.Set<jakarta.persistence.Parameter<?>> getParameters() {
		return template.getParameters();
	}

	@Override
	public jakarta.persistence.Parameter<?> getParameter(String name) {
		return template.getParameter( name );
	}

	@Override
	public <T> jakarta.persistence.Parameter<T> getParameter(String name, Class<T> value) {
		return template.getParameter( name, value );
	}

	@Override
	public jakarta.persistence.Parameter<?> getParameter(int position) {
		return template.getParameter( position );
	}

	@Override
	public <T> jakarta.persistence.Parameter<T> getParameter(int position, Class<T> value) {
		return template.getParameter( position, value );
	}

	@Override
	public org.hibernate.query.QueryFlushMode getQueryFlushMode() {
		return template.getQueryFlushMode();
	}

	@Override
	public org.hibernate.query.spi.QueryOptions getQueryOptions() {
		return template.getQueryOptions();
	}

	@Override
	public boolean isBound(jakarta.persistence.Parameter<?> parameter) {
		return template.isBound( parameter );
	}

	@Override
	public boolean isCacheable() {
		return template.isCacheable();
	}

	@Override
	public boolean isQueryPlanCacheable() {
		return template.isQueryPlanCacheable();
	}

	@Override
	public boolean isReadOnly() {
		return template.isReadOnly();
	}

	@Override
	public Query<R> setCacheMode(org.hibernate.CacheMode cacheMode) {
		template.setCacheMode( cacheMode );
		record( q -> q.setCacheMode( cacheMode ) );
		return this;
	}

	@Override
	public Query<R> setCacheRegion(String region) {
		template.setCacheRegion( region );
		record( q -> q.setCacheRegion( region ) );
		return this;
	}

	@Override
	public Query<R> setCacheRetrieveMode(jakarta.persistence.CacheRetrieveMode retrieveMode) {
		template.setCacheRetrieveMode( retrieveMode );
		record( q -> q.setCacheRetrieveMode( retrieveMode ) );
		return this;
	}

	@Override
	public Query<R> setCacheStoreMode(jakarta.persistence.CacheStoreMode storeMode) {
		template.setCacheStoreMode( storeMode );
		record( q -> q.setCacheStoreMode( storeMode ) );
		return this;
	}

	@Override
	public Query<R> setCacheable(boolean cacheable) {
		template.setCacheable( cacheable );
		record( q -> q.setCacheable( cacheable ) );
		return this;
	}

	@Override
	public Query<R> setComment(String comment) {
		template.setComment( comment );
		record( q -> q.setComment( comment ) );
		return this;
	}

	@Override
	public Query<R> setFetchSize(int fetchSize) {
		template.setFetchSize( fetchSize );
		record( q -> q.setFetchSize( fetchSize ) );
		return this;
	}

	@Override
	public Query<R> setFlushMode(jakarta.persistence.FlushModeType flushMode) {
		template.setFlushMode( flushMode );
		record( q -> q.setFlushMode( flushMode ) );
		return this;
	}

	@Override
	public Query<R> setFollowOnLocking(boolean enable) {
		template.setFollowOnLocking( enable );
		record( q -> q.setFollowOnLocking( enable ) );
		return this;
	}

	@Override
	public Query<R> setFollowOnStrategy(org.hibernate.Locking.FollowOn followOn) {
		template.setFollowOnStrategy( followOn );
		record( q -> q.setFollowOnStrategy( followOn ) );
		return this;
	}

	@Override
	public Query<R> setHibernateFlushMode(org.hibernate.FlushMode flushMode) {
		template.setHibernateFlushMode( flushMode );
		record( q -> q.setHibernateFlushMode( flushMode ) );
		return this;
	}

	@Override
	public Query<R> setHibernateLockMode(org.hibernate.LockMode lockMode) {
		template.setHibernateLockMode( lockMode );
		record( q -> q.setHibernateLockMode( lockMode ) );
		return this;
	}

	@Override
	public Query<R> setHint(String hintName, Object value) {
		template.setHint( hintName, value );
		record( q -> q.setHint( hintName, value ) );
		return this;
	}

	@Override
	public Query<R> setLockMode(jakarta.persistence.LockModeType lockModeType) {
		template.setLockMode( lockModeType );
		record( q -> q.setLockMode( lockModeType ) );
		return this;
	}

	@Override
	public Query<R> setLockMode(String alias, org.hibernate.LockMode lockMode) {
		template.setLockMode( alias, lockMode );
		record( q -> q.setLockMode( alias, lockMode ) );
		return this;
	}

	@Override
	public Query<R> setLockOptions(org.hibernate.LockOptions lockOptions) {
		template.setLockOptions( lockOptions );
		record( q -> q.setLockOptions( lockOptions ) );
		return this;
	}

	@Override
	public Query<R> setLockScope(jakarta.persistence.PessimisticLockScope lockScope) {
		template.setLockScope( lockScope );
		record( q -> q.setLockScope( lockScope ) );
		return this;
	}

	@Override
	public Query<R> setLockScope(org.hibernate.Locking.Scope lockScope) {
		template.setLockScope( lockScope );
		record( q -> q.setLockScope( lockScope ) );
		return this;
	}

	@Override
	public <P> Query<R> setParameterList(org.hibernate.query.QueryParameter<P> parameter, java.util.Collection<? extends P> values) {
		template.setParameterList( parameter, values );
		record( q -> q.setParameterList( parameterOf( q, parameter ), values ) );
		return this;
	}

	@Override
	public <P> Query<R> setParameterList(org.hibernate.query.QueryParameter<P> parameter, java.util.Collection<? extends P> values, Class<P> type) {
		template.setParameterList( parameter, values, type );
		record( q -> q.setParameterList( parameterOf( q, parameter ), values, type ) );
		return this;
	}

	@Override
	public <P> Query<R> setParameterList(org.hibernate.query.QueryParameter<P> parameter, java.util.Collection<? extends P> values, jakarta.persistence.metamodel.Type<P> type) {
		template.setParameterList( parameter, values, type );
		record( q -> q.setParameterList( parameterOf( q, parameter ), values, type ) );
		return this;
	}

	@Override
	public <P> Query<R> setParameterList(org.hibernate.query.QueryParameter<P> parameter, P[] values) {
		template.setParameterList( parameter, values );
		record( q -> q.setParameterList( parameterOf( q, parameter ), values ) );
		return this;
	}

	@Override
	public <P> Query<R> setParameterList(org.hibernate.query.QueryParameter<P> parameter, P[] values, Class<P> type) {
		template.setParameterList( parameter, values, type );
		record( q -> q.setParameterList( parameterOf( q, parameter ), values, type ) );
		return this;
	}

	@Override
	public <P> Query<R> setParameterList(org.hibernate.query.QueryParameter<P> parameter, P[] values, jakarta.persistence.metamodel.Type<P> type) {
		template.setParameterList( parameter, values, type );
		record( q -> q.setParameterList( parameterOf( q, parameter ), values, type ) );
		return this;
	}

	@Override
	public Query<R> setParameterList(String name, java.util.Collection values) {
		template.setParameterList( name, values );
		record( q -> q.setParameterList( name, values ) );
		return this;
	}

	@Override
	public <P> Query<R> setParameterList(String name, java.util.Collection<? extends P> values, Class<P> type) {
		template.setParameterList( name, values, type );
		record( q -> q.setParameterList( name, values, type ) );
		return this;
	}

	@Override
	public <P> Query<R> setParameterList(String name, java.util.Collection<? extends P> values, jakarta.persistence.metamodel.Type<P> type) {
		template.setParameterList( name, values, type );
		record( q -> q.setParameterList( name, values, type ) );
		return this;
	}

	@Override
	public Query<R> setParameterList(String name, Object[] values) {
		template.setParameterList( name, values );
		record( q -> q.setParameterList( name, values ) );
		return this;
	}

	@Override
	public <P> Query<R> setParameterList(String name, P[] values, Class<P> type) {
		template.setParameterList( name, values, type );
		record( q -> q.setParameterList( name, values, type ) );
		return this;
	}

	@Override
	public <P> Query<R> setParameterList(String name, P[] values, jakarta.persistence.metamodel.Type<P> type) {
		template.setParameterList( name, values, type );
		record( q -> q.setParameterList( name, values, type ) );
		return this;
	}

	@Override
	public Query<R> setParameterList(int position, java.util.Collection values) {
		template.setParameterList( position, values );
		record( q -> q.setParameterList( position, values ) );
		return this;
	}

	@Override
	public <P> Query<R> setParameterList(int position, java.util.Collection<? extends P> values, Class<P> type) {
		template.setParameterList( position, values, type );
		record( q -> q.setParameterList( position, values, type ) );
		return this;
	}

	@Override
	public <P> Query<R> setParameterList(int position, java.util.Collection<? extends P> values, jakarta.persistence.metamodel.Type<P> type) {
		template.setParameterList( position, values, type );
		record( q -> q.setParameterList( position, values, type ) );
		return this;
	}

	@Override
	public Query<R> setParameterList(int position, Object[] values) {
		template.setParameterList( position, values );
		record( q -> q.setParameterList( position, values ) );
		return this;
	}

	@Override
	public <P> Query<R> setParameterList(int position, P[] values, Class<P> type) {
		template.setParameterList( position, values, type );
		record( q -> q.setParameterList( position, values, type ) );
		return this;
	}

	@Override
	public <P> Query<R> setParameterList(int position, P[] values, jakarta.persistence.metamodel.Type<P> type) {
		template.setParameterList( position, values, type );
		record( q -> q.setParameterList( position, values, type ) );
		return this;
	}

	@Override
	public Query<R> setParameter(jakarta.persistence.Parameter<java.util.Calendar> parameter, java.util.Calendar value, jakarta.persistence.TemporalType temporalType) {
		template.setParameter( parameter, value, temporalType );
		record( q -> q.setParameter( parameterOf( q, parameter ), value, temporalType ) );
		return this;
	}

	@Override
	public Query<R> setParameter(jakarta.persistence.Parameter<java.util.Date> parameter, java.util.Date value, jakarta.persistence.TemporalType temporalType) {
		template.setParameter( parameter, value, temporalType );
		record( q -> q.setParameter( parameterOf( q, parameter ), value, temporalType ) );
		return this;
	}

	@Override
	public <T> Query<R> setParameter(jakarta.persistence.Parameter<T> parameter, T value) {
		template.setParameter( parameter, value );
		record( q -> q.setParameter( parameterOf( q, parameter ), value ) );
		return this;
	}

	@Override
	public <T> Query<R> setParameter(org.hibernate.query.QueryParameter<T> parameter, T value) {
		template.setParameter( parameter, value );
		record( q -> q.setParameter( parameterOf( q, parameter ), value ) );
		return this;
	}

	@Override
	public <P> Query<R> setParameter(org.hibernate.query.QueryParameter<P> parameter, P value, Class<P> type) {
		template.setParameter( parameter, value, type );
		record( q -> q.setParameter( parameterOf( q, parameter ), value, type ) );
		return this;
	}

	@Override
	public <P> Query<R> setParameter(org.hibernate.query.QueryParameter<P> parameter, P value, jakarta.persistence.metamodel.Type<P> type) {
		template.setParameter( parameter, value, type );
		record( q -> q.setParameter( parameterOf( q, parameter ), value, type ) );
		return this;
	}

	@Override
	public Query<R> setParameter(String name, java.util.Calendar value, jakarta.persistence.TemporalType temporalType) {
		template.setParameter( name, value, temporalType );
		record( q -> q.setParameter( name, value, temporalType ) );
		return this;
	}

	@Override
	public Query<R> setParameter(String name, java.util.Date value, jakarta.persistence.TemporalType temporalType) {
		template.setParameter( name, value, temporalType );
		record( q -> q.setParameter( name, value, temporalType ) );
		return this;
	}

	@Override
	public Query<R> setParameter(String name, java.time.Instant value, jakarta.persistence.TemporalType temporalType) {
		template.setParameter( name, value, temporalType );
		record( q -> q.setParameter( name, value, temporalType ) );
		return this;
	}

	@Override
	public Query<R> setParameter(String name, Object value) {
		template.setParameter( name, value );
		record( q -> q.setParameter( name, value ) );
		return this;
	}

	@Override
	public <P> Query<R> setParameter(String name, P value, Class<P> type) {
		template.setParameter( name, value, type );
		record( q -> q.setParameter( name, value, type ) );
		return this;
	}

	@Override
	public <P> Query<R> setParameter(String name, P value, jakarta.persistence.metamodel.Type<P> type) {
		template.setParameter( name, value, type );
		record( q -> q.setParameter( name, value, type ) );
		return this;
	}

	@Override
	public Query<R> setParameter(int position, java.util.Calendar value, jakarta.persistence.TemporalType temporalType) {
		template.setParameter( position, value, temporalType );
		record( q -> q.setParameter( position, value, temporalType ) );
		return this;
	}

	@Override
	public Query<R> setParameter(int position, java.util.Date value, jakarta.persistence.TemporalType temporalType) {
		template.setParameter( position, value, temporalType );
		record( q -> q.setParameter( position, value, temporalType ) );
		return this;
	}

	@Override
	public Query<R> setParameter(int position, java.time.Instant value, jakarta.persistence.TemporalType temporalType) {
		template.setParameter( position, value, temporalType );
		record( q -> q.setParameter( position, value, temporalType ) );
		return this;
	}

	@Override
	public Query<R> setParameter(int position, Object value) {
		template.setParameter( position, value );
		record( q -> q.setParameter( position, value ) );
		return this;
	}

	@Override
	public <P> Query<R> setParameter(int position, P value, Class<P> type) {
		template.setParameter( position, value, type );
		record( q -> q.setParameter( position, value, type ) );
		return this;
	}

	@Override
	public <P> Query<R> setParameter(int position, P value, jakarta.persistence.metamodel.Type<P> type) {
		template.setParameter( position, value, type );
		record( q -> q.setParameter( position, value, type ) );
		return this;
	}

	@Override
	public Query<R> setProperties(java.util.Map map) {
		template.setProperties( map );
		record( q -> q.setProperties( map ) );
		return this;
	}

	@Override
	public Query<R> setProperties(Object bean) {
		template.setProperties( bean );
		record( q -> q.setProperties( bean ) );
		return this;
	}

	@Override
	public Query<R> setQueryFlushMode(org.hibernate.query.QueryFlushMode queryFlushMode) {
		template.setQueryFlushMode( queryFlushMode );
		record( q -> q.setQueryFlushMode( queryFlushMode ) );
		return this;
	}

	@Override
	public Query<R> setQueryPlanCacheable(boolean cacheable) {
		template.setQueryPlanCacheable( cacheable );
		record( q -> q.setQueryPlanCacheable( cacheable ) );
		return this;
	}

	@Override
	public Query<R> setReadOnly(boolean readOnly) {
		template.setReadOnly( readOnly );
		record( q -> q.setReadOnly( readOnly ) );
		return this;
	}
}
