package org.hibernate.shards.internal.query.plan;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.hibernate.query.sqm.NodeBuilder;
import org.hibernate.query.sqm.tree.expression.SqmExpression;
import org.hibernate.query.sqm.tree.expression.SqmFunction;
import org.hibernate.query.sqm.tree.select.SqmSelectClause;
import org.hibernate.shards.internal.query.merge.GroupMerge;
import org.hibernate.shards.internal.query.merge.RowExpression;

/**
 * The columns of an aggregate query's shard rows, built up while planning: each GROUP BY value and its identity, the
 * partial aggregates, the argument of COUNT(DISTINCT …); and, once the group merge is known, where each aggregate
 * of the query is found in a merged group.
 */
final class AggregateLayout {
	final SqmSelectClause clause;
	final NodeBuilder nb;
	final List<SqmExpression<?>> groupBy;
	/** The shard column of each GROUP BY value. */
	final int[] groupValueColumn;
	/** The shard column identifying each GROUP BY value: its collation key, or the value. */
	final int[] groupKeyColumn;
	final List<Integer> groupColumns = new ArrayList<>();
	final List<GroupMerge.Partial> partials = new ArrayList<>();
	/** Each aggregate call of the query, as computed from a merged group. */
	final Map<SqmFunction<?>, RowExpression> compiledAggregates = new IdentityHashMap<>();
	SqmExpression<?> distinctArgument;
	int distinctColumn = -1;
	GroupMerge merge;

	AggregateLayout(SqmSelectClause clause, NodeBuilder nb, List<SqmExpression<?>> groupBy) {
		this.clause = clause;
		this.nb = nb;
		this.groupBy = groupBy;
		this.groupValueColumn = new int[groupBy.size()];
		this.groupKeyColumn = new int[groupBy.size()];
	}

	int mergedIndexOfShardColumn(int shardColumn) {
		return groupColumns.indexOf( shardColumn );
	}

	/** Adds a column to the shard rows and returns its index. */
	int addColumn(org.hibernate.query.sqm.tree.select.SqmSelectableNode<?> node) {
		return SqmNodes.addHidden( clause, node, nb );
	}
}
