package org.hibernate.shards.internal.cfg;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hibernate.cfg.AvailableSettings;
import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardingConfigurationException;
import org.hibernate.shards.cfg.ShardedSettings;
import org.hibernate.shards.internal.id.ShardedIdLayout;
import org.hibernate.shards.internal.routing.VirtualShardMap;
import org.hibernate.shards.spi.strategy.DefaultShardStrategyFactory;
import org.hibernate.shards.spi.strategy.ShardStrategyFactory;

/**
 * The one place that reads {@code hibernate.shards.*} settings. Everything is validated here, before any pool or
 * factory is opened, and every error names the property, its value and what is expected.
 */
public final class ShardsSettings {
	private static final Pattern SHARD_SETTING = Pattern.compile( "hibernate\\.shards\\.(\\d+)\\.(.+)" );

	private final Map<String, Object> all;
	private final List<PhysicalShardSettings> shards;
	private final VirtualShardMap map;
	private final boolean crossShardChecks;
	private final Integer idNode;
	private final ShardStrategyFactory strategyFactory;

	private ShardsSettings(Map<String, Object> all) {
		this.all = Collections.unmodifiableMap( all );
		this.shards = physicalShards( all );
		List<ShardId> ids = shards.stream().map( PhysicalShardSettings::shardId ).toList();
		int virtualShards = virtualShardCount( all, ids.size() );
		Object mapText = all.get( ShardedSettings.VIRTUAL_SHARD_MAP );
		this.map = mapText == null || mapText.toString().isBlank()
				? VirtualShardMap.evenlySpread( virtualShards, ids )
				: VirtualShardMap.parse( mapText.toString(), virtualShards, ids );
		this.crossShardChecks = bool( all, ShardedSettings.CROSS_SHARD_RELATIONSHIP_CHECKS, true );
		this.idNode = optionalInt( all, ShardedSettings.ID_NODE, 0, ShardedIdLayout.MAX_NODES - 1 );
		this.strategyFactory = strategyFactory( all );
	}

	public static ShardsSettings of(Map<String, Object> settings) {
		return new ShardsSettings( new HashMap<>( settings ) );
	}

	private static List<PhysicalShardSettings> physicalShards(Map<String, Object> all) {
		Map<String, Object> shared = new HashMap<>();
		Map<Integer, Map<String, Object>> own = new HashMap<>();
		all.forEach( (key, value) -> {
			Matcher matcher = SHARD_SETTING.matcher( key );
			if ( matcher.matches() ) {
				int shard;
				try {
					shard = Integer.parseInt( matcher.group( 1 ) );
				}
				catch (NumberFormatException e) {
					throw new ShardingConfigurationException( key + ": shard number " + matcher.group( 1 ) + " is too large" );
				}
				own.computeIfAbsent( shard, n -> new HashMap<>() ).put( "hibernate." + matcher.group( 2 ), value );
			}
			else if ( !key.startsWith( ShardedSettings.PREFIX ) ) {
				shared.put( key, value );
			}
		} );
		if ( own.isEmpty() ) {
			throw new ShardingConfigurationException( "No shards are configured: set " + ShardedSettings.PREFIX
					+ "0.connection.url (and .username, .password) for the first physical shard, 1 for the second, and so on" );
		}
		int count = Collections.max( own.keySet() ) + 1;
		List<PhysicalShardSettings> shards = new ArrayList<>( count );
		for ( int n = 0; n < count; n++ ) {
			Map<String, Object> settings = new HashMap<>( shared );
			Map<String, Object> mine = own.get( n );
			Object url = mine == null ? null : mine.get( AvailableSettings.URL );
			if ( url == null || url.toString().isBlank() ) {
				throw new ShardingConfigurationException( ShardedSettings.PREFIX + n + ".connection.url is missing: physical shards are "
						+ "numbered from 0 without gaps and each needs its own URL (shards configured: " + new TreeSet<>( own.keySet() ) + ")" );
			}
			settings.putAll( mine );
			shards.add( new PhysicalShardSettings( ShardId.of( n ), Collections.unmodifiableMap( settings ), url.toString().trim() ) );
		}
		return List.copyOf( shards );
	}

	private static int virtualShardCount(Map<String, Object> all, int physicalShards) {
		Integer configured = optionalInt( all, ShardedSettings.VIRTUAL_SHARDS, 1, ShardedSettings.MAX_VIRTUAL_SHARDS );
		if ( configured == null ) {
			return Math.max( ShardedSettings.DEFAULT_VIRTUAL_SHARDS, physicalShards );
		}
		if ( configured < physicalShards ) {
			throw new ShardingConfigurationException( ShardedSettings.VIRTUAL_SHARDS + "=" + configured + " is fewer than the "
					+ physicalShards + " physical shards; each physical shard needs at least one virtual shard to hold data" );
		}
		return configured;
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

	public static boolean bool(Map<String, Object> all, String name, boolean defaultValue) {
		Object value = all.get( name );
		if ( value == null ) {
			return defaultValue;
		}
		String text = value.toString().trim();
		if ( text.equalsIgnoreCase( "true" ) || text.equalsIgnoreCase( "false" ) ) {
			return Boolean.parseBoolean( text );
		}
		throw new ShardingConfigurationException( name + "=" + value + " is not true or false" );
	}

	/** @return the integer value, or {@code null} when unset */
	public static Integer optionalInt(Map<String, Object> all, String name, long min, long max) {
		Long value = optionalLong( all, name, min, max );
		return value == null ? null : value.intValue();
	}

	public static Long optionalLong(Map<String, Object> all, String name, long min, long max) {
		Object value = all.get( name );
		if ( value == null || value.toString().isBlank() ) {
			return null;
		}
		long number;
		try {
			number = Long.parseLong( value.toString().trim() );
		}
		catch (NumberFormatException e) {
			throw new ShardingConfigurationException( name + "=" + value + " is not a whole number" );
		}
		if ( number < min || number > max ) {
			throw new ShardingConfigurationException( name + "=" + value + " is out of range: expected " + min + " to " + max );
		}
		return number;
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

	/** @return the configured id node, or {@code null} to lease one */
	public Integer idNode() {
		return idNode;
	}

	public ShardStrategyFactory strategyFactory() {
		return strategyFactory;
	}
}
