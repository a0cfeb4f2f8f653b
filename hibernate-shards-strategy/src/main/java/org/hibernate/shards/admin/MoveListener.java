package org.hibernate.shards.admin;

/**
 * Told what moves started by a {@link ShardAdmin} do, on the mover's thread: a place for progress lines, metrics and
 * alerts. A listener that throws does not stop the move; its failure is logged.
 */
public interface MoveListener {

	/** A move journalled a step: it is done with everything before it, and resumes from there if it stops. */
	default void stepCompleted(int virtualShard, MoveStep step) {
	}

	/** A move copied another batch of rows. */
	default void progress(MoveProgress progress) {
	}
}
