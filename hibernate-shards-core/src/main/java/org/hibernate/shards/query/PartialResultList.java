package org.hibernate.shards.query;

import java.util.AbstractList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.hibernate.shards.ShardId;

/**
 * The result of a query run in partial-results mode: the merged rows of the shards that answered, and the shards that
 * did not. Never mistake it for a full answer: check {@link #isComplete()}.
 * <pre>{@code
 * List<Order> orders = session.createQuery("from Order o order by o.placed desc", Order.class)
 *         .setHint(ShardedQueryHints.PARTIAL_RESULTS, true)
 *         .setMaxResults(20)
 *         .getResultList();
 * if (orders instanceof PartialResultList<Order> partial && !partial.isComplete()) {
 *     log.warn("Orders of {} are missing", partial.getFailedShards());
 * }
 * }</pre>
 *
 * @param <E> the element type
 */
public final class PartialResultList<E> extends AbstractList<E> implements PartialResults {
	private final List<E> rows;
	private final Map<ShardId, RuntimeException> failures;

	public PartialResultList(List<E> rows, Map<ShardId, RuntimeException> failures) {
		this.rows = rows;
		this.failures = Collections.unmodifiableMap( failures );
	}

	@Override
	public E get(int index) {
		return rows.get( index );
	}

	@Override
	public int size() {
		return rows.size();
	}

	@Override
	public Map<ShardId, RuntimeException> getFailures() {
		return failures;
	}
}
