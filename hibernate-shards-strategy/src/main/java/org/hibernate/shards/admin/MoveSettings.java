package org.hibernate.shards.admin;

import java.util.Set;

/**
 * The settings of moves, which come with hibernate-shards-strategy and apply when the partition directory is enabled.
 * Like every {@code hibernate.shards.*} setting, a misspelled one fails the build of the factory.
 */
public final class MoveSettings {
	private MoveSettings() {
	}

	/** Rows per statement when a move copies, catches up and purges. Default: {@value #DEFAULT_BATCH_SIZE}. */
	public static final String BATCH_SIZE = "hibernate.shards.move.batch_size";
	public static final int DEFAULT_BATCH_SIZE = 500;

	/**
	 * How long, in seconds, a write to a virtual shard whose move is in its final pause waits before it fails with a
	 * {@link org.hibernate.shards.VirtualShardMovingException}; on MySQL (not MariaDB) the server's
	 * {@code innodb_lock_wait_timeout} bounds the wait instead. Default: {@value #DEFAULT_FENCE_WAIT_SECONDS}.
	 */
	public static final String FENCE_WAIT_SECONDS = "hibernate.shards.move.fence_wait_seconds";
	public static final int DEFAULT_FENCE_WAIT_SECONDS = 5;

	/** How many virtual shards may move at once, over every process sharing the directory. Default: {@value #DEFAULT_MAX_CONCURRENT}. */
	public static final String MAX_CONCURRENT = "hibernate.shards.move.max_concurrent";
	public static final int DEFAULT_MAX_CONCURRENT = 2;

	/**
	 * After how many seconds without a heartbeat an application instance counts as gone: a move purges its source once
	 * every instance that is not gone routes by the new placement. Default: {@value #DEFAULT_INSTANCE_TIMEOUT_SECONDS}.
	 */
	public static final String INSTANCE_TIMEOUT_SECONDS = "hibernate.shards.move.instance_timeout_seconds";
	public static final int DEFAULT_INSTANCE_TIMEOUT_SECONDS = 30;

	/** Every setting of moves. */
	public static final Set<String> ALL = Set.of( BATCH_SIZE, FENCE_WAIT_SECONDS, MAX_CONCURRENT, INSTANCE_TIMEOUT_SECONDS );
}
