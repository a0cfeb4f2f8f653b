package org.hibernate.shards.internal.query;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

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
import org.hibernate.query.ResultListTransformer;
import org.hibernate.query.TupleTransformer;
import org.hibernate.query.spi.SqmQuery;
import org.hibernate.query.sqm.tree.SqmStatement;
import org.hibernate.query.sqm.tree.select.SqmSelectStatement;
import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardedQueryException;
import org.hibernate.shards.ShardingException;
import org.hibernate.shards.internal.failure.Refusals;
import org.hibernate.shards.internal.query.plan.MutationPlan;
import org.hibernate.shards.internal.query.plan.SelectPlan;
import org.hibernate.shards.internal.query.plan.ValueSource;
import org.hibernate.shards.query.PartialResultList;
import org.hibernate.shards.query.ShardedQueryHints;
import org.hibernate.shards.spi.strategy.access.ShardOperation;

/**
 * A query of a sharded session: a plain Hibernate {@link Query} whose settings and bindings are recorded by
 * {@link RecordingQuery}. What is sharding-specific lives here: the plan, paging (the shards get offset + limit, the
 * merge skips the offset), partial results, the decisions across shards of {@code getSingleResult} and
 * {@code uniqueResult}, and the methods refused across shards. {@link SelectExecution} runs a selection;
 * {@code executeUpdate} runs a mutation on the shards its routing names.
 *
 * @param <R> the result type
 */
public final class ShardedQueryImpl<R> extends RecordingQuery<R> {
	private final QueryContext context;
	private final Function<Session, Query<R>> asWritten;
	private final String queryString;
	private final Class<R> resultType;
	private final ValueSource.Bindings bindings = this::bindingOf;
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
		super( template );
		this.context = context;
		this.asWritten = asWritten;
		this.queryString = queryString;
		this.resultType = resultType;
		this.partialResults = context.partialResultsByDefault();
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

	// ---- selections

	private SelectPlan selectPlan() {
		if ( selectPlan == null ) {
			if ( !( statement() instanceof SqmSelectStatement<?> select ) ) {
				throw new IllegalStateException( "Not a selection query: " + queryString );
			}
			selectPlan = context.selectPlan( select, queryString, resultType );
		}
		return selectPlan;
	}

	private SelectExecution<R> execution() {
		SelectPlan plan = selectPlan();
		context.pinPlacement();
		List<ShardId> targets = QueryTargets.of( context.activeShards(), plan.routing(), plan.multiShardRefusal(), plan.subqueries(), bindings,
				context.shardValues(), queryString, context.metrics() );
		context.requireLiveRowsOnly( statement(), targets );
		return new SelectExecution<>( context, plan, targets, this::asWrittenOn, this::replayOn, bindings, offset( plan ), limit( plan ),
				partialResults, queryString );
	}

	@Override
	public List<R> list() {
		return execution().list();
	}

	/** A streaming merge over the shards; close the stream to release them. */
	@Override
	public Stream<R> stream() {
		return execution().stream();
	}

	@Override
	public Stream<R> getResultStream() {
		return stream();
	}

	/** The rows {@link #list()} would return without paging, counted on each shard and added (Spring Data pages with it). */
	@Override
	public long getResultCount() {
		return execution().count();
	}

	private long offset(SelectPlan plan) {
		if ( firstResult != null ) {
			return firstResult;
		}
		// A plan refused over several shards has no merge; it runs as written on its one shard.
		Object value = plan.merge() == null || plan.merge().offset() == null ? null : plan.merge().offset().value( bindings );
		return value == null ? 0 : ( (Number) value ).longValue();
	}

	private long limit(SelectPlan plan) {
		if ( maxResults != null ) {
			return maxResults;
		}
		Object value = plan.merge() == null || plan.merge().fetch() == null ? null : plan.merge().fetch().value( bindings );
		return value == null ? -1 : ( (Number) value ).longValue();
	}

	/** The query as the user wrote it, on one shard's session, with every setting, binding and its paging. */
	private Query<R> asWrittenOn(Session session) {
		Query<R> query = replayOn( asWritten.apply( session ) );
		if ( firstResult != null ) {
			query.setFirstResult( firstResult );
		}
		if ( maxResults != null ) {
			query.setMaxResults( maxResults );
		}
		return query;
	}

	@Override
	public R getSingleResult() {
		List<R> results = firstTwo();
		if ( results.isEmpty() ) {
			throw new NoResultException( "No result for query: " + queryString );
		}
		return single( results );
	}

	@Override
	public R getSingleResultOrNull() {
		List<R> results = firstTwo();
		return results.isEmpty() ? null : single( results );
	}

	private R single(List<R> results) {
		if ( results.size() > 1 ) {
			throw new NonUniqueResultException( "More than one result for query: " + queryString );
		}
		return results.get( 0 );
	}

	/** Enough of the answer to tell none, one or several, as one database would: across all shards. */
	private List<R> firstTwo() {
		Integer wanted = maxResults;
		if ( maxResults == null || maxResults > 2 ) {
			maxResults = 2;
		}
		List<R> results;
		try {
			results = list();
		}
		finally {
			maxResults = wanted;
		}
		if ( results instanceof PartialResultList<R> partial && !partial.isComplete() ) {
			// Whether there is one result cannot be told without the missing shards.
			throw partial.getFailures().values().iterator().next();
		}
		return results;
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

	// ---- updates and deletes

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
			context.pinPlacement();
			List<ShardId> targets = QueryTargets.of( context.activeShards(), mutationPlan.routing(), mutationPlan.multiShardRefusal(),
					mutationPlan.subqueries(), bindings, context.shardValues(), queryString, context.metrics() );
			context.requireLiveRowsOnly( statement(), targets );
			int[] total = new int[1];
			context.access().apply( targets, ShardOperation.cancellable(
					shard -> context.onShardForWrite( shard, session -> asWrittenOn( session ).executeUpdate() ), context::cancel ),
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

	// ---- what the sharded query keeps for itself

	@Override
	public Query<R> setHint(String hintName, Object value) {
		if ( ShardedQueryHints.PARTIAL_RESULTS.equals( hintName ) ) {
			partialResults = Boolean.parseBoolean( String.valueOf( value ) );
			return this;
		}
		if ( value instanceof jakarta.persistence.EntityGraph<?> ) {
			// Bound to one shard's metamodel, it would reach the other shards' queries as it is.
			throw unsupported( "setHint(\"" + hintName + "\", EntityGraph)", org.hibernate.shards.internal.failure.Refusals.QUERY_ENTITY_GRAPHS );
		}
		return super.setHint( hintName, value );
	}

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
	public SharedSessionContract getSession() {
		return context.session();
	}

	@Override
	public String getQueryString() {
		return queryString;
	}

	@Override
	public <T> T unwrap(Class<T> type) {
		return Refusals.unwrap( this, "sharded query", type, "" );
	}

	// ---- refused across shards, each naming what to use instead

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

	@Override
	public Query<R> setEntityGraph(jakarta.persistence.EntityGraph<? super R> graph, org.hibernate.graph.GraphSemantic semantic) {
		throw unsupported( "setEntityGraph(EntityGraph, GraphSemantic)", org.hibernate.shards.internal.failure.Refusals.QUERY_ENTITY_GRAPHS );
	}

	@Override
	public Query<R> applyGraph(@SuppressWarnings("rawtypes") org.hibernate.graph.RootGraph graph, org.hibernate.graph.GraphSemantic semantic) {
		throw unsupported( "applyGraph(RootGraph, GraphSemantic)", org.hibernate.shards.internal.failure.Refusals.QUERY_ENTITY_GRAPHS );
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
}
