package org.hibernate.shards.internal.query;

import java.util.Collections;
import java.util.Map;
import java.util.stream.Stream;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.query.PartialResultStream;

/** A result stream in partial-results mode, with its report of the shards that did not answer. */
final class PartialStream<E> extends StreamPassThrough<E> implements PartialResultStream<E> {
	private final Map<ShardId, RuntimeException> failures;

	PartialStream(Stream<E> rows, Map<ShardId, RuntimeException> failures) {
		super( rows );
		this.failures = Collections.unmodifiableMap( failures );
	}

	@Override
	public Map<ShardId, RuntimeException> getFailures() {
		return failures;
	}
}
