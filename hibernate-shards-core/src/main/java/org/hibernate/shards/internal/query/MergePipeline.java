package org.hibernate.shards.internal.query;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import org.hibernate.shards.internal.query.merge.Concatenation;
import org.hibernate.shards.internal.query.merge.DistinctFilter;
import org.hibernate.shards.internal.query.merge.OrderedMerge;
import org.hibernate.shards.internal.query.merge.RowComparator;
import org.hibernate.shards.internal.query.merge.RowExpression;
import org.hibernate.shards.internal.query.plan.MergeSpec;
import org.hibernate.shards.internal.query.plan.ValueSource;

/**
 * Runs a {@link MergeSpec} over the rows of several shards. Plain queries stream: an ordered merge holds one row per
 * shard, an unordered one reads the shards in turn, and paging only skips and stops. Aggregate queries read every
 * shard row into groups (memory bounded by the number of groups), then filter, order and page the groups. The spec
 * holds no parameter values: the executing query's bindings are passed in, for HAVING and computed values.
 */
final class MergePipeline {
	private MergePipeline() {
	}

	/**
	 * @param offset rows to skip after merging
	 * @param limit rows to return at most, or -1 for all
	 * @param bindings the parameter values of the executing query
	 */
	static Iterator<Object> merge(MergeSpec spec, List<Iterator<Object[]>> shards, long offset, long limit, ValueSource.Bindings bindings) {
		Iterator<Object[]> rows;
		if ( spec.isAggregate() ) {
			rows = groups( spec, shards, bindings ).iterator();
		}
		else {
			rows = spec.sortKeys().isEmpty() ? new Concatenation<>( shards ) : new OrderedMerge( shards, new RowComparator( spec.sortKeys() ) );
			if ( spec.distinctColumns() != null ) {
				rows = new DistinctFilter( rows, spec.distinctColumns() );
			}
		}
		return page( rows, offset, limit, spec );
	}

	private static List<Object[]> groups(MergeSpec spec, List<Iterator<Object[]>> shards, ValueSource.Bindings bindings) {
		List<Object[]> result = new ArrayList<>();
		for ( Object[] group : spec.groups().merge( new Concatenation<>( shards ) ) ) {
			if ( spec.having() != null && !Boolean.TRUE.equals( spec.having().test( group, bindings ) ) ) {
				continue;
			}
			Object[] row = new Object[spec.groupRow().size()];
			for ( int i = 0; i < row.length; i++ ) {
				RowExpression expression = spec.groupRow().get( i );
				row[i] = expression.evaluate( group, bindings );
			}
			result.add( row );
		}
		Iterator<Object[]> rows = result.iterator();
		if ( spec.distinctColumns() != null ) {
			List<Object[]> distinct = new ArrayList<>();
			new DistinctFilter( rows, spec.distinctColumns() ).forEachRemaining( distinct::add );
			result = distinct;
		}
		if ( !spec.sortKeys().isEmpty() ) {
			result.sort( new RowComparator( spec.sortKeys() ) );
		}
		return result;
	}

	private static Iterator<Object> page(Iterator<Object[]> rows, long offset, long limit, MergeSpec spec) {
		return new Iterator<>() {
			private long skipped;
			private long returned;

			@Override
			public boolean hasNext() {
				while ( skipped < offset && rows.hasNext() ) {
					rows.next();
					skipped++;
				}
				return ( limit < 0 || returned < limit ) && rows.hasNext();
			}

			@Override
			public Object next() {
				if ( !hasNext() ) {
					throw new NoSuchElementException();
				}
				returned++;
				return spec.projection().project( rows.next() );
			}
		};
	}
}
