package org.hibernate.shards.internal.query.merge;

import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * A k-way merge of iterators that are each sorted: it holds one row per shard, so it streams whatever the shards
 * stream. Ties keep shard order, which makes the merged order deterministic.
 */
public final class OrderedMerge implements Iterator<Object[]> {
	private record Head(Object[] row, int source, Iterator<Object[]> rest) {
	}

	private final PriorityQueue<Head> heads;

	public OrderedMerge(List<Iterator<Object[]>> sources, Comparator<Object[]> order) {
		Comparator<Head> byRow = Comparator.comparing( Head::row, order );
		this.heads = new PriorityQueue<>( Math.max( 1, sources.size() ), byRow.thenComparingInt( Head::source ) );
		for ( int i = 0; i < sources.size(); i++ ) {
			Iterator<Object[]> source = sources.get( i );
			if ( source.hasNext() ) {
				heads.add( new Head( source.next(), i, source ) );
			}
		}
	}

	@Override
	public boolean hasNext() {
		return !heads.isEmpty();
	}

	@Override
	public Object[] next() {
		Head head = heads.poll();
		if ( head == null ) {
			throw new NoSuchElementException();
		}
		if ( head.rest().hasNext() ) {
			heads.add( new Head( head.rest().next(), head.source(), head.rest() ) );
		}
		return head.row();
	}
}
