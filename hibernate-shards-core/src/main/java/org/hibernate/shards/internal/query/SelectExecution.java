package org.hibernate.shards.internal.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.hibernate.Session;
import org.hibernate.query.Query;
import org.hibernate.query.sqm.tree.SqmCopyContext;
import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardUnavailableException;
import org.hibernate.shards.ShardedQueryException;
import org.hibernate.shards.internal.failure.TryAll;
import org.hibernate.shards.internal.query.plan.MergeSpec;
import org.hibernate.shards.internal.query.plan.SelectPlan;
import org.hibernate.shards.internal.query.plan.ValueSource;
import org.hibernate.shards.query.PartialResultList;
import org.hibernate.shards.spi.strategy.access.ExitStrategy;
import org.hibernate.shards.spi.strategy.access.ShardOperation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one planned selection on its target shards, as a list or as a stream, the same way for both: one target runs
 * the query as written; several run the planner's per-shard statement through the access strategy (so its threads and
 * timeout apply) and their rows are merged. In partial-results mode a shard that cannot be reached, whose statement
 * timed out ({@code setTimeout}) or that the access strategy stopped waiting for contributes no rows and is named; any
 * other failure (a bad query, a constraint) still fails the query.
 *
 * @param <R> the result type
 */
final class SelectExecution<R> {
	private static final Logger LOG = LoggerFactory.getLogger( SelectExecution.class );
	private static final AtomicBoolean DEEP_PAGING_WARNED = new AtomicBoolean();

	private final QueryContext context;
	private final SelectPlan plan;
	private final List<ShardId> targets;
	private final Function<Session, Query<R>> asWritten;
	private final UnaryOperator<Query<Object[]>> replay;
	private final ValueSource.Bindings bindings;
	private final long offset;
	private final long limit;
	private final boolean partialResults;
	private final String queryString;
	private final Map<ShardId, RuntimeException> failures = Collections.synchronizedMap( new TreeMap<>() );

	/**
	 * @param asWritten the query as the user wrote it on a shard's session, with its settings, bindings and paging: what a
	 *        single target runs
	 * @param replay applies the query's settings and bindings to the planner's statement, which several targets run
	 * @param offset rows the merge skips
	 * @param limit rows the merge returns at most, or -1 for all
	 */
	SelectExecution(QueryContext context, SelectPlan plan, List<ShardId> targets, Function<Session, Query<R>> asWritten,
			UnaryOperator<Query<Object[]>> replay, ValueSource.Bindings bindings, long offset, long limit,
			boolean partialResults, String queryString) {
		this.context = context;
		this.plan = plan;
		this.targets = targets;
		this.asWritten = asWritten;
		this.replay = replay;
		this.bindings = bindings;
		this.offset = offset;
		this.limit = limit;
		this.partialResults = partialResults;
		this.queryString = queryString;
	}

	List<R> list() {
		List<R> rows;
		if ( targets.size() == 1 ) {
			List<R> found = onShardOrFailure( targets.get( 0 ), session -> asWritten.apply( session ).list() );
			rows = found == null ? List.of() : found;
		}
		else {
			List<List<Object[]>> shardRows = onEachTarget( session -> shardQuery( session ).list(), answered -> {
			} );
			long mergeStart = context.metrics().mergeStart();
			List<Iterator<Object[]>> iterators = new ArrayList<>( shardRows.size() );
			shardRows.forEach( list -> iterators.add( list == null ? Collections.emptyIterator() : list.iterator() ) );
			rows = new ArrayList<>();
			merged( iterators ).forEachRemaining( rows::add );
			if ( plan.merge().uniqueEntities() ) {
				rows = firstOfEachEntity( rows );
			}
			context.metrics().merged( mergeStart );
		}
		return partialResults ? new PartialResultList<>( rows, report() ) : rows;
	}

	/**
	 * Hibernate's {@code getResultCount()} (the rows {@code list()} would return without paging) across shards. Each row of
	 * a plain query lives on one shard, so the shards' counts add up; groups, aggregates, DISTINCT and fetched
	 * collections can repeat across shards, so their counts do not, and they are refused.
	 */
	long count() {
		if ( targets.size() == 1 ) {
			return context.onShard( targets.get( 0 ), session -> asWritten.apply( session ).getResultCount() );
		}
		MergeSpec merge = plan.merge();
		if ( merge.groups() != null || merge.distinctColumns() != null || merge.uniqueEntities() ) {
			throw new ShardedQueryException( "getResultCount() of a grouped, aggregated, DISTINCT or collection-fetching query cannot "
					+ "add the shards' counts; select count(…) with the same conditions. Query: " + queryString );
		}
		long total = 0;
		for ( Long count : onEachTarget( session -> asWritten.apply( session ).getResultCount(), counted -> {
		} ) ) {
			if ( count == null ) {
				// A count without a shard would be silently low.
				throw failures.values().iterator().next();
			}
			total += count;
		}
		return total;
	}

	/**
	 * Keeps the first row of each entity instance, as Hibernate's list() does for such queries (a stream keeps them all,
	 * as Hibernate's does): after paging, since the database pages the rows Hibernate then folds.
	 */
	private static <T> List<T> firstOfEachEntity(List<T> rows) {
		java.util.Set<Object> seen = Collections.newSetFromMap( new java.util.IdentityHashMap<>() );
		List<T> unique = new ArrayList<>( rows.size() );
		for ( T row : rows ) {
			if ( seen.add( row ) ) {
				unique.add( row );
			}
		}
		return unique;
	}

	/**
	 * A streaming merge: each shard streams its rows and the merge holds one row per shard at a time, so memory does not
	 * grow with the number of rows (aggregate queries hold their groups). Closing the stream releases the shards. Every
	 * shard's statement is opened before the stream is returned, so in partial-results mode its report is complete.
	 */
	Stream<R> stream() {
		Stream<R> rows = targets.size() == 1 ? streamOfOne() : mergedStream();
		return partialResults ? new PartialStream<>( rows, report() ) : rows;
	}

	private Stream<R> streamOfOne() {
		Stream<R> rows = onShardOrFailure( targets.get( 0 ), session -> context.openStream( session, asWritten.apply( session ), values() ) );
		return rows == null ? Stream.empty() : rows;
	}

	private Stream<R> mergedStream() {
		List<Stream<Object[]>> opened = Collections.synchronizedList( new ArrayList<>() );
		List<Stream<Object[]>> streams;
		try {
			streams = onEachTarget( session -> context.openStream( session, shardQuery( session ), values() ), opened::add );
		}
		catch (RuntimeException e) {
			closeAll( opened, e );
			throw e;
		}
		List<Iterator<Object[]>> iterators = new ArrayList<>( streams.size() );
		streams.forEach( stream -> iterators.add( stream == null ? Collections.emptyIterator() : stream.iterator() ) );
		return StreamSupport.stream( Spliterators.spliteratorUnknownSize( merged( iterators ), Spliterator.ORDERED ), false )
				.onClose( () -> closeAll( opened, null ) );
	}

	/** @return whether the rows hold plain values only: a plan refused over several shards has no merge to tell */
	private boolean values() {
		return plan.merge() != null && !plan.merge().entities();
	}

	private Map<ShardId, RuntimeException> report() {
		synchronized ( failures ) {
			return new TreeMap<>( failures );
		}
	}

	/**
	 * Runs work on every target through the access strategy; a result is handed to {@code opened} on the thread that
	 * made it, so that resources of shards that answered are known even when another shard fails. A shard the strategy
	 * stopped waiting for is a failed shard in partial-results mode, and fails the query otherwise.
	 *
	 * @return each target's result in target order, {@code null} for a shard that failed in partial-results mode
	 */
	private <T> List<T> onEachTarget(Function<Session, T> work, Consumer<T> opened) {
		List<T> results = new ArrayList<>( Collections.nCopies( targets.size(), null ) );
		context.access().apply( targets, ShardOperation.cancellable( shard -> {
			T result = onShardOrFailure( shard, work );
			if ( result != null ) {
				opened.accept( result );
			}
			return result;
		}, context::cancel ), new ExitStrategy<>() {
			@Override
			public boolean addResult(ShardId shard, T result) {
				results.set( targets.indexOf( shard ), result );
				return false;
			}

			@Override
			public boolean addTimeout(ShardId shard, ShardUnavailableException timeout) {
				if ( !partialResults ) {
					throw timeout;
				}
				partial( shard, timeout );
				return false;
			}
		} );
		return results;
	}

	private <T> T onShardOrFailure(ShardId shard, Function<Session, T> work) {
		try {
			return context.onShard( shard, work );
		}
		catch (ShardUnavailableException | jakarta.persistence.QueryTimeoutException | org.hibernate.QueryTimeoutException e) {
			if ( !partialResults ) {
				throw e;
			}
			partial( shard, e );
			return null;
		}
	}

	private void partial(ShardId shard, RuntimeException failure) {
		LOG.warn( "Partial results: {} did not answer ({}); returning the other shards' rows", shard, failure.getMessage() );
		failures.put( shard, failure );
	}

	@SuppressWarnings("unchecked")
	private Iterator<R> merged(List<Iterator<Object[]>> shardRows) {
		return (Iterator<R>) MergePipeline.merge( plan.merge(), shardRows, offset, limit, bindings );
	}

	/** The planner's per-shard statement: paging pushed down as offset + limit rows when the merge allows it. */
	private Query<Object[]> shardQuery(Session session) {
		Query<Object[]> query = replay.apply( session.createQuery( plan.shardStatement().copy( SqmCopyContext.noParamCopyContext() ) ) );
		if ( plan.merge().canPushLimit() && limit >= 0 ) {
			long rows = offset + limit;
			if ( rows >= context.deepPagingWarningThreshold() && DEEP_PAGING_WARNED.compareAndSet( false, true ) ) {
				LOG.warn( "A query pages {} rows deep, so every shard returns {} rows to merge; prefer keyset paging "
						+ "(where key > :last order by key) for deep pages. Query: {}", rows, rows, queryString );
			}
			query.setFirstResult( 0 );
			query.setMaxResults( (int) Math.min( rows, Integer.MAX_VALUE ) );
		}
		return query;
	}

	/** Closes every shard's stream, even when one fails to close; a failure that is already on its way keeps priority. */
	private static void closeAll(List<Stream<Object[]>> streams, RuntimeException pending) {
		try {
			synchronized ( streams ) {
				TryAll.close( streams );
				streams.clear();
			}
		}
		catch (RuntimeException e) {
			if ( pending == null ) {
				throw e;
			}
			pending.addSuppressed( e );
		}
	}
}
