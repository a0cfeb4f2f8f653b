package org.hibernate.shards.cfg;

/**
 * The names of every {@code hibernate.shards.*} setting, grouped by topic, each with its default. Set them as
 * {@code <property>} elements of {@code hibernate.cfg.xml} or with {@link ShardedConfiguration#setProperty}.
 * <p>
 * A {@code hibernate.shards.*} name that is none of these, nor a per-shard setting, nor an entity's key function, nor a
 * setting an installed {@link org.hibernate.shards.spi.ShardingExtension} declares (the partition directory's are in
 * {@code org.hibernate.shards.strategy.directory.DirectorySettings}), fails the build of the factory with a
 * {@link org.hibernate.shards.ShardingConfigurationException} that suggests the closest valid name: a misspelled setting
 * is never silently ignored. A blank value counts as unset.
 */
public final class ShardedSettings {
	private ShardedSettings() {
	}

	/** The prefix of every setting of this library. */
	public static final String PREFIX = "hibernate.shards.";

	// ---- physical shards

	/**
	 * Per-shard settings follow one rule: {@code hibernate.shards.<n>.X} sets {@code hibernate.X} for physical shard
	 * {@code n} only, overriding the value shared by all shards. So {@code hibernate.shards.2.connection.url} is shard 2's
	 * {@code hibernate.connection.url} (required for every shard; shards are numbered from 0 without gaps), and
	 * {@code hibernate.shards.2.hikari.maximumPoolSize} its pool size. These names are Hibernate's and HikariCP's, passed on
	 * unchecked. Default: the shared {@code hibernate.X}.
	 *
	 * @param shard the physical shard, from 0
	 * @param hibernateSetting a Hibernate setting, e.g. {@code hibernate.connection.url}
	 *        ({@link org.hibernate.cfg.AvailableSettings#URL})
	 * @return e.g. {@code hibernate.shards.2.connection.url}
	 * @throws IllegalArgumentException when the setting does not start with {@code hibernate.}, which the rule cannot express
	 */
	public static String forShard(int shard, String hibernateSetting) {
		if ( !hibernateSetting.startsWith( "hibernate." ) ) {
			throw new IllegalArgumentException( hibernateSetting + " is not a hibernate.* setting; per-shard settings are hibernate.shards.<n>.X for hibernate.X" );
		}
		return PREFIX + shard + "." + hibernateSetting.substring( "hibernate.".length() );
	}

	/**
	 * {@code hibernate.shards.<n>.capacity_mb}: how much data and index, in MB, physical shard {@code n} should hold at
	 * most, e.g. {@code 8192} for a server whose buffer pool keeps 8 GB in memory. Read by the shard administration
	 * ({@code ShardAdmin.status()} and {@code rebalance}), which moves virtual shards off a shard over its capacity. An
	 * exception to the per-shard rule above: it is this library's, not Hibernate's. Default: none (no limit).
	 */
	public static final String CAPACITY_MB_SUFFIX = "capacity_mb";

	/**
	 * {@code hibernate.shards.<n>.standby=true} makes physical shard {@code n} a standby shard: the default placement
	 * leaves it empty, ready to take virtual shards when capacity is needed (Pyshards' shard bucket). Like
	 * {@link #CAPACITY_MB_SUFFIX}, this library's own. Default: {@code false}.
	 */
	public static final String STANDBY_SUFFIX = "standby";

	/**
	 * How long, in milliseconds, opening a connection to a shard may take before it fails ({@code connectTimeout} of
	 * MySQL Connector/J and the MariaDB driver); per shard {@code hibernate.shards.<n>.connect_timeout_ms}. Default:
	 * {@value #DEFAULT_CONNECT_TIMEOUT_MS}.
	 */
	public static final String CONNECT_TIMEOUT_MS = "hibernate.shards.connect_timeout_ms";
	public static final String CONNECT_TIMEOUT_SUFFIX = "connect_timeout_ms";
	public static final int DEFAULT_CONNECT_TIMEOUT_MS = 3_000;

	/**
	 * How long, in milliseconds, a shard may leave a statement, a fetch or a commit unanswered before the connection is
	 * given up and the work fails with {@link org.hibernate.shards.ShardUnavailableException} naming the shard
	 * ({@code socketTimeout} of the driver): a server that hangs, a network that drops packets, a lock waited for too
	 * long. Per shard {@code hibernate.shards.<n>.socket_timeout_ms}; 0 waits for ever. Default:
	 * {@value #DEFAULT_SOCKET_TIMEOUT_MS}.
	 */
	public static final String SOCKET_TIMEOUT_MS = "hibernate.shards.socket_timeout_ms";
	public static final String SOCKET_TIMEOUT_SUFFIX = "socket_timeout_ms";
	public static final int DEFAULT_SOCKET_TIMEOUT_MS = 30_000;

	/**
	 * How long, in milliseconds, requests for a shard's connections fail at once (with
	 * {@link org.hibernate.shards.ShardUnavailableException}) after the shard failed to give one, while it is probed in
	 * the background: work that also touches live shards keeps their pace instead of waiting the connection timeout at
	 * every turn. The first probe the shard answers ends it early; 0 turns it off. Default: {@value #DEFAULT_FAIL_FAST_MS}.
	 */
	public static final String FAIL_FAST_MS = "hibernate.shards.fail_fast_ms";
	public static final int DEFAULT_FAIL_FAST_MS = 5_000;

	/** @return the name of a per-shard setting of this library's own, e.g. {@code hibernate.shards.2.capacity_mb} */
	public static String ofShard(int shard, String suffix) {
		return PREFIX + shard + "." + suffix;
	}

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

	// ---- virtual shards

	/**
	 * The number of virtual shards, e.g. {@code 64}. Fixed for the life of the data: entities are hashed onto virtual
	 * shards, and only whole virtual shards move between physical shards. At least the number of physical shards, at most
	 * {@value #MAX_VIRTUAL_SHARDS} (the id layout of {@link org.hibernate.shards.annotations.ShardedId} has 10 bits for it).
	 * Default: {@value #DEFAULT_VIRTUAL_SHARDS}, or the number of physical shards if that is larger.
	 */
	public static final String VIRTUAL_SHARDS = "hibernate.shards.virtual_shards";
	public static final int DEFAULT_VIRTUAL_SHARDS = 256;
	public static final int MAX_VIRTUAL_SHARDS = 1024;

	/**
	 * Which physical shard holds each virtual shard, as comma-separated {@code virtualRange:physicalShard} pairs,
	 * e.g. {@code 0-7:0,8-15:1,16-31:2}. Every virtual shard must be assigned exactly once; physical shards that
	 * receive none hold nothing (standby). Default: contiguous, equal ranges over the physical shards that are not
	 * {@linkplain #STANDBY_SUFFIX standby}.
	 */
	public static final String VIRTUAL_SHARD_MAP = "hibernate.shards.virtual_shard_map";

	// ---- strategies

	/**
	 * How an operation runs over several shards: {@code sequential} (one after another, on the calling thread) or
	 * {@code parallel}. Default: {@value #DEFAULT_ACCESS_STRATEGY}.
	 */
	public static final String ACCESS_STRATEGY = "hibernate.shards.access_strategy";
	public static final String DEFAULT_ACCESS_STRATEGY = "sequential";

	/** Threads of the parallel access strategy's pool, 1 to 1024, e.g. {@code 8}. Default: the number of physical shards. */
	public static final String PARALLEL_THREADS = "hibernate.shards.parallel.threads";

	/**
	 * How long, in milliseconds, a parallel operation waits for all its shards, e.g. {@code 5000}.
	 * Default: {@value #DEFAULT_PARALLEL_TIMEOUT_MS}.
	 */
	public static final String PARALLEL_TIMEOUT_MS = "hibernate.shards.parallel.timeout_ms";
	public static final long DEFAULT_PARALLEL_TIMEOUT_MS = 30_000;

	/**
	 * Class name of a custom {@link org.hibernate.shards.spi.strategy.ShardStrategyFactory} with a public no-argument
	 * constructor, e.g. {@code com.example.ByRegionStrategies}.
	 * Default: {@link org.hibernate.shards.spi.strategy.DefaultShardStrategyFactory}.
	 */
	public static final String STRATEGY_FACTORY = "hibernate.shards.strategy_factory";

	// ---- checks and ids

	/**
	 * Whether writes that would make an entity on one shard reference an entity on another fail with
	 * {@link org.hibernate.shards.CrossShardAssociationException}. Default: {@value #DEFAULT_CROSS_SHARD_RELATIONSHIP_CHECKS}.
	 */
	public static final String CROSS_SHARD_RELATIONSHIP_CHECKS = "hibernate.shards.cross_shard_relationship_checks";
	public static final boolean DEFAULT_CROSS_SHARD_RELATIONSHIP_CHECKS = true;

	/**
	 * The generator node of {@link org.hibernate.shards.annotations.ShardedId}, 0 to 31, unique among the
	 * application instances that share the shards, e.g. {@code 3}. Default: leased from shard 0 with a MySQL named lock
	 * ({@code GET_LOCK}) held for the life of the factory; on databases without named locks, 0.
	 */
	public static final String ID_NODE = "hibernate.shards.id.node";

	/**
	 * How long, in seconds, an instance issues {@link org.hibernate.shards.annotations.ShardedId} values after it last
	 * checked that it still holds its node's lease (checked every fifth of it); and how far ahead of its clock an
	 * instance that takes a node issues its first ids, so that they cannot meet those of one that lost the node.
	 * Default: {@value #DEFAULT_ID_LEASE_SECONDS}.
	 */
	public static final String ID_LEASE_SECONDS = "hibernate.shards.id.lease_seconds";
	public static final int DEFAULT_ID_LEASE_SECONDS = 10;

	// ---- key functions

	/**
	 * The prefix of an entity's key function setting; see {@link #entityFunction(String)}.
	 */
	public static final String ENTITY_PREFIX = "hibernate.shards.entity.";

	/** The suffix of an entity's key function setting; see {@link #entityFunction(String)}. */
	public static final String FUNCTION_SUFFIX = ".function";

	/**
	 * The name of the setting that gives an entity's key function, {@code hibernate.shards.entity.<EntityName>.function},
	 * for example {@code hibernate.shards.entity.Member.function=PREFIX(3)}. It wins over {@code @ShardKey(function)}.
	 * The functions other than {@code HASH()} and {@code NONE()} come with hibernate-shards-strategy.
	 * Default: {@code @ShardKey(function)}, else the hash of the key.
	 *
	 * @param jpaEntityName the JPA entity name ({@code @Entity(name)}, or the simple class name)
	 */
	public static String entityFunction(String jpaEntityName) {
		return ENTITY_PREFIX + jpaEntityName + FUNCTION_SUFFIX;
	}

	// ---- queries

	/**
	 * Paging is merged by asking every shard for offset + limit rows. When a query asks for at least this many, a warning
	 * is logged once (deep pages are better served by keyset paging), e.g. {@code 50000}.
	 * Default: {@value #DEFAULT_DEEP_PAGING_WARNING_ROWS}.
	 */
	public static final String DEEP_PAGING_WARNING_ROWS = "hibernate.shards.query.deep_paging_warning_rows";
	public static final long DEFAULT_DEEP_PAGING_WARNING_ROWS = 10_000;

	/**
	 * Whether queries answer with the rows of the shards that could be reached when others cannot, returning a
	 * {@link org.hibernate.shards.query.PartialResultList} that names the failed shards. Per query, the hint
	 * {@link org.hibernate.shards.query.ShardedQueryHints#PARTIAL_RESULTS} wins. Default: {@value #DEFAULT_PARTIAL_RESULTS}.
	 */
	public static final String PARTIAL_RESULTS = "hibernate.shards.query.partial_results";
	public static final boolean DEFAULT_PARTIAL_RESULTS = false;

	// ---- metrics and health

	/**
	 * The Micrometer {@code io.micrometer.core.instrument.MeterRegistry} to publish meters to: the registry object itself,
	 * given in the settings map (as Spring Boot's {@code spring.jpa.properties} map does) or with
	 * {@link ShardedConfiguration#setMeterRegistry(Object)}. The shards' pools publish theirs to it too (HikariCP's
	 * {@code hikaricp.*}, tagged {@code pool=hibernate-shards-<n>}). Micrometer is needed on the class path only when one is
	 * given. See docs/observability.md. Default: none, and nothing is measured.
	 */
	public static final String METRICS_REGISTRY = "hibernate.shards.metrics.registry";

	/**
	 * How long, in milliseconds, {@link org.hibernate.shards.ShardedSessionFactory#health()} waits for each shard's
	 * probe, e.g. {@code 500}; a shard that has not answered by then is reported down, and a hung shard's probe is not
	 * repeated while it hangs. Default: {@value #DEFAULT_HEALTH_TIMEOUT_MS}.
	 */
	public static final String HEALTH_TIMEOUT_MS = "hibernate.shards.health.timeout_ms";
	public static final long DEFAULT_HEALTH_TIMEOUT_MS = 1_000;
}
