package org.hibernate.shards.internal.query.merge;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Combines per-shard groups into the groups one database would have formed. Each shard row carries its group's
 * columns and partial aggregates; rows of the same group (by the identity columns: collation keys for strings)
 * are folded together. Distinct aggregates are computed from the distinct values the shards grouped by.
 * <p>
 * A merged row holds: the group columns as the first shard row had them, then one column per partial aggregate,
 * then one per distinct aggregate (the number of distinct non-null values).
 */
public final class GroupMerge {

	/**
	 * A partial aggregate of the shard rows.
	 *
	 * @param column the shard row's column holding the partial value
	 * @param keyColumn for MIN/MAX of strings, the column holding the collation key of that value; -1 otherwise
	 */
	public record Partial(Aggregate aggregate, int column, int keyColumn, Class<?> type) {
	}

	private final int[] groupColumns;
	private final int[] identityColumns;
	private final List<Partial> partials;
	private final int[] distinctColumns;
	private final boolean grouped;

	/**
	 * @param groupColumns shard-row columns copied into the merged row (group values as selected)
	 * @param identityColumns shard-row columns that identify a group
	 * @param distinctColumns shard-row columns whose distinct non-null values are counted per group (collation keys for strings)
	 * @param grouped whether the query has GROUP BY; without it there is exactly one group, even over no rows
	 */
	public GroupMerge(int[] groupColumns, int[] identityColumns, List<Partial> partials, int[] distinctColumns, boolean grouped) {
		this.groupColumns = groupColumns;
		this.identityColumns = identityColumns;
		this.partials = partials;
		this.distinctColumns = distinctColumns;
		this.grouped = grouped;
	}

	public int width() {
		return groupColumns.length + partials.size() * 2 + distinctColumns.length;
	}

	/** @return the column of a partial aggregate in the merged row */
	public int partialColumn(int partial) {
		return groupColumns.length + partial;
	}

	/** @return the column of a distinct count in the merged row */
	public int distinctColumn(int distinct) {
		return groupColumns.length + partials.size() * 2 + distinct;
	}

	private final class State {
		final Object[] merged = new Object[width()];
		final List<Set<RowKey>> distinct = new ArrayList<>();

		State(Object[] first) {
			for ( int i = 0; i < groupColumns.length; i++ ) {
				merged[i] = first == null ? null : first[groupColumns[i]];
			}
			for ( int i = 0; i < distinctColumns.length; i++ ) {
				distinct.add( new HashSet<>() );
			}
		}

		void add(Object[] row) {
			for ( int i = 0; i < partials.size(); i++ ) {
				Partial partial = partials.get( i );
				int at = partialColumn( i );
				int keyAt = groupColumns.length + partials.size() + i;
				Object value = row[partial.column()];
				if ( partial.keyColumn() >= 0 && value != null ) {
					Object key = row[partial.keyColumn()];
					Object best = merged[keyAt];
					boolean better = best == null || ( partial.aggregate() == Aggregate.MIN
							? SqlValues.compare( key, best ) < 0 : SqlValues.compare( key, best ) > 0 );
					if ( better ) {
						merged[keyAt] = key;
						merged[at] = value;
					}
				}
				else {
					merged[at] = partial.aggregate().combine( merged[at], value );
				}
			}
			for ( int i = 0; i < distinctColumns.length; i++ ) {
				if ( row[distinctColumns[i]] != null ) {
					distinct.get( i ).add( new RowKey( row, new int[] { distinctColumns[i] } ) );
				}
			}
		}

		Object[] finish() {
			for ( int i = 0; i < partials.size(); i++ ) {
				Partial partial = partials.get( i );
				int at = partialColumn( i );
				if ( partial.aggregate() == Aggregate.COUNT && merged[at] == null ) {
					merged[at] = 0L;
				}
				merged[at] = SqlValues.as( merged[at], partial.type() );
			}
			for ( int i = 0; i < distinctColumns.length; i++ ) {
				merged[distinctColumn( i )] = (long) distinct.get( i ).size();
			}
			return merged;
		}
	}

	/** Reads every shard row and returns the merged groups, in the order they were first seen. */
	public List<Object[]> merge(Iterator<Object[]> rows) {
		Map<RowKey, State> groups = new LinkedHashMap<>();
		while ( rows.hasNext() ) {
			Object[] row = rows.next();
			groups.computeIfAbsent( new RowKey( row, identityColumns ), key -> new State( row ) ).add( row );
		}
		if ( groups.isEmpty() && !grouped ) {
			groups.put( new RowKey( new Object[0], new int[0] ), new State( null ) );
		}
		List<Object[]> merged = new ArrayList<>( groups.size() );
		groups.values().forEach( state -> merged.add( state.finish() ) );
		return merged;
	}
}
