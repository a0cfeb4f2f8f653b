package org.hibernate.shards.cfg;

/**
 * The names of every {@code hibernate.shards.*} setting, with their defaults. Set them as
 * {@code <property>} elements of {@code hibernate.cfg.xml} or with {@link ShardedConfiguration#setProperty}.
 * <p>
 * Per-shard settings follow one rule: {@code hibernate.shards.<n>.X} sets {@code hibernate.X} for physical
 * shard {@code n} only, overriding the value shared by all shards. So {@code hibernate.shards.2.connection.url}
 * is shard 2's {@code hibernate.connection.url}, and {@code hibernate.shards.2.hikari.maximumPoolSize} its pool size.
 */
public final class ShardedSettings {
	private ShardedSettings() {
	}

	/** The prefix of every setting of this library. */
	public static final String PREFIX = "hibernate.shards.";

	/**
	 * The number of virtual shards. Fixed for the life of the data: entities are hashed onto virtual shards,
	 * and only whole virtual shards move between physical shards. At least the number of physical shards,
	 * at most 1024 (the id layout of {@link org.hibernate.shards.annotations.ShardedId} has 10 bits for it).
	 * Default: {@value #DEFAULT_VIRTUAL_SHARDS}, or the number of physical shards if that is larger.
	 */
	public static final String VIRTUAL_SHARDS = "hibernate.shards.virtual_shards";
	public static final int DEFAULT_VIRTUAL_SHARDS = 256;
	public static final int MAX_VIRTUAL_SHARDS = 1024;

	/**
	 * Which physical shard holds each virtual shard, as comma-separated {@code virtualRange:physicalShard} pairs,
	 * e.g. {@code 0-7:0,8-15:1,16-31:2}. Every virtual shard must be assigned exactly once; physical shards that
	 * receive none hold nothing (standby). Default: contiguous, equal ranges over all physical shards.
	 */
	public static final String VIRTUAL_SHARD_MAP = "hibernate.shards.virtual_shard_map";

	/** {@code sequential} (the default) or {@code parallel}: how an operation runs over several shards. */
	public static final String ACCESS_STRATEGY = "hibernate.shards.access_strategy";

	/** Threads of the parallel access strategy's pool. Default: the number of physical shards. */
	public static final String PARALLEL_THREADS = "hibernate.shards.parallel.threads";

	/** How long, in milliseconds, a parallel operation waits for all its shards. Default: {@value #DEFAULT_PARALLEL_TIMEOUT_MS}. */
	public static final String PARALLEL_TIMEOUT_MS = "hibernate.shards.parallel.timeout_ms";
	public static final long DEFAULT_PARALLEL_TIMEOUT_MS = 30_000;

	/** Class name of a custom {@link org.hibernate.shards.spi.strategy.ShardStrategyFactory}. */
	public static final String STRATEGY_FACTORY = "hibernate.shards.strategy_factory";

	/**
	 * Whether writes that would make an entity on one shard reference an entity on another fail with
	 * {@link org.hibernate.shards.CrossShardAssociationException}. Default: {@code true}.
	 */
	public static final String CROSS_SHARD_RELATIONSHIP_CHECKS = "hibernate.shards.cross_shard_relationship_checks";

	/**
	 * The generator node of {@link org.hibernate.shards.annotations.ShardedId}, 0 to 31, unique among the
	 * application instances that share the shards. Default: leased from shard 0 with a MySQL named lock
	 * ({@code GET_LOCK}) held for the life of the factory; on databases without named locks, 0.
	 */
	public static final String ID_NODE = "hibernate.shards.id.node";

	/**
	 * Settings that start with this prefix are HikariCP properties (for example {@code hibernate.hikari.maximumPoolSize}),
	 * applied to every shard's pool; {@code hibernate.shards.<n>.hikari.X} applies to shard n only.
	 * This library sets {@code connectionTimeout=}{@value #DEFAULT_CONNECTION_TIMEOUT_MS} and
	 * {@code validationTimeout=}{@value #DEFAULT_VALIDATION_TIMEOUT_MS} unless told otherwise, so that an unreachable
	 * shard fails fast instead of after HikariCP's 30-second default.
	 */
	public static final String HIKARI_PREFIX = "hibernate.hikari.";
	public static final long DEFAULT_CONNECTION_TIMEOUT_MS = 3_000;
	public static final long DEFAULT_VALIDATION_TIMEOUT_MS = 2_000;

	/**
	 * Paging is merged by asking every shard for offset + limit rows. When a query asks for at least this many, a warning
	 * is logged once (deep pages are better served by keyset paging). Default: {@value #DEFAULT_DEEP_PAGING_WARNING_ROWS}.
	 */
	public static final String DEEP_PAGING_WARNING_ROWS = "hibernate.shards.query.deep_paging_warning_rows";
	public static final long DEFAULT_DEEP_PAGING_WARNING_ROWS = 10_000;

	/**
	 * Whether queries answer with the rows of the shards that could be reached when others cannot, returning a
	 * {@link org.hibernate.shards.query.PartialResultList} that names the failed shards. Per query, the hint
	 * {@link org.hibernate.shards.query.ShardedQueryHints#PARTIAL_RESULTS} wins. Default: {@code false}.
	 */
	public static final String PARTIAL_RESULTS = "hibernate.shards.query.partial_results";
}
