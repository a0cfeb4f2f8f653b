package org.hibernate.shards.spi.strategy.access;

import java.util.function.Consumer;
import java.util.function.Function;

import org.hibernate.shards.ShardId;

/**
 * Work to run on one shard.
 *
 * @param <T> the shard's result
 */
@FunctionalInterface
public interface ShardOperation<T> {
	T execute(ShardId shard);

	/**
	 * Asks the work running on this shard to stop soon: called from another thread when an access strategy gives up
	 * waiting for it. A blocked read does not notice a thread interrupt; cancelling its statement on the server does.
	 * May block (a hung server), so strategies call it off the calling thread. By default nothing happens.
	 */
	default void cancel(ShardId shard) {
	}

	/** @return an operation that runs {@code work} and, when cancelled, calls {@code cancel} */
	static <T> ShardOperation<T> cancellable(Function<ShardId, T> work, Consumer<ShardId> cancel) {
		return new ShardOperation<>() {
			@Override
			public T execute(ShardId shard) {
				return work.apply( shard );
			}

			@Override
			public void cancel(ShardId shard) {
				cancel.accept( shard );
			}
		};
	}
}
