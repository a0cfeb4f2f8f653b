package org.hibernate.shards.admin;

/** The journalled steps of a move, in order. A move that stopped resumes from its last step. */
public enum MoveStep {
	/** Rows are being copied to the target, and writes made meanwhile followed. Writes go on at the source. */
	COPYING,
	/** The copy is verified and the source's fence is closed: writes to the virtual shard wait for the switch. */
	FENCED,
	/** The directory places the virtual shard on the target; the source's rows wait for every instance to follow. */
	SWITCHED,
	/** The source's rows are purged: the move is done. */
	DONE,
	/** The move was rolled back before its switch: the virtual shard stayed at the source. */
	ROLLED_BACK
}
