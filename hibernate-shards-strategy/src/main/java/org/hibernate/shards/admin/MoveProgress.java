package org.hibernate.shards.admin;

import java.time.Duration;
import java.util.Map;

/**
 * Where a move stands.
 *
 * @param virtualShard the virtual shard being moved
 * @param step its journalled step
 * @param rowsCopied rows copied so far, by entity name
 * @param rowsPerSecond the copy's rate so far
 * @param estimatedTimeLeft until the copy is done, from the rate and the rows the source holds, or {@code null} when
 *        not known yet
 */
public record MoveProgress(int virtualShard, MoveStep step, Map<String, Long> rowsCopied, double rowsPerSecond,
		Duration estimatedTimeLeft) {

	/** @return the rows copied over all entities */
	public long totalRowsCopied() {
		return rowsCopied.values().stream().mapToLong( Long::longValue ).sum();
	}
}
