package org.hibernate.shards.strategy.directory;

import java.util.Set;

/**
 * The settings of the partition directory, which come with hibernate-shards-strategy. Like every
 * {@code hibernate.shards.*} setting, a misspelled one fails the build of the factory with the closest valid name.
 */
public final class DirectorySettings {
	private DirectorySettings() {
	}

	/** {@code true} to route through the partition directory. Default: {@value #DEFAULT_ENABLED}. */
	public static final String ENABLED = "hibernate.shards.directory.enabled";
	public static final boolean DEFAULT_ENABLED = false;

	/**
	 * JDBC URL of the control database that holds the directory's tables, e.g. {@code jdbc:mysql://control:3306/directory}.
	 * A MySQL or MariaDB one also holds the {@code @ShardedId} node lease, so that new ids do not depend on shard 0; every
	 * instance must then use it (change it only with every instance stopped). Default: physical shard 0 (and its pool).
	 */
	public static final String URL = "hibernate.shards.directory.url";

	/** The user for {@link #URL}. Default: none (the driver's). */
	public static final String USERNAME = "hibernate.shards.directory.username";

	/** The password for {@link #URL}; it never appears in messages. Default: none. */
	public static final String PASSWORD = "hibernate.shards.directory.password";

	/**
	 * How stale, at most, an instance's copy of the directory may be, in seconds, e.g. {@code 30}: each instance checks
	 * the directory's version this often and re-reads it when it moved; at least every third of
	 * {@code hibernate.shards.move.instance_timeout_seconds}, since that check is also its heartbeat to movers.
	 * Default: {@value #DEFAULT_REFRESH_SECONDS}.
	 */
	public static final String REFRESH_SECONDS = "hibernate.shards.directory.refresh_seconds";
	public static final int DEFAULT_REFRESH_SECONDS = 5;

	/**
	 * Where a value goes when its partition is not in the directory: {@code default_partition} sends it to the entity's
	 * default partition, when it has one, and hashes it otherwise; {@code hash} always hashes it.
	 * Default: {@value #DEFAULT_FALLBACK}.
	 */
	public static final String FALLBACK = "hibernate.shards.directory.fallback";
	public static final String DEFAULT_FALLBACK = "default_partition";

	/** Every setting of the directory. */
	public static final Set<String> ALL = Set.of( ENABLED, URL, USERNAME, PASSWORD, REFRESH_SECONDS, FALLBACK );
}
