package org.hibernate.shards.internal.query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import jakarta.persistence.NoResultException;
import jakarta.persistence.NonUniqueResultException;
import jakarta.persistence.Parameter;
import org.hibernate.ScrollMode;
import org.hibernate.ScrollableResults;
import org.hibernate.Session;
import org.hibernate.SharedSessionContract;
import org.hibernate.query.KeyedPage;
import org.hibernate.query.KeyedResultList;
import org.hibernate.query.Query;
import org.hibernate.query.QueryParameter;
import org.hibernate.query.ResultListTransformer;
import org.hibernate.query.TupleTransformer;
import org.hibernate.query.spi.SqmQuery;
import org.hibernate.query.sqm.tree.SqmCopyContext;
import org.hibernate.query.sqm.tree.SqmStatement;
import org.hibernate.query.sqm.tree.select.SqmSelectStatement;
import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardedQueryException;
import org.hibernate.shards.ShardUnavailableException;
import org.hibernate.shards.ShardingException;
import org.hibernate.shards.internal.query.plan.MutationPlan;
import org.hibernate.shards.internal.query.plan.Routing;
import org.hibernate.shards.internal.query.plan.SelectPlan;
import org.hibernate.shards.internal.query.plan.ValueSource;
import org.hibernate.shards.query.PartialResultList;
import org.hibernate.shards.query.ShardedQueryHints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A query of a sharded session. It is a plain Hibernate {@link Query}: settings and parameter bindings are checked at
 * once against a template query on shard 0 (so errors come where Hibernate would raise them) and recorded, to be
 * replayed on the query each shard runs. At execution the plan decides which shards to ask; a query routed to one
 * shard runs there as written, a query over several runs the planner's per-shard statement and its rows are merged.
 *
 * @param <R> the result type
 */
public final class ShardedQueryImpl<R> implements Query<R> {
	private static final Logger LOG = LoggerFactory.getLogger( ShardedQueryImpl.class );
	private static final AtomicBoolean DEEP_PAGING_WARNED = new AtomicBoolean();

	private final QueryContext context;
	private final Query<R> template;
	private final Function<Session, Query<R>> asWritten;
	private final String queryString;
	private final Class<R> resultType;
	private final List<Consumer<Query<?>>> replay = new ArrayList<>();
	private Integer firstResult;
	private Integer maxResults;
	private SelectPlan selectPlan;
	private MutationPlan mutationPlan;
	private boolean partialResults;

	/**
	 * @param template the query created on the planning session, from the same text or criteria
	 * @param asWritten creates the same query on a shard's session
	 */
	public ShardedQueryImpl(QueryContext context, Query<R> template, Function<Session, Query<R>> asWritten, String queryString,
			Class<R> resultType) {
		this.context = context;
		this.template = template;
		this.asWritten = asWritten;
		this.queryString = queryString;
		this.resultType = resultType;
		this.partialResults = context.partialResultsByDefault();
	}

	private void record(Consumer<Query<?>> operation) {
		replay.add( operation );
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

	private SqmStatement<?> statement() {
		if ( !( template instanceof SqmQuery sqm ) ) {
			throw new ShardedQueryException( "Only HQL/JPQL and criteria queries can be sharded" );
		}
		return sqm.getSqmStatement();
	}

	private Object bindingOf(Object parameter) {
		try {
			if ( parameter instanceof String name ) {
				return template.getParameterValue( name );
			}
			if ( parameter instanceof Integer position ) {
				return template.getParameterValue( position );
			}
			return template.getParameterValue( (Parameter<?>) parameter );
		}
		catch (IllegalStateException unbound) {
			return null;
		}
	}

	// ---- planning

	private SelectPlan selectPlan() {
		if ( selectPlan == null ) {
			if ( !( statement() instanceof SqmSelectStatement<?> select ) ) {
				throw new IllegalStateException( "Not a selection query: " + queryString );
			}
			selectPlan = context.selectPlan( select, queryString, resultType );
		}
		return selectPlan;
	}

	/**
	 * The shards a query needs, checked before any is asked: a query over several shards must be mergeable, and every
	 * subquery that reads rows of its own must be routed to the one shard the query runs on.
	 */
	private List<ShardId> targets(Routing routing, String multiShardRefusal, List<SelectPlan.SubqueryRouting> subqueries) {
		ValueSource.Bindings bindings = this::bindingOf;
		List<ShardId> active = context.activeShards();
		Set<ShardId> routed = routing.shards( bindings, context.shardValues() );
		List<ShardId> targets;
		if ( routed == null ) {
			targets = active;
		}
		else if ( routed.isEmpty() ) {
			// No row can match (e.g. key = null): one shard gives the empty answer, or the aggregate over no rows.
			targets = List.of( active.get( 0 ) );
		}
		else {
			targets = active.stream().filter( routed::contains ).toList();
			if ( targets.isEmpty() ) {
				targets = List.of( active.get( 0 ) );
			}
		}
		if ( active.size() > 1 ) {
			for ( SelectPlan.SubqueryRouting subquery : subqueries ) {
				Set<ShardId> needed = subquery.routing().shards( bindings, context.shardValues() );
				if ( targets.size() > 1 || needed == null || !targets.containsAll( needed ) || needed.size() > 1 ) {
					throw new ShardedQueryException( "Refused before any shard was asked: " + subquery.description()
							+ " reads rows that may live on shards other than the one the query runs on ("
							+ ( needed == null ? "it has no condition on a shard key" : "it needs " + needed + ", the query runs on " + targets )
							+ "). Correlate it through an association, restrict it to the same shard key, or run it as a query of its own. Query: "
							+ queryString );
				}
			}
			if ( targets.size() > 1 && multiShardRefusal != null ) {
				throw new ShardedQueryException( "Refused before any shard was asked: " + multiShardRefusal + ". Query: " + queryString );
			}
		}
		if ( LOG.isDebugEnabled() ) {
			LOG.debug( "Query routed to {} ({}): {}", targets, routed == null ? routing.describe() + ": every shard" : routing.describe(), queryString );
		}
		return targets;
	}

	// ---- execution of selections

	@Override
	public List<R> list() {
		SelectPlan plan = selectPlan();
		List<ShardId> targets = targets( plan.routing(), plan.multiShardRefusal(), plan.subqueries() );
		Map<ShardId, RuntimeException> failures = new TreeMap<>();
		if ( targets.size() == 1 ) {
			List<R> rows = onShardOrFailure( targets.get( 0 ), session -> asWrittenOn( session ).list(), failures );
			return partialResults ? new PartialResultList<>( rows == null ? List.of() : rows, failures ) : rows;
		}
		List<List<Object[]>> rows = new ArrayList<>( targets.size() );
		targets.forEach( shard -> rows.add( null ) );
		context.access().apply( targets, shard -> onShardOrFailure( shard, session -> shardQuery( session, plan, false ).list(), failures ),
				(shard, result) -> {
					rows.set( targets.indexOf( shard ), result == null ? List.of() : result );
					return false;
				} );
		List<Iterator<Object[]>> iterators = new ArrayList<>();
		rows.forEach( list -> iterators.add( list.iterator() ) );
		List<R> result = new ArrayList<>();
		merged( plan, iterators ).forEachRemaining( result::add );
		return partialResults ? new PartialResultList<>( result, failures ) : result;
	}

	/**
	 * Runs work on a shard. In partial-results mode a shard that cannot be reached, or whose statement timed out, is
	 * noted as failed and contributes no rows; any other failure (a bad query, a constraint) still fails the query.
	 */
	private <T> T onShardOrFailure(ShardId shard, Function<Session, T> work, Map<ShardId, RuntimeException> failures) {
		try {
			return context.onShard( shard, work );
		}
		catch (ShardUnavailableException | jakarta.persistence.QueryTimeoutException | org.hibernate.QueryTimeoutException e) {
			if ( !partialResults ) {
				throw e;
			}
			LOG.warn( "Partial results: {} did not answer ({}); returning the other shards' rows", shard, e.getMessage() );
			synchronized ( failures ) {
				failures.put( shard, e );
			}
			return null;
		}
	}

	@SuppressWarnings("unchecked")
	private Iterator<R> merged(SelectPlan plan, List<Iterator<Object[]>> shardRows) {
		long offset = offset( plan );
		long limit = limit( plan );
		return (Iterator<R>) MergePipeline.merge( plan.merge(), shardRows, offset, limit, this::bindingOf );
	}

	private long offset(SelectPlan plan) {
		if ( firstResult != null ) {
			return firstResult;
		}
		Object value = plan.merge().offset() == null ? null : plan.merge().offset().value( this::bindingOf );
		return value == null ? 0 : ( (Number) value ).longValue();
	}

	private long limit(SelectPlan plan) {
		if ( maxResults != null ) {
			return maxResults;
		}
		Object value = plan.merge().fetch() == null ? null : plan.merge().fetch().value( this::bindingOf );
		return value == null ? -1 : ( (Number) value ).longValue();
	}

	/** The query as the user wrote it, on one shard's session, with every setting and binding replayed. */
	private Query<R> asWrittenOn(Session session) {
		Query<R> query = asWritten.apply( session );
		replay.forEach( operation -> operation.accept( query ) );
		if ( firstResult != null ) {
			query.setFirstResult( firstResult );
		}
		if ( maxResults != null ) {
			query.setMaxResults( maxResults );
		}
		return query;
	}

	/** The planner's per-shard statement on one shard's session: paging pushed down as offset + limit rows. */
	private Query<Object[]> shardQuery(Session session, SelectPlan plan, boolean streaming) {
		Query<Object[]> query = session.createQuery( plan.shardStatement().copy( SqmCopyContext.noParamCopyContext() ) );
		replay.forEach( operation -> operation.accept( query ) );
		long limit = limit( plan );
		if ( plan.merge().canPushLimit() && limit >= 0 ) {
			long rows = offset( plan ) + limit;
			if ( rows >= context.deepPagingWarningThreshold() && DEEP_PAGING_WARNED.compareAndSet( false, true ) ) {
				LOG.warn( "A query pages {} rows deep, so every shard returns {} rows to merge; prefer keyset paging "
						+ "(where key > :last order by key) for deep pages. Query: {}", rows, rows, queryString );
			}
			query.setFirstResult( 0 );
			query.setMaxResults( (int) Math.min( rows, Integer.MAX_VALUE ) );
		}
		if ( streaming && !plan.merge().entities() && query.getFetchSize() == null ) {
			context.streamFetchSize().ifPresent( query::setFetchSize );
		}
		return query;
	}

	@Override
	public R getSingleResult() {
		Iterator<R> results = firstTwo();
		if ( !results.hasNext() ) {
			throw new NoResultException( "No result for query: " + queryString );
		}
		R result = results.next();
		if ( results.hasNext() ) {
			throw new NonUniqueResultException( "More than one result for query: " + queryString );
		}
		return result;
	}

	@Override
	public R getSingleResultOrNull() {
		Iterator<R> results = firstTwo();
		if ( !results.hasNext() ) {
			return null;
		}
		R result = results.next();
		if ( results.hasNext() ) {
			throw new NonUniqueResultException( "More than one result for query: " + queryString );
		}
		return result;
	}

	/** Enough of the answer to tell none, one or several: as one database would, across all shards. */
	private Iterator<R> firstTwo() {
		Integer wanted = maxResults;
		if ( maxResults == null || maxResults > 2 ) {
			maxResults = 2;
		}
		try {
			List<R> results = list();
			if ( results instanceof PartialResultList<R> partial && !partial.isComplete() ) {
				// Whether there is one result cannot be told without the missing shards.
				throw partial.getFailures().values().iterator().next();
			}
			return results.iterator();
		}
		finally {
			maxResults = wanted;
		}
	}

	@Override
	public R uniqueResult() {
		List<R> results = list();
		if ( results.isEmpty() ) {
			return null;
		}
		R first = results.get( 0 );
		for ( R other : results ) {
			if ( other != first ) {
				throw new org.hibernate.NonUniqueResultException( results.size() );
			}
		}
		return first;
	}

	@Override
	public Optional<R> uniqueResultOptional() {
		return Optional.ofNullable( uniqueResult() );
	}

	@Override
	public Stream<R> getResultStream() {
		return stream();
	}

	/**
	 * A streaming merge: each shard streams its rows and the merge holds one row per shard at a time, so memory does
	 * not grow with the number of rows (aggregate queries hold their groups). Close the stream to release the shards.
	 */
	@Override
	public Stream<R> stream() {
		SelectPlan plan = selectPlan();
		List<ShardId> targets = targets( plan.routing(), plan.multiShardRefusal(), plan.subqueries() );
		if ( targets.size() == 1 ) {
			return context.onShard( targets.get( 0 ), session -> asWrittenOn( session ).getResultStream() );
		}
		List<Stream<Object[]>> streams = new ArrayList<>();
		try {
			for ( ShardId shard : targets ) {
				streams.add( context.onShard( shard, session -> shardQuery( session, plan, true ).getResultStream() ) );
			}
		}
		catch (RuntimeException e) {
			streams.forEach( Stream::close );
			throw e;
		}
		List<Iterator<Object[]>> iterators = new ArrayList<>();
		streams.forEach( stream -> iterators.add( stream.iterator() ) );
		Iterator<R> merged = merged( plan, iterators );
		return StreamSupport.stream( Spliterators.spliteratorUnknownSize( merged, Spliterator.ORDERED ), false )
				.onClose( () -> streams.forEach( Stream::close ) );
	}

	@Override
	public long getResultCount() {
		throw unsupported( "getResultCount()", "select count(…) with the same conditions" );
	}

	@Override
	public ScrollableResults<R> scroll() {
		throw unsupported( "scroll()", "use getResultStream(), which merges the shards as a stream" );
	}

	@Override
	public ScrollableResults<R> scroll(ScrollMode scrollMode) {
		throw unsupported( "scroll(ScrollMode)", "use getResultStream(), which merges the shards as a stream" );
	}

	@Override
	public KeyedResultList<R> getKeyedResultList(KeyedPage<R> page) {
		throw unsupported( "getKeyedResultList(KeyedPage)", "page with where key > :last order by key and setMaxResults" );
	}

	// ---- execution of updates and deletes

	@Override
	public int executeUpdate() {
		if ( mutationPlan == null ) {
			SqmStatement<?> statement = statement();
			if ( statement instanceof SqmSelectStatement<?> ) {
				throw new IllegalStateException( "Not a mutation query: " + queryString );
			}
			mutationPlan = context.mutationPlan( statement, queryString );
		}
		try {
			List<ShardId> targets = targets( mutationPlan.routing(), mutationPlan.multiShardRefusal(), mutationPlan.subqueries() );
			int[] total = new int[1];
			context.access().apply( targets, shard -> context.onShard( shard, session -> asWrittenOn( session ).executeUpdate() ),
					(shard, count) -> {
						total[0] += count;
						return false;
					} );
			return total[0];
		}
		catch (ShardingException e) {
			context.markRollbackOnly();
			throw e;
		}
	}

	// ---- paging, kept here: the shards get offset + limit, the merge skips the offset

	@Override
	public Query<R> setFirstResult(int startPosition) {
		template.setFirstResult( startPosition );
		firstResult = startPosition;
		return this;
	}

	@Override
	public Query<R> setMaxResults(int maxResult) {
		template.setMaxResults( maxResult );
		maxResults = maxResult;
		return this;
	}

	@Override
	public int getFirstResult() {
		return firstResult == null ? 0 : firstResult;
	}

	@Override
	public int getMaxResults() {
		return maxResults == null ? Integer.MAX_VALUE : maxResults;
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

	// ---- the rest of the contract

	@Override
	public SharedSessionContract getSession() {
		return context.session();
	}

	@Override
	public String getQueryString() {
		return queryString;
	}

	@Override
	public <T> T unwrap(Class<T> type) {
		if ( type.isInstance( this ) ) {
			return type.cast( this );
		}
		throw new jakarta.persistence.PersistenceException( "A sharded query cannot be unwrapped to " + type.getName() );
	}

	@Override
	public Query<R> setEntityGraph(jakarta.persistence.EntityGraph<? super R> graph, org.hibernate.graph.GraphSemantic semantic) {
		throw unsupported( "setEntityGraph(EntityGraph, GraphSemantic)", "entity graphs are not supported across shards" );
	}

	@Override
	public Query<R> applyGraph(@SuppressWarnings("rawtypes") org.hibernate.graph.RootGraph graph, org.hibernate.graph.GraphSemantic semantic) {
		throw unsupported( "applyGraph(RootGraph, GraphSemantic)", "entity graphs are not supported across shards" );
	}

	@Override
	public Query<R> setResultListTransformer(ResultListTransformer<R> transformer) {
		throw unsupported( "setResultListTransformer(ResultListTransformer)", "transform the merged list yourself" );
	}

	@Override
	public <T> Query<T> setTupleTransformer(TupleTransformer<T> transformer) {
		throw unsupported( "setTupleTransformer(TupleTransformer)", "select new … or a record result type" );
	}

	private static UnsupportedOperationException unsupported(String method, String instead) {
		return new UnsupportedOperationException( "Query." + method + " is not supported on a sharded query: use " + instead );
	}

	@Override
	public org.hibernate.query.Query<R> addQueryHint(String arg0) {
		template.addQueryHint( arg0 );
		record( q -> q.addQueryHint( arg0 ) );
		return this;
	}

	@Override
	public org.hibernate.query.Query<R> disableFetchProfile(String arg0) {
		template.disableFetchProfile( arg0 );
		record( q -> q.disableFetchProfile( arg0 ) );
		return this;
	}

	@Override
	public org.hibernate.query.Query<R> enableFetchProfile(String arg0) {
		template.enableFetchProfile( arg0 );
		record( q -> q.enableFetchProfile( arg0 ) );
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
	public <T> T getParameterValue(jakarta.persistence.Parameter<T> arg0) {
		return template.getParameterValue( arg0 );
	}

	@Override
	public Object getParameterValue(String arg0) {
		return template.getParameterValue( arg0 );
	}

	@Override
	public Object getParameterValue(int arg0) {
		return template.getParameterValue( arg0 );
	}

	@Override
	public java.util.Set<jakarta.persistence.Parameter<?>> getParameters() {
		return template.getParameters();
	}

	@Override
	public jakarta.persistence.Parameter<?> getParameter(String arg0) {
		return template.getParameter( arg0 );
	}

	@Override
	public <T> jakarta.persistence.Parameter<T> getParameter(String arg0, Class<T> arg1) {
		return template.getParameter( arg0, arg1 );
	}

	@Override
	public jakarta.persistence.Parameter<?> getParameter(int arg0) {
		return template.getParameter( arg0 );
	}

	@Override
	public <T> jakarta.persistence.Parameter<T> getParameter(int arg0, Class<T> arg1) {
		return template.getParameter( arg0, arg1 );
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
	public boolean isBound(jakarta.persistence.Parameter<?> arg0) {
		return template.isBound( arg0 );
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
	public org.hibernate.query.Query<R> setCacheMode(org.hibernate.CacheMode arg0) {
		template.setCacheMode( arg0 );
		record( q -> q.setCacheMode( arg0 ) );
		return this;
	}

	@Override
	public org.hibernate.query.Query<R> setCacheRegion(String arg0) {
		template.setCacheRegion( arg0 );
		record( q -> q.setCacheRegion( arg0 ) );
		return this;
	}

	@Override
	public org.hibernate.query.Query<R> setCacheRetrieveMode(jakarta.persistence.CacheRetrieveMode arg0) {
		template.setCacheRetrieveMode( arg0 );
		record( q -> q.setCacheRetrieveMode( arg0 ) );
		return this;
	}

	@Override
	public org.hibernate.query.Query<R> setCacheStoreMode(jakarta.persistence.CacheStoreMode arg0) {
		template.setCacheStoreMode( arg0 );
		record( q -> q.setCacheStoreMode( arg0 ) );
		return this;
	}

	@Override
	public org.hibernate.query.Query<R> setCacheable(boolean arg0) {
		template.setCacheable( arg0 );
		record( q -> q.setCacheable( arg0 ) );
		return this;
	}

	@Override
	public org.hibernate.query.Query<R> setComment(String arg0) {
		template.setComment( arg0 );
		record( q -> q.setComment( arg0 ) );
		return this;
	}

	@Override
	public org.hibernate.query.Query<R> setFetchSize(int arg0) {
		template.setFetchSize( arg0 );
		record( q -> q.setFetchSize( arg0 ) );
		return this;
	}

	@Override
	public org.hibernate.query.Query<R> setFlushMode(jakarta.persistence.FlushModeType arg0) {
		template.setFlushMode( arg0 );
		record( q -> q.setFlushMode( arg0 ) );
		return this;
	}

	@Override
	public org.hibernate.query.Query<R> setFollowOnLocking(boolean arg0) {
		template.setFollowOnLocking( arg0 );
		record( q -> q.setFollowOnLocking( arg0 ) );
		return this;
	}

	@Override
	public org.hibernate.query.Query<R> setFollowOnStrategy(org.hibernate.Locking.FollowOn arg0) {
		template.setFollowOnStrategy( arg0 );
		record( q -> q.setFollowOnStrategy( arg0 ) );
		return this;
	}

	@Override
	public org.hibernate.query.Query<R> setHibernateFlushMode(org.hibernate.FlushMode arg0) {
		template.setHibernateFlushMode( arg0 );
		record( q -> q.setHibernateFlushMode( arg0 ) );
		return this;
	}

	@Override
	public org.hibernate.query.Query<R> setHibernateLockMode(org.hibernate.LockMode arg0) {
		template.setHibernateLockMode( arg0 );
		record( q -> q.setHibernateLockMode( arg0 ) );
		return this;
	}

	@Override
	public org.hibernate.query.Query<R> setHint(String arg0, Object arg1) {
		if ( ShardedQueryHints.PARTIAL_RESULTS.equals( arg0 ) ) {
			partialResults = Boolean.parseBoolean( String.valueOf( arg1 ) );
			return this;
		}
		template.setHint( arg0, arg1 );
		record( q -> q.setHint( arg0, arg1 ) );
		return this;
	}

	@Override
	public org.hibernate.query.Query<R> setLockMode(jakarta.persistence.LockModeType arg0) {
		template.setLockMode( arg0 );
		record( q -> q.setLockMode( arg0 ) );
		return this;
	}

	@Override
	public org.hibernate.query.Query<R> setLockMode(String arg0, org.hibernate.LockMode arg1) {
		template.setLockMode( arg0, arg1 );
		record( q -> q.setLockMode( arg0, arg1 ) );
		return this;
	}

	@Override
	public org.hibernate.query.Query<R> setLockOptions(org.hibernate.LockOptions arg0) {
		template.setLockOptions( arg0 );
		record( q -> q.setLockOptions( arg0 ) );
		return this;
	}

	@Override
	public org.hibernate.query.Query<R> setLockScope(jakarta.persistence.PessimisticLockScope arg0) {
		template.setLockScope( arg0 );
		record( q -> q.setLockScope( arg0 ) );
		return this;
	}

	@Override
	public org.hibernate.query.Query<R> setLockScope(org.hibernate.Locking.Scope arg0) {
		template.setLockScope( arg0 );
		record( q -> q.setLockScope( arg0 ) );
		return this;
	}

	@Override
	public <P> org.hibernate.query.Query<R> setParameterList(org.hibernate.query.QueryParameter<P> arg0, java.util.Collection<? extends P> arg1) {
		template.setParameterList( arg0, arg1 );
		record( q -> q.setParameterList( parameterOf( q, arg0 ), arg1 ) );
		return this;
	}

	@Override
	public <P> org.hibernate.query.Query<R> setParameterList(org.hibernate.query.QueryParameter<P> arg0, java.util.Collection<? extends P> arg1, Class<P> arg2) {
		template.setParameterList( arg0, arg1, arg2 );
		record( q -> q.setParameterList( parameterOf( q, arg0 ), arg1, arg2 ) );
		return this;
	}

	@Override
	public <P> org.hibernate.query.Query<R> setParameterList(org.hibernate.query.QueryParameter<P> arg0, java.util.Collection<? extends P> arg1, jakarta.persistence.metamodel.Type<P> arg2) {
		template.setParameterList( arg0, arg1, arg2 );
		record( q -> q.setParameterList( parameterOf( q, arg0 ), arg1, arg2 ) );
		return this;
	}

	@Override
	public <P> org.hibernate.query.Query<R> setParameterList(org.hibernate.query.QueryParameter<P> arg0, P[] arg1) {
		template.setParameterList( arg0, arg1 );
		record( q -> q.setParameterList( parameterOf( q, arg0 ), arg1 ) );
		return this;
	}

	@Override
	public <P> org.hibernate.query.Query<R> setParameterList(org.hibernate.query.QueryParameter<P> arg0, P[] arg1, Class<P> arg2) {
		template.setParameterList( arg0, arg1, arg2 );
		record( q -> q.setParameterList( parameterOf( q, arg0 ), arg1, arg2 ) );
		return this;
	}

	@Override
	public <P> org.hibernate.query.Query<R> setParameterList(org.hibernate.query.QueryParameter<P> arg0, P[] arg1, jakarta.persistence.metamodel.Type<P> arg2) {
		template.setParameterList( arg0, arg1, arg2 );
		record( q -> q.setParameterList( parameterOf( q, arg0 ), arg1, arg2 ) );
		return this;
	}

	@Override
	public org.hibernate.query.Query<R> setParameterList(String arg0, java.util.Collection arg1) {
		template.setParameterList( arg0, arg1 );
		record( q -> q.setParameterList( arg0, arg1 ) );
		return this;
	}

	@Override
	public <P> org.hibernate.query.Query<R> setParameterList(String arg0, java.util.Collection<? extends P> arg1, Class<P> arg2) {
		template.setParameterList( arg0, arg1, arg2 );
		record( q -> q.setParameterList( arg0, arg1, arg2 ) );
		return this;
	}

	@Override
	public <P> org.hibernate.query.Query<R> setParameterList(String arg0, java.util.Collection<? extends P> arg1, jakarta.persistence.metamodel.Type<P> arg2) {
		template.setParameterList( arg0, arg1, arg2 );
		record( q -> q.setParameterList( arg0, arg1, arg2 ) );
		return this;
	}

	@Override
	public org.hibernate.query.Query<R> setParameterList(String arg0, Object[] arg1) {
		template.setParameterList( arg0, arg1 );
		record( q -> q.setParameterList( arg0, arg1 ) );
		return this;
	}

	@Override
	public <P> org.hibernate.query.Query<R> setParameterList(String arg0, P[] arg1, Class<P> arg2) {
		template.setParameterList( arg0, arg1, arg2 );
		record( q -> q.setParameterList( arg0, arg1, arg2 ) );
		return this;
	}

	@Override
	public <P> org.hibernate.query.Query<R> setParameterList(String arg0, P[] arg1, jakarta.persistence.metamodel.Type<P> arg2) {
		template.setParameterList( arg0, arg1, arg2 );
		record( q -> q.setParameterList( arg0, arg1, arg2 ) );
		return this;
	}

	@Override
	public org.hibernate.query.Query<R> setParameterList(int arg0, java.util.Collection arg1) {
		template.setParameterList( arg0, arg1 );
		record( q -> q.setParameterList( arg0, arg1 ) );
		return this;
	}

	@Override
	public <P> org.hibernate.query.Query<R> setParameterList(int arg0, java.util.Collection<? extends P> arg1, Class<P> arg2) {
		template.setParameterList( arg0, arg1, arg2 );
		record( q -> q.setParameterList( arg0, arg1, arg2 ) );
		return this;
	}

	@Override
	public <P> org.hibernate.query.Query<R> setParameterList(int arg0, java.util.Collection<? extends P> arg1, jakarta.persistence.metamodel.Type<P> arg2) {
		template.setParameterList( arg0, arg1, arg2 );
		record( q -> q.setParameterList( arg0, arg1, arg2 ) );
		return this;
	}

	@Override
	public org.hibernate.query.Query<R> setParameterList(int arg0, Object[] arg1) {
		template.setParameterList( arg0, arg1 );
		record( q -> q.setParameterList( arg0, arg1 ) );
		return this;
	}

	@Override
	public <P> org.hibernate.query.Query<R> setParameterList(int arg0, P[] arg1, Class<P> arg2) {
		template.setParameterList( arg0, arg1, arg2 );
		record( q -> q.setParameterList( arg0, arg1, arg2 ) );
		return this;
	}

	@Override
	public <P> org.hibernate.query.Query<R> setParameterList(int arg0, P[] arg1, jakarta.persistence.metamodel.Type<P> arg2) {
		template.setParameterList( arg0, arg1, arg2 );
		record( q -> q.setParameterList( arg0, arg1, arg2 ) );
		return this;
	}

	@Override
	public org.hibernate.query.Query<R> setParameter(jakarta.persistence.Parameter<java.util.Calendar> arg0, java.util.Calendar arg1, jakarta.persistence.TemporalType arg2) {
		template.setParameter( arg0, arg1, arg2 );
		record( q -> q.setParameter( parameterOf( q, arg0 ), arg1, arg2 ) );
		return this;
	}

	@Override
	public org.hibernate.query.Query<R> setParameter(jakarta.persistence.Parameter<java.util.Date> arg0, java.util.Date arg1, jakarta.persistence.TemporalType arg2) {
		template.setParameter( arg0, arg1, arg2 );
		record( q -> q.setParameter( parameterOf( q, arg0 ), arg1, arg2 ) );
		return this;
	}

	@Override
	public <T> org.hibernate.query.Query<R> setParameter(jakarta.persistence.Parameter<T> arg0, T arg1) {
		template.setParameter( arg0, arg1 );
		record( q -> q.setParameter( parameterOf( q, arg0 ), arg1 ) );
		return this;
	}

	@Override
	public <T> org.hibernate.query.Query<R> setParameter(org.hibernate.query.QueryParameter<T> arg0, T arg1) {
		template.setParameter( arg0, arg1 );
		record( q -> q.setParameter( parameterOf( q, arg0 ), arg1 ) );
		return this;
	}

	@Override
	public <P> org.hibernate.query.Query<R> setParameter(org.hibernate.query.QueryParameter<P> arg0, P arg1, Class<P> arg2) {
		template.setParameter( arg0, arg1, arg2 );
		record( q -> q.setParameter( parameterOf( q, arg0 ), arg1, arg2 ) );
		return this;
	}

	@Override
	public <P> org.hibernate.query.Query<R> setParameter(org.hibernate.query.QueryParameter<P> arg0, P arg1, jakarta.persistence.metamodel.Type<P> arg2) {
		template.setParameter( arg0, arg1, arg2 );
		record( q -> q.setParameter( parameterOf( q, arg0 ), arg1, arg2 ) );
		return this;
	}

	@Override
	public org.hibernate.query.Query<R> setParameter(String arg0, java.util.Calendar arg1, jakarta.persistence.TemporalType arg2) {
		template.setParameter( arg0, arg1, arg2 );
		record( q -> q.setParameter( arg0, arg1, arg2 ) );
		return this;
	}

	@Override
	public org.hibernate.query.Query<R> setParameter(String arg0, java.util.Date arg1, jakarta.persistence.TemporalType arg2) {
		template.setParameter( arg0, arg1, arg2 );
		record( q -> q.setParameter( arg0, arg1, arg2 ) );
		return this;
	}

	@Override
	public org.hibernate.query.Query<R> setParameter(String arg0, java.time.Instant arg1, jakarta.persistence.TemporalType arg2) {
		template.setParameter( arg0, arg1, arg2 );
		record( q -> q.setParameter( arg0, arg1, arg2 ) );
		return this;
	}

	@Override
	public org.hibernate.query.Query<R> setParameter(String arg0, Object arg1) {
		template.setParameter( arg0, arg1 );
		record( q -> q.setParameter( arg0, arg1 ) );
		return this;
	}

	@Override
	public <P> org.hibernate.query.Query<R> setParameter(String arg0, P arg1, Class<P> arg2) {
		template.setParameter( arg0, arg1, arg2 );
		record( q -> q.setParameter( arg0, arg1, arg2 ) );
		return this;
	}

	@Override
	public <P> org.hibernate.query.Query<R> setParameter(String arg0, P arg1, jakarta.persistence.metamodel.Type<P> arg2) {
		template.setParameter( arg0, arg1, arg2 );
		record( q -> q.setParameter( arg0, arg1, arg2 ) );
		return this;
	}

	@Override
	public org.hibernate.query.Query<R> setParameter(int arg0, java.util.Calendar arg1, jakarta.persistence.TemporalType arg2) {
		template.setParameter( arg0, arg1, arg2 );
		record( q -> q.setParameter( arg0, arg1, arg2 ) );
		return this;
	}

	@Override
	public org.hibernate.query.Query<R> setParameter(int arg0, java.util.Date arg1, jakarta.persistence.TemporalType arg2) {
		template.setParameter( arg0, arg1, arg2 );
		record( q -> q.setParameter( arg0, arg1, arg2 ) );
		return this;
	}

	@Override
	public org.hibernate.query.Query<R> setParameter(int arg0, java.time.Instant arg1, jakarta.persistence.TemporalType arg2) {
		template.setParameter( arg0, arg1, arg2 );
		record( q -> q.setParameter( arg0, arg1, arg2 ) );
		return this;
	}

	@Override
	public org.hibernate.query.Query<R> setParameter(int arg0, Object arg1) {
		template.setParameter( arg0, arg1 );
		record( q -> q.setParameter( arg0, arg1 ) );
		return this;
	}

	@Override
	public <P> org.hibernate.query.Query<R> setParameter(int arg0, P arg1, Class<P> arg2) {
		template.setParameter( arg0, arg1, arg2 );
		record( q -> q.setParameter( arg0, arg1, arg2 ) );
		return this;
	}

	@Override
	public <P> org.hibernate.query.Query<R> setParameter(int arg0, P arg1, jakarta.persistence.metamodel.Type<P> arg2) {
		template.setParameter( arg0, arg1, arg2 );
		record( q -> q.setParameter( arg0, arg1, arg2 ) );
		return this;
	}

	@Override
	public org.hibernate.query.Query<R> setProperties(java.util.Map arg0) {
		template.setProperties( arg0 );
		record( q -> q.setProperties( arg0 ) );
		return this;
	}

	@Override
	public org.hibernate.query.Query<R> setProperties(Object arg0) {
		template.setProperties( arg0 );
		record( q -> q.setProperties( arg0 ) );
		return this;
	}

	@Override
	public org.hibernate.query.Query<R> setQueryFlushMode(org.hibernate.query.QueryFlushMode arg0) {
		template.setQueryFlushMode( arg0 );
		record( q -> q.setQueryFlushMode( arg0 ) );
		return this;
	}

	@Override
	public org.hibernate.query.Query<R> setQueryPlanCacheable(boolean arg0) {
		template.setQueryPlanCacheable( arg0 );
		record( q -> q.setQueryPlanCacheable( arg0 ) );
		return this;
	}

	@Override
	public org.hibernate.query.Query<R> setReadOnly(boolean arg0) {
		template.setReadOnly( arg0 );
		record( q -> q.setReadOnly( arg0 ) );
		return this;
	}
}
