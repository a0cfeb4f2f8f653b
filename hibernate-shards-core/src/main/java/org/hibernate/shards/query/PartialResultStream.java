package org.hibernate.shards.query;

import java.util.stream.Stream;

/**
 * The result stream of a query run in partial-results mode: the merged rows of the shards that answered, and the
 * shards that did not. Every shard's statement is opened before the stream is returned, so the report is complete
 * from the start; a shard that fails later, while its rows are being read, fails the stream (its rows so far cannot
 * be taken back). Keep the reference: operations such as {@code map} return plain streams.
 * <pre>{@code
 * try (Stream<Order> orders = session.createQuery("from Order o order by o.placed", Order.class)
 *         .setHint(ShardedQueryHints.PARTIAL_RESULTS, true)
 *         .getResultStream()) {
 *     if (orders instanceof PartialResultStream<Order> partial && !partial.isComplete()) {
 *         log.warn("Orders of {} are missing", partial.getFailedShards());
 *     }
 *     orders.forEach(this::export);
 * }
 * }</pre>
 *
 * @param <E> the element type
 */
public interface PartialResultStream<E> extends Stream<E>, PartialResults {
}
