package org.hibernate.shards.query;

import java.util.List;
import java.util.Map;

import org.hibernate.shards.ShardId;

/**
 * What an answer in partial-results mode lacks: the shards that could not be reached or did not answer in time, whose
 * rows are missing. Both {@link PartialResultList} and {@link PartialResultStream} report it.
 */
public interface PartialResults {
	/** @return why each failed shard failed */
	Map<ShardId, RuntimeException> getFailures();

	/** @return whether every shard answered, so that this is the full answer */
	default boolean isComplete() {
		return getFailures().isEmpty();
	}

	/** @return the shards that could not be reached or did not answer in time, in shard order */
	default List<ShardId> getFailedShards() {
		return getFailures().keySet().stream().sorted().toList();
	}
}
