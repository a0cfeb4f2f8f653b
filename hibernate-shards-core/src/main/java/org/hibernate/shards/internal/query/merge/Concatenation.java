package org.hibernate.shards.internal.query.merge;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** The rows of each shard in turn, in shard order: the merge of an unordered query. */
public final class Concatenation<T> implements Iterator<T> {
	private final List<Iterator<T>> sources;
	private int current;

	public Concatenation(List<Iterator<T>> sources) {
		this.sources = sources;
	}

	@Override
	public boolean hasNext() {
		while ( current < sources.size() ) {
			if ( sources.get( current ).hasNext() ) {
				return true;
			}
			current++;
		}
		return false;
	}

	@Override
	public T next() {
		if ( !hasNext() ) {
			throw new NoSuchElementException();
		}
		return sources.get( current ).next();
	}
}
