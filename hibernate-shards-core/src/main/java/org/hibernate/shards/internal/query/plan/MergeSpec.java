package org.hibernate.shards.internal.query.plan;

import java.util.List;

import org.hibernate.shards.internal.query.merge.GroupMerge;
import org.hibernate.shards.internal.query.merge.Projection;
import org.hibernate.shards.internal.query.merge.RowExpression;
import org.hibernate.shards.internal.query.merge.RowPredicate;
import org.hibernate.shards.internal.query.merge.SortKey;

/**
 * How the rows of several shards become one answer. For plain queries ({@link #ofRows}) a merged row is a shard row:
 * the query's values first, then hidden columns for sorting and duplicate detection. For aggregate queries
 * ({@link #ofGroups}), shard rows are folded into groups ({@link #groups}), filtered by {@link #having}, and each group
 * becomes a row through {@link #groupRow}. It holds no parameter values: those are read when the merge runs.
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
 * @param entities whether the values include entities (such streams read through a cursor)
 * @param uniqueEntities whether a list keeps only the first row of each entity, after paging, as Hibernate does when a
 *        query's one value is an entity that its joins may repeat ({@code select o.customer from PurchaseOrder o})
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
		boolean uniqueEntities,
		boolean pushLimit) {

	/**
	 * Shard rows merged as they are: in order, without duplicates, paged.
	 *
	 * @param pushLimit whether each shard may be asked for offset + limit rows only
	 */
	static MergeSpec ofRows(int values, Projection projection, List<SortKey> sortKeys, int[] distinctColumns, Paging paging,
			boolean entities, boolean uniqueEntities, boolean pushLimit) {
		return new MergeSpec( values, sortKeys, distinctColumns, paging.offset(), paging.fetch(), null, null, null, projection,
				entities, uniqueEntities, pushLimit );
	}

	/**
	 * Shard rows folded into groups; each group passing {@code having} becomes the row {@code groupRow} computes: the
	 * query's {@code values}, then its sort values. The shards always return every group.
	 */
	static MergeSpec ofGroups(GroupMerge groups, RowPredicate having, List<RowExpression> groupRow, int values, Projection projection,
			List<SortKey> sortKeys, int[] distinctColumns, Paging paging) {
		return new MergeSpec( values, sortKeys, distinctColumns, paging.offset(), paging.fetch(), groups, having, groupRow,
				projection, false, false, false );
	}

	public boolean isAggregate() {
		return groups != null;
	}

	/** Whether the shards may be asked for offset + limit rows only. */
	public boolean canPushLimit() {
		return pushLimit;
	}
}
