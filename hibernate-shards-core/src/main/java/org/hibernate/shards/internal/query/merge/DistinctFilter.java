package org.hibernate.shards.internal.query.merge;

import java.util.HashSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/** Drops rows already seen, by the columns that identify a row; it remembers the distinct rows it let through. */
public final class DistinctFilter implements Iterator<Object[]> {
	private final Iterator<Object[]> rows;
	private final int[] columns;
	private final Set<RowKey> seen = new HashSet<>();
	private Object[] next;

	public DistinctFilter(Iterator<Object[]> rows, int[] columns) {
		this.rows = rows;
		this.columns = columns;
	}

	@Override
	public boolean hasNext() {
		while ( next == null && rows.hasNext() ) {
			Object[] row = rows.next();
			if ( seen.add( new RowKey( row, columns ) ) ) {
				next = row;
			}
		}
		return next != null;
	}

	@Override
	public Object[] next() {
		if ( !hasNext() ) {
			throw new NoSuchElementException();
		}
		Object[] row = next;
		next = null;
		return row;
	}
}
