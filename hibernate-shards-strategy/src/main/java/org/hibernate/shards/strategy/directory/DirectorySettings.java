package org.hibernate.shards.strategy.directory;

/** The settings of the partition directory. */
public final class DirectorySettings {
	private DirectorySettings() {
	}

	/** {@code true} to route through the partition directory. Default: {@code false}. */
	public static final String ENABLED = "hibernate.shards.directory.enabled";

	/** JDBC URL of the control database that holds the directory's tables. Default: physical shard 0. */
	public static final String URL = "hibernate.shards.directory.url";
	public static final String USERNAME = "hibernate.shards.directory.username";
	public static final String PASSWORD = "hibernate.shards.directory.password";

	/**
	 * How stale, at most, an instance's copy of the directory may be, in seconds: each instance checks the directory's
	 * version this often and re-reads it when it moved. Default: {@value #DEFAULT_REFRESH_SECONDS}.
	 */
	public static final String REFRESH_SECONDS = "hibernate.shards.directory.refresh_seconds";
	public static final int DEFAULT_REFRESH_SECONDS = 5;

	/**
	 * Where a value goes when its partition is not in the directory: {@code default_partition} (the default) sends it to
	 * the entity's default partition, when it has one, and hashes it otherwise; {@code hash} always hashes it.
	 */
	public static final String FALLBACK = "hibernate.shards.directory.fallback";
}
