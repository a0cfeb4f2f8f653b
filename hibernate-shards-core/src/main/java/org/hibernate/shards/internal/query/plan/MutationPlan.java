package org.hibernate.shards.internal.query.plan;

import java.util.List;

/**
 * What the planner decided for an update, delete or insert statement.
 *
 * @param routing which shards hold the rows it changes
 * @param multiShardRefusal why it cannot run on several shards, or {@code null}
 * @param subqueries subqueries that read rows of their own, each with its routing
 */
public record MutationPlan(Routing routing, String multiShardRefusal, List<SelectPlan.SubqueryRouting> subqueries) {
}
