package org.hibernate.shards.internal.query.plan;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import org.hibernate.cfg.QuerySettings;
import org.hibernate.query.spi.QueryEngine;

/**
 * The plans of HQL queries of one sharded session factory, kept as Hibernate keeps its query interpretations: a query
 * text is planned once per result type, not at every execution. A plan holds no parameter values and nothing of a
 * session (values and the session's routing decisions are passed in when it runs), so every session and thread of
 * the factory shares it. Paging set on the query, hints and the active shards are read at execution too.
 * <p>
 * Criteria queries are planned each time: their parameters are objects of that one query. The cache is bounded by
 * Hibernate's own {@value QuerySettings#QUERY_PLAN_CACHE_MAX_SIZE} (default {@value QueryEngine#DEFAULT_QUERY_PLAN_MAX_COUNT}
 * plans of each kind); past it, the oldest plans are dropped. With {@value QuerySettings#QUERY_PLAN_CACHE_ENABLED}
 * {@code false} nothing is kept.
 */
public final class QueryPlanCache {
	private record Key(String hql, Class<?> resultType) {
	}

	private final Bounded<SelectPlan> selects;
	private final Bounded<MutationPlan> mutations;
	private final LongAdder hits = new LongAdder();
	private final LongAdder misses = new LongAdder();

	/** @param maxSize how many plans of each kind (selections, updates and deletes) are kept; 0 keeps none */
	public QueryPlanCache(int maxSize) {
		this.selects = new Bounded<>( maxSize );
		this.mutations = new Bounded<>( maxSize );
	}

	/** A cache bounded as the factory's settings bound Hibernate's own query plan cache. */
	public static QueryPlanCache fromSettings(Map<String, Object> settings) {
		Object enabled = settings.get( QuerySettings.QUERY_PLAN_CACHE_ENABLED );
		if ( enabled != null && !Boolean.parseBoolean( enabled.toString().trim() ) ) {
			return new QueryPlanCache( 0 );
		}
		Object size = settings.get( QuerySettings.QUERY_PLAN_CACHE_MAX_SIZE );
		if ( size == null ) {
			return new QueryPlanCache( QueryEngine.DEFAULT_QUERY_PLAN_MAX_COUNT );
		}
		return new QueryPlanCache( size instanceof Number number ? number.intValue() : Integer.parseInt( size.toString().trim() ) );
	}

	/**
	 * @param resultType the type the query was created with, or {@code null}
	 * @param planning plans the query when its plan is not kept
	 */
	public SelectPlan selectPlan(String hql, Class<?> resultType, Supplier<SelectPlan> planning) {
		return selects.get( new Key( hql, resultType ), planning );
	}

	public MutationPlan mutationPlan(String hql, Supplier<MutationPlan> planning) {
		return mutations.get( new Key( hql, null ), planning );
	}

	/** @return how many plans were found kept */
	public long hits() {
		return hits.sum();
	}

	/** @return how many plans were made because none was kept */
	public long misses() {
		return misses.sum();
	}

	/** @return how many plans are kept */
	public int size() {
		return selects.plans.size() + mutations.plans.size();
	}

	/**
	 * Plans by key, the oldest dropped past the bound. Reads take no lock. Two threads missing the same key at once both
	 * plan it (planning has no side effect) and the first stored plan is kept.
	 */
	private final class Bounded<P> {
		private final int maxSize;
		private final Map<Key, P> plans = new ConcurrentHashMap<>();
		private final Queue<Key> age = new ConcurrentLinkedQueue<>();

		Bounded(int maxSize) {
			this.maxSize = maxSize;
		}

		P get(Key key, Supplier<P> planning) {
			P plan = plans.get( key );
			if ( plan != null ) {
				hits.increment();
				return plan;
			}
			misses.increment();
			plan = planning.get();
			if ( maxSize <= 0 ) {
				return plan;
			}
			P kept = plans.putIfAbsent( key, plan );
			if ( kept != null ) {
				return kept;
			}
			age.add( key );
			while ( plans.size() > maxSize ) {
				Key oldest = age.poll();
				if ( oldest == null ) {
					break;
				}
				plans.remove( oldest );
			}
			return plan;
		}
	}
}
