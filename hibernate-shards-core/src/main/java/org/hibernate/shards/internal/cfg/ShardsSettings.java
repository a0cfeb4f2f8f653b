package org.hibernate.shards.internal.cfg;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.regex.Matcher;

import org.hibernate.cfg.AvailableSettings;
import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardingConfigurationException;
import org.hibernate.shards.cfg.ShardedSettings;
import org.hibernate.shards.internal.id.ShardedIdLayout;
import org.hibernate.shards.internal.routing.VirtualShardMap;
import org.hibernate.shards.spi.SettingValues;
import org.hibernate.shards.spi.ShardingExtension;
import org.hibernate.shards.spi.strategy.DefaultShardStrategyFactory;
import org.hibernate.shards.spi.strategy.ShardStrategyFactory;

/**
 * The one place that reads {@code hibernate.shards.*} settings. Everything is validated here, before any pool or
 * factory is opened, and every error names the property, its value and what is expected: first the names (a
 * misspelled setting would otherwise be ignored and explain the errors that follow), then the core values, then each
 * extension's own.
 */
public final class ShardsSettings {
	private final Map<String, Object> all;
	private final List<PhysicalShardSettings> shards;
	private final VirtualShardMap map;
	private final boolean crossShardChecks;
	private final OptionalInt idNode;
	private final int idLeaseSeconds;
	private final long deepPagingWarningRows;
	private final boolean partialResultsByDefault;
	private final ShardStrategyFactory strategyFactory;
	private final Object meterRegistry;
	private final long healthTimeoutMillis;

	private ShardsSettings(Map<String, Object> all, Collection<ShardingExtension> extensions) {
		new SettingNames( extensions.stream().flatMap( extension -> extension.settingNames().stream() ).toList() )
				.requireKnown( all.keySet() );
		this.all = Collections.unmodifiableMap( all );
		SettingValues values = SettingValues.of( all );
		this.shards = physicalShards( all );
		List<ShardId> ids = shards.stream().map( PhysicalShardSettings::shardId ).toList();
		int virtualShards = virtualShardCount( values, ids.size() );
		this.map = values.text( ShardedSettings.VIRTUAL_SHARD_MAP )
				.map( text -> VirtualShardMap.parse( text, virtualShards, ids ) )
				.orElseGet( () -> VirtualShardMap.evenlySpread( virtualShards, ids,
						shards.stream().filter( shard -> !shard.standby() ).map( PhysicalShardSettings::shardId ).toList() ) );
		for ( PhysicalShardSettings shard : shards ) {
			if ( shard.standby() && !map.virtualShardsOf( shard.shardId() ).isEmpty() ) {
				throw new ShardingConfigurationException( ShardedSettings.ofShard( shard.shardId().getId(), ShardedSettings.STANDBY_SUFFIX )
						+ "=true but " + ShardedSettings.VIRTUAL_SHARD_MAP + " places virtual shards " + map.virtualShardsOf( shard.shardId() )
						+ " on it; a standby shard holds none" );
			}
		}
		this.crossShardChecks = values.bool( ShardedSettings.CROSS_SHARD_RELATIONSHIP_CHECKS,
				ShardedSettings.DEFAULT_CROSS_SHARD_RELATIONSHIP_CHECKS );
		this.idNode = values.optionalInt( ShardedSettings.ID_NODE, 0, ShardedIdLayout.MAX_NODES - 1 );
		this.idLeaseSeconds = values.intValue( ShardedSettings.ID_LEASE_SECONDS, 1, 3600, ShardedSettings.DEFAULT_ID_LEASE_SECONDS );
		this.deepPagingWarningRows = values.longValue( ShardedSettings.DEEP_PAGING_WARNING_ROWS, 1, Long.MAX_VALUE,
				ShardedSettings.DEFAULT_DEEP_PAGING_WARNING_ROWS );
		this.partialResultsByDefault = values.bool( ShardedSettings.PARTIAL_RESULTS, ShardedSettings.DEFAULT_PARTIAL_RESULTS );
		this.strategyFactory = strategyFactory( all );
		this.meterRegistry = meterRegistry( all.get( ShardedSettings.METRICS_REGISTRY ) );
		this.healthTimeoutMillis = values.longValue( ShardedSettings.HEALTH_TIMEOUT_MS, 1, 3_600_000, ShardedSettings.DEFAULT_HEALTH_TIMEOUT_MS );
		extensions.forEach( extension -> extension.validate( this.all ) );
	}

	/**
	 * @param extensions the installed extensions: the setting names they declare are valid, and they check their values
	 * @throws ShardingConfigurationException naming the first setting at fault
	 */
	public static ShardsSettings of(Map<String, Object> settings, Collection<ShardingExtension> extensions) {
		return new ShardsSettings( new HashMap<>( settings ), extensions );
	}

	/** The shared settings (not {@code hibernate.shards.*}) and each shard number's own, as {@code hibernate.X}. */
	private record Split(Map<String, Object> shared, Map<Integer, Map<String, Object>> own) {
	}

	/** The name a shard's URL was configured under, its number written as the configuration wrote it. */
	private static String urlSetting(Map<String, Object> all, int n) {
		for ( String key : all.keySet() ) {
			Matcher matcher = SettingNames.SHARD_SETTING.matcher( key );
			if ( matcher.matches() && ( "hibernate." + matcher.group( 2 ) ).equals( AvailableSettings.URL )
					&& Integer.parseInt( matcher.group( 1 ) ) == n ) {
				return key;
			}
		}
		return ShardedSettings.forShard( n, AvailableSettings.URL );
	}

	/**
	 * Refuses a URL its driver would refuse (a port that is not a number, say) and two shards on one database: the
	 * first would otherwise fail as an unreachable shard after a timeout, the second mix two shards' rows in one place.
	 */
	private static void requireDistinctAddresses(Map<String, Object> all, List<PhysicalShardSettings> shards) {
		Map<ShardAddress, String> seen = new HashMap<>();
		for ( PhysicalShardSettings shard : shards ) {
			String setting = urlSetting( all, shard.shardId().getId() );
			java.util.Optional<ShardAddress> address;
			try {
				address = ShardAddress.parse( shard.url() );
			}
			catch (IllegalArgumentException e) {
				throw new ShardingConfigurationException( setting + "=" + org.hibernate.shards.spi.ShardConnection.safeUrl( shard.url() )
						+ " is not a valid JDBC URL: " + e.getMessage() );
			}
			if ( address.isPresent() ) {
				String other = seen.putIfAbsent( address.get(), setting );
				if ( other != null ) {
					throw new ShardingConfigurationException( other + " and " + setting + " point at the same database ("
							+ String.join( ",", address.get().hosts() ) + "/" + address.get().database()
							+ "); each physical shard needs a database of its own" );
				}
			}
		}
	}

	/**
	 * The registry is an object, never text: its type is checked by name, so that Micrometer is loaded only when the
	 * application has it (it is then the registry's own class loader that knows it).
	 */
	private static Object meterRegistry(Object value) {
		if ( value == null || value instanceof String text && text.isBlank() ) {
			return null;
		}
		String type = "io.micrometer.core.instrument.MeterRegistry";
		boolean registry;
		try {
			registry = Class.forName( type, false, value.getClass().getClassLoader() ).isInstance( value );
		}
		catch (ClassNotFoundException | LinkageError e) {
			registry = false;
		}
		if ( !registry ) {
			throw new ShardingConfigurationException( ShardedSettings.METRICS_REGISTRY + " must be a " + type + " object, not a "
					+ value.getClass().getName() + ( value instanceof String ? " (a registry cannot be named in text: give the object "
					+ "in the settings map, or with ShardedConfiguration.setMeterRegistry)" : "" ) );
		}
		return value;
	}

	private static List<PhysicalShardSettings> physicalShards(Map<String, Object> all) {
		Split split = split( all );
		PhysicalShardSettings.Timeouts timeouts = timeouts( SettingValues.of( all ) );
		Map<Integer, Map<String, Object>> own = split.own();
		if ( own.isEmpty() ) {
			throw new ShardingConfigurationException( "No shards are configured: set " + ShardedSettings.forShard( 0, AvailableSettings.URL )
					+ " (and .username, .password) for the first physical shard, 1 for the second, and so on" );
		}
		int count = Collections.max( own.keySet() ) + 1;
		List<PhysicalShardSettings> shards = new ArrayList<>( count );
		for ( int n = 0; n < count; n++ ) {
			Map<String, Object> mine = own.getOrDefault( n, Map.of() );
			Object url = mine.get( AvailableSettings.URL );
			if ( url == null || url.toString().isBlank() ) {
				throw new ShardingConfigurationException( ShardedSettings.forShard( n, AvailableSettings.URL ) + " is missing: physical shards are "
						+ "numbered from 0 without gaps and each needs its own URL (shards configured: " + new TreeSet<>( own.keySet() ) + ")" );
			}
			shards.add( shard( n, split.shared(), mine, url.toString().trim(), 0, timeouts ) );
		}
		requireDistinctAddresses( all, shards );
		if ( shards.stream().allMatch( PhysicalShardSettings::standby ) ) {
			throw new ShardingConfigurationException( "Every physical shard is a standby shard (" + ShardedSettings.PREFIX + "<n>."
					+ ShardedSettings.STANDBY_SUFFIX + "=true); at least one must hold the virtual shards" );
		}
		return List.copyOf( shards );
	}

	private static Split split(Map<String, Object> all) {
		Map<String, Object> shared = new HashMap<>();
		Map<Integer, Map<String, Object>> own = new HashMap<>();
		// Each shard number's spellings with their settings: 1 and 01 would otherwise silently merge into one shard.
		Map<Integer, Map<String, Map<String, String>>> spellings = new java.util.TreeMap<>();
		new java.util.TreeMap<>( all ).forEach( (key, value) -> {
			Matcher matcher = SettingNames.SHARD_SETTING.matcher( key );
			if ( matcher.matches() ) {
				int shard;
				try {
					shard = Integer.parseInt( matcher.group( 1 ) );
				}
				catch (NumberFormatException e) {
					throw new ShardingConfigurationException( key + ": shard number " + matcher.group( 1 ) + " is too large" );
				}
				spellings.computeIfAbsent( shard, n -> new java.util.TreeMap<>() ).computeIfAbsent( matcher.group( 1 ), text -> new java.util.TreeMap<>() )
						.put( matcher.group( 2 ), key );
				own.computeIfAbsent( shard, n -> new HashMap<>() ).put( "hibernate." + matcher.group( 2 ), value );
			}
			else if ( !key.startsWith( ShardedSettings.PREFIX ) ) {
				shared.put( key, value );
			}
		} );
		spellings.forEach( ShardsSettings::requireOneSpelling );
		return new Split( shared, own );
	}

	/** @param spellings each way the number was written, with the settings (by suffix) written that way */
	private static void requireOneSpelling(int shard, Map<String, Map<String, String>> spellings) {
		if ( spellings.size() < 2 ) {
			return;
		}
		List<Map<String, String>> ways = List.copyOf( spellings.values() );
		// Name one setting given twice if there is one, since that is the likely mistake; else one setting of each way.
		String first = ways.get( 0 ).values().iterator().next();
		String second = ways.get( 1 ).values().iterator().next();
		for ( Map.Entry<String, String> setting : ways.get( 0 ).entrySet() ) {
			if ( ways.get( 1 ).containsKey( setting.getKey() ) ) {
				first = setting.getValue();
				second = ways.get( 1 ).get( setting.getKey() );
				break;
			}
		}
		throw new ShardingConfigurationException( first + " and " + second + " both configure physical shard " + shard
				+ ", its number written two ways (" + String.join( ", ", spellings.keySet() ) + "); write it one way: "
				+ ShardedSettings.PREFIX + shard + ".*" );
	}

	/**
	 * One shard's settings: the shared ones overlaid with its own; this library's own per-shard settings are read here
	 * and kept from the shard's Hibernate settings.
	 *
	 * @param capacityMb the capacity when the shard's own settings do not declare one
	 */
	private static PhysicalShardSettings shard(int n, Map<String, Object> shared, Map<String, Object> mine, String url, double capacityMb,
			PhysicalShardSettings.Timeouts shardsTimeouts) {
		Map<String, Object> settings = new HashMap<>( shared );
		settings.putAll( mine );
		settings.put( AvailableSettings.URL, url );
		String capacityName = ShardedSettings.ofShard( n, ShardedSettings.CAPACITY_MB_SUFFIX );
		String standbyName = ShardedSettings.ofShard( n, ShardedSettings.STANDBY_SUFFIX );
		String connectName = ShardedSettings.ofShard( n, ShardedSettings.CONNECT_TIMEOUT_SUFFIX );
		String socketName = ShardedSettings.ofShard( n, ShardedSettings.SOCKET_TIMEOUT_SUFFIX );
		SettingValues library = SettingValues.of( Map.of(
				capacityName, mine.getOrDefault( "hibernate." + ShardedSettings.CAPACITY_MB_SUFFIX, "" ),
				standbyName, mine.getOrDefault( "hibernate." + ShardedSettings.STANDBY_SUFFIX, "" ),
				connectName, mine.getOrDefault( "hibernate." + ShardedSettings.CONNECT_TIMEOUT_SUFFIX, "" ),
				socketName, mine.getOrDefault( "hibernate." + ShardedSettings.SOCKET_TIMEOUT_SUFFIX, "" ) ) );
		double capacity = library.doubleValue( capacityName, capacityMb );
		// Read by the shard's pool; checked here so that a typo is named before any pool opens.
		String poolSizeName = mine.containsKey( AvailableSettings.POOL_SIZE ) ? ShardedSettings.forShard( n, AvailableSettings.POOL_SIZE )
				: AvailableSettings.POOL_SIZE;
		SettingValues.of( java.util.Collections.singletonMap( poolSizeName, settings.get( AvailableSettings.POOL_SIZE ) ) )
				.intValue( poolSizeName, 1, Integer.MAX_VALUE, 1 );
		boolean standby = library.bool( standbyName, false );
		java.util.Set<String> explicit = new java.util.TreeSet<>( shardsTimeouts.explicit() );
		for ( String name : List.of( connectName, socketName ) ) {
			if ( !library.text( name ).isEmpty() ) {
				explicit.add( name );
			}
		}
		PhysicalShardSettings.Timeouts timeouts = new PhysicalShardSettings.Timeouts(
				library.intValue( connectName, 1, 3_600_000, shardsTimeouts.connectMillis() ),
				library.intValue( socketName, 0, Integer.MAX_VALUE, shardsTimeouts.socketMillis() ), shardsTimeouts.failFastMillis(),
				java.util.Set.copyOf( explicit ) );
		for ( String suffix : List.of( ShardedSettings.CAPACITY_MB_SUFFIX, ShardedSettings.STANDBY_SUFFIX, ShardedSettings.CONNECT_TIMEOUT_SUFFIX,
				ShardedSettings.SOCKET_TIMEOUT_SUFFIX ) ) {
			settings.remove( "hibernate." + suffix );
		}
		return new PhysicalShardSettings( ShardId.of( n ), Collections.unmodifiableMap( settings ), url, capacity, standby, timeouts );
	}

	/**
	 * The settings of a shard added while the application runs: the URL and capacity the directory recorded, with the
	 * shared settings and this instance's own settings for that shard number (credentials are never in the directory).
	 */
	public PhysicalShardSettings addedShard(int n, String url, double capacityMb) {
		Split split = split( all );
		Map<String, Object> shared = new HashMap<>( split.shared() );
		// Opening a shard that holds data must never drop or rebuild its tables, whatever the instance's own schema setting.
		shared.put( AvailableSettings.HBM2DDL_AUTO, "none" );
		shared.remove( AvailableSettings.JAKARTA_HBM2DDL_DATABASE_ACTION );
		return shard( n, shared, split.own().getOrDefault( n, Map.of() ), url, capacityMb, timeouts( SettingValues.of( all ) ) );
	}

	private static PhysicalShardSettings.Timeouts timeouts(SettingValues values) {
		java.util.Set<String> explicit = new java.util.TreeSet<>();
		for ( String name : List.of( ShardedSettings.CONNECT_TIMEOUT_MS, ShardedSettings.SOCKET_TIMEOUT_MS ) ) {
			if ( !values.text( name ).isEmpty() ) {
				explicit.add( name );
			}
		}
		return new PhysicalShardSettings.Timeouts(
				values.intValue( ShardedSettings.CONNECT_TIMEOUT_MS, 1, 3_600_000, ShardedSettings.DEFAULT_CONNECT_TIMEOUT_MS ),
				values.intValue( ShardedSettings.SOCKET_TIMEOUT_MS, 0, Integer.MAX_VALUE, ShardedSettings.DEFAULT_SOCKET_TIMEOUT_MS ),
				values.intValue( ShardedSettings.FAIL_FAST_MS, 0, 3_600_000, ShardedSettings.DEFAULT_FAIL_FAST_MS ),
				java.util.Set.copyOf( explicit ) );
	}

	private static int virtualShardCount(SettingValues values, int physicalShards) {
		OptionalInt configured = values.optionalInt( ShardedSettings.VIRTUAL_SHARDS, 1, ShardedSettings.MAX_VIRTUAL_SHARDS );
		if ( configured.isEmpty() ) {
			return Math.max( ShardedSettings.DEFAULT_VIRTUAL_SHARDS, physicalShards );
		}
		if ( configured.getAsInt() < physicalShards ) {
			throw new ShardingConfigurationException( ShardedSettings.VIRTUAL_SHARDS + "=" + configured.getAsInt() + " is fewer than the "
					+ physicalShards + " physical shards; each physical shard needs at least one virtual shard to hold data" );
		}
		return configured.getAsInt();
	}

	private static ShardStrategyFactory strategyFactory(Map<String, Object> all) {
		Object value = all.get( ShardedSettings.STRATEGY_FACTORY );
		if ( value == null || value.toString().isBlank() ) {
			return new DefaultShardStrategyFactory();
		}
		if ( value instanceof ShardStrategyFactory instance ) {
			return instance;
		}
		String className = value.toString().trim();
		try {
			Class<?> type = Class.forName( className, true, classLoader() );
			if ( !ShardStrategyFactory.class.isAssignableFrom( type ) ) {
				throw new ShardingConfigurationException( ShardedSettings.STRATEGY_FACTORY + "=" + className + " does not implement "
						+ ShardStrategyFactory.class.getName() );
			}
			return (ShardStrategyFactory) type.getDeclaredConstructor().newInstance();
		}
		catch (ClassNotFoundException e) {
			throw new ShardingConfigurationException( ShardedSettings.STRATEGY_FACTORY + "=" + className + ": no such class", e );
		}
		catch (NoSuchMethodException | InstantiationException | IllegalAccessException | InvocationTargetException e) {
			throw new ShardingConfigurationException( ShardedSettings.STRATEGY_FACTORY + "=" + className
					+ " cannot be created: it needs a public constructor without arguments", e );
		}
	}

	private static ClassLoader classLoader() {
		ClassLoader context = Thread.currentThread().getContextClassLoader();
		return context != null ? context : ShardsSettings.class.getClassLoader();
	}

	public Map<String, Object> all() {
		return all;
	}

	public List<PhysicalShardSettings> shards() {
		return shards;
	}

	public VirtualShardMap virtualShardMap() {
		return map;
	}

	public boolean crossShardChecks() {
		return crossShardChecks;
	}

	/** @return the configured id node, or empty to lease one */
	public int idLeaseSeconds() {
		return idLeaseSeconds;
	}

	public OptionalInt idNode() {
		return idNode;
	}

	/** @return the offset + limit from which a merged page logs its warning */
	public long deepPagingWarningRows() {
		return deepPagingWarningRows;
	}

	/** @return whether queries return partial results unless a query hint says otherwise */
	public boolean partialResultsByDefault() {
		return partialResultsByDefault;
	}

	/** @return the Micrometer {@code MeterRegistry} meters go to, or {@code null} to measure nothing */
	public Object meterRegistry() {
		return meterRegistry;
	}

	/** @return how long a health check waits for each shard's probe */
	public long healthTimeoutMillis() {
		return healthTimeoutMillis;
	}

	public ShardStrategyFactory strategyFactory() {
		return strategyFactory;
	}
}
