package org.hibernate.shards.internal.query.plan;

import java.util.List;

import org.hibernate.query.sqm.tree.select.SqmSelectStatement;

/**
 * What the planner decided for one selection query.
 *
 * @param routing which shards the query needs
 * @param multiShardRefusal why the query cannot be answered by merging several shards, or {@code null} if it can
 * @param subqueries the subqueries that are not local to an entity group, each with its own routing
 * @param shardStatement the statement each shard runs when several are asked
 * @param merge how their rows become the answer
 */
public record SelectPlan(
		Routing routing,
		String multiShardRefusal,
		List<SubqueryRouting> subqueries,
		SqmSelectStatement<Object[]> shardStatement,
		MergeSpec merge) {

	/**
	 * A subquery that reads rows of its own entity: it is only correct when those rows are all on the shard the outer
	 * query runs on.
	 *
	 * @param description the subquery's entity, for messages
	 */
	public record SubqueryRouting(String description, Routing routing) {
	}
}
