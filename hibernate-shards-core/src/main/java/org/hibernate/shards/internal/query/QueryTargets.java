package org.hibernate.shards.internal.query;

import java.util.List;
import java.util.Set;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardedQueryException;
import org.hibernate.shards.internal.metrics.ShardMetrics;
import org.hibernate.shards.internal.query.plan.Routing;
import org.hibernate.shards.internal.query.plan.SelectPlan;
import org.hibernate.shards.internal.query.plan.ShardValues;
import org.hibernate.shards.internal.query.plan.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shards a planned statement runs on, decided with the values bound to it and checked before any shard is asked: a
 * statement over several shards must be mergeable, and every subquery that reads rows of its own must be routed to the
 * one shard the statement runs on. Selections and mutations share this decision.
 */
final class QueryTargets {
	private static final Logger LOG = LoggerFactory.getLogger( QueryTargets.class );

	private QueryTargets() {
	}

	/**
	 * @param multiShardRefusal why the statement cannot run on several shards, or {@code null} if it can
	 * @param metrics counts the decision: routed to one shard, fanned out, or refused
	 * @return the target shards, in shard order; never empty
	 */
	static List<ShardId> of(List<ShardId> active, Routing routing, String multiShardRefusal, List<SelectPlan.SubqueryRouting> subqueries,
			ValueSource.Bindings bindings, ShardValues shardValues, String queryString, ShardMetrics metrics) {
		Set<ShardId> routed = routing.shards( bindings, shardValues );
		List<ShardId> targets;
		if ( routed == null ) {
			targets = active;
		}
		else {
			targets = active.stream().filter( routed::contains ).toList();
			if ( targets.isEmpty() ) {
				// No row can match (e.g. key = null): one shard gives the empty answer, or the aggregate over no rows.
				targets = List.of( active.get( 0 ) );
			}
		}
		if ( active.size() > 1 ) {
			for ( SelectPlan.SubqueryRouting subquery : subqueries ) {
				Set<ShardId> needed = subquery.routing().shards( bindings, shardValues );
				if ( targets.size() > 1 || needed == null || !targets.containsAll( needed ) || needed.size() > 1 ) {
					metrics.refused();
					throw new ShardedQueryException( "Refused before any shard was asked: " + subquery.description()
							+ " reads rows that may live on shards other than the one the query runs on ("
							+ ( needed == null ? "it has no condition on a shard key" : "it needs " + needed + ", the query runs on " + targets )
							+ "). Correlate it through an association, restrict it to the same shard key, or run it as a query of its own. Query: "
							+ queryString );
				}
			}
			if ( targets.size() > 1 && multiShardRefusal != null ) {
				metrics.refused();
				throw new ShardedQueryException( "Refused before any shard was asked: " + multiShardRefusal + ". Query: " + queryString );
			}
		}
		if ( targets.size() == 1 ) {
			metrics.routed( targets.get( 0 ) );
		}
		else {
			metrics.fannedOut( targets );
		}
		if ( LOG.isDebugEnabled() ) {
			LOG.debug( "Query routed to {} ({}): {}", targets, routed == null ? routing.describe() + ": every shard" : routing.describe(), queryString );
		}
		return targets;
	}
}
