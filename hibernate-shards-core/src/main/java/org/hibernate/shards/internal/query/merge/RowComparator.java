package org.hibernate.shards.internal.query.merge;

import java.util.Comparator;
import java.util.List;

/** Orders merged rows by their sort keys, as the database ordered each shard's rows. */
public final class RowComparator implements Comparator<Object[]> {
	private final SortKey[] keys;

	public RowComparator(List<SortKey> keys) {
		this.keys = keys.toArray( SortKey[]::new );
	}

	@Override
	public int compare(Object[] left, Object[] right) {
		for ( SortKey key : keys ) {
			Object a = left[key.column()];
			Object b = right[key.column()];
			int result;
			if ( a == null || b == null ) {
				if ( a == b ) {
					continue;
				}
				// Null placement is absolute: it does not flip with the direction.
				return ( a == null ) == key.nullsFirst() ? -1 : 1;
			}
			result = SqlValues.compare( a, b );
			if ( result != 0 ) {
				return key.descending() ? -result : result;
			}
		}
		return 0;
	}
}
