package org.hibernate.shards.internal.query.plan;

import java.util.List;

import org.hibernate.shards.internal.query.merge.GroupMerge;
import org.hibernate.shards.internal.query.merge.Projection;
import org.hibernate.shards.internal.query.merge.RowExpression;
import org.hibernate.shards.internal.query.merge.RowPredicate;
import org.hibernate.shards.internal.query.merge.SortKey;

/**
 * How the rows of several shards become one answer. For plain queries a merged row is a shard row: the query's values
 * first, then hidden columns for sorting and duplicate detection. For aggregate queries, shard rows are folded into
 * groups ({@link #groups}), filtered by {@link #having}, and each group becomes a row through {@link #groupRow}.
 *
 * @param values how many leading columns of a merged row are the query's values
 * @param sortKeys the ORDER BY, over merged rows; empty when unordered
 * @param distinctColumns the columns that identify a row for DISTINCT, or {@code null} without DISTINCT
 * @param offset HQL's {@code offset}, or {@code null}
 * @param fetch HQL's {@code limit}/{@code fetch first}, or {@code null}
 * @param groups for aggregate queries, how shard rows fold into groups; {@code null} otherwise
 * @param having HAVING over merged groups, or {@code null}
 * @param groupRow for aggregate queries, the merged row computed from a group
 * @param projection what the query returns for a merged row
 * @param entities whether the values include entities (such streams keep the shards' default fetch size)
 * @param pushLimit whether each shard may be asked for offset + limit rows only
 */
public record MergeSpec(
		int values,
		List<SortKey> sortKeys,
		int[] distinctColumns,
		ValueSource offset,
		ValueSource fetch,
		GroupMerge groups,
		RowPredicate having,
		List<RowExpression> groupRow,
		Projection projection,
		boolean entities,
		boolean pushLimit) {

	public boolean isAggregate() {
		return groups != null;
	}

	/** Whether the shards may be asked for offset + limit rows only. */
	public boolean canPushLimit() {
		return pushLimit;
	}
}
