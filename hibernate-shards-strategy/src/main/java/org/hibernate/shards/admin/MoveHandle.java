package org.hibernate.shards.admin;

import java.time.Duration;

/** A move running in the background. */
public interface MoveHandle {

	int virtualShard();

	/** @return where the move stands now */
	MoveProgress progress();

	/**
	 * Waits for the move to finish.
	 *
	 * @throws ShardAdminException when it failed: the message says at which step and why; the journal keeps the step,
	 *         so the move can be resumed ({@link ShardAdmin#resume()}) or rolled back
	 */
	MoveReport await();

	/**
	 * @return the report, or {@code null} when the move has not finished within the timeout
	 * @throws ShardAdminException when it failed
	 */
	MoveReport await(Duration timeout);

	boolean isDone();
}
