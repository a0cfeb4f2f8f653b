package org.hibernate.shards.internal.boot;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.shards.ShardingConfigurationException;
import org.hibernate.shards.cfg.ShardedSettings;
import org.hibernate.shards.internal.cfg.PhysicalShardSettings;

/**
 * Builds one physical shard's HikariCP pool from its settings: the JDBC URL and credentials, Hibernate's pool
 * size, and {@code hibernate.hikari.*} properties. Timeouts default to a few seconds so that an unreachable shard
 * fails fast; the pool does not connect at start, so a shard that is down does not stop the factory from booting.
 * Given a Micrometer registry, the pool publishes its own meters there ({@code hikaricp.*}, tagged with the pool name,
 * which names the shard).
 */
public final class ShardPool {
	private ShardPool() {
	}

	/** @param meterRegistry a Micrometer {@code MeterRegistry}, or {@code null}: HikariCP takes it untyped, as we do */
	public static HikariDataSource create(PhysicalShardSettings shard, Object meterRegistry) {
		Map<String, Object> settings = shard.settings();
		requireDriver( shard );
		Properties hikari = new Properties();
		settings.forEach( (key, value) -> {
			if ( key.startsWith( ShardedSettings.HIKARI_PREFIX ) && value != null ) {
				hikari.setProperty( key.substring( ShardedSettings.HIKARI_PREFIX.length() ), value.toString() );
			}
		} );
		HikariConfig config;
		try {
			config = new HikariConfig( hikari );
		}
		catch (RuntimeException e) {
			throw new ShardingConfigurationException( "The HikariCP settings of " + shard.shardId() + " are invalid (" + hikari.keySet()
					+ " from hibernate.hikari.* or " + ShardedSettings.PREFIX + shard.shardId().getId() + ".hikari.*): " + e.getMessage(), e );
		}
		config.setJdbcUrl( shard.url() );
		setIfPresent( settings, AvailableSettings.USER, config::setUsername );
		setIfPresent( settings, AvailableSettings.PASS, config::setPassword );
		setIfPresent( settings, AvailableSettings.DRIVER, config::setDriverClassName );
		config.setPoolName( poolName( shard ) );
		if ( !hikari.containsKey( "connectionTimeout" ) ) {
			config.setConnectionTimeout( ShardedSettings.DEFAULT_CONNECTION_TIMEOUT_MS );
		}
		if ( !hikari.containsKey( "validationTimeout" ) ) {
			config.setValidationTimeout( Math.min( ShardedSettings.DEFAULT_VALIDATION_TIMEOUT_MS, config.getConnectionTimeout() ) );
		}
		if ( !hikari.containsKey( "maximumPoolSize" ) && settings.get( AvailableSettings.POOL_SIZE ) != null ) {
			config.setMaximumPoolSize( Integer.parseInt( settings.get( AvailableSettings.POOL_SIZE ).toString().trim() ) );
		}
		applyTimeouts( shard, config, hikari );
		if ( !hikari.containsKey( "initializationFailTimeout" ) ) {
			config.setInitializationFailTimeout( -1 );
		}
		if ( meterRegistry != null ) {
			// Before the pool starts: HikariCP registers its meters as it starts.
			config.setMetricRegistry( meterRegistry );
		}
		return new HikariDataSource( config );
	}

	/** @return the pool's name: {@code hibernate-shards-<n>}, unless {@code hibernate.hikari.poolName} names it */
	static String poolName(PhysicalShardSettings shard) {
		Object configured = shard.settings().get( ShardedSettings.HIKARI_PREFIX + "poolName" );
		return configured == null || configured.toString().isBlank() ? "hibernate-shards-" + shard.shardId().getId() : configured.toString().trim();
	}

	/**
	 * Refuses two shards' pools of one name when their meters are published: HikariCP tags its meters with the name only,
	 * so the second pool's meters would silently be the first's.
	 */
	static void requireDistinctNames(java.util.List<PhysicalShardSettings> shards) {
		Map<String, PhysicalShardSettings> seen = new java.util.HashMap<>();
		for ( PhysicalShardSettings shard : shards ) {
			PhysicalShardSettings other = seen.putIfAbsent( poolName( shard ), shard );
			if ( other != null ) {
				throw new ShardingConfigurationException( other.shardId() + " and " + shard.shardId() + " have one pool name, '" + poolName( shard )
						+ "', and HikariCP tags its meters with it (" + ShardedSettings.METRICS_REGISTRY + " is set): name each shard's "
						+ "pool with " + ShardedSettings.PREFIX + "<n>.hikari.poolName, or leave the name to the library" );
			}
		}
	}

	/**
	 * Gives MySQL and MariaDB drivers a connect and a socket timeout: without a socket timeout, a server that hangs
	 * blocks its caller as long as the operating system keeps the connection. A URL (or a pool data source property)
	 * that sets one keeps it over the default; over a value this library's settings give, it is a conflict.
	 */
	private static void applyTimeouts(PhysicalShardSettings shard, HikariConfig config, Properties hikari) {
		String url = shard.url().toLowerCase( java.util.Locale.ROOT );
		if ( !url.startsWith( "jdbc:mysql:" ) && !url.startsWith( "jdbc:mariadb:" ) ) {
			return;
		}
		applyTimeout( shard, config, hikari, url, "connectTimeout", ShardedSettings.CONNECT_TIMEOUT_SUFFIX, shard.timeouts().connectMillis() );
		applyTimeout( shard, config, hikari, url, "socketTimeout", ShardedSettings.SOCKET_TIMEOUT_SUFFIX, shard.timeouts().socketMillis() );
	}

	private static void applyTimeout(PhysicalShardSettings shard, HikariConfig config, Properties hikari, String url, String property,
			String suffix, int millis) {
		boolean inUrl = url.contains( property.toLowerCase( java.util.Locale.ROOT ) + "=" ) || hikari.containsKey( "dataSource." + property );
		if ( !inUrl ) {
			config.addDataSourceProperty( property, String.valueOf( millis ) );
			return;
		}
		String shared = ShardedSettings.PREFIX + suffix;
		String own = ShardedSettings.ofShard( shard.shardId().getId(), suffix );
		if ( shard.timeouts().explicit().contains( shared ) || shard.timeouts().explicit().contains( own ) ) {
			throw new ShardingConfigurationException( "The timeout of " + shard.shardId() + " is set twice: " + property + " in its URL (or "
					+ "hibernate.hikari.dataSource." + property + ") and " + ( shard.timeouts().explicit().contains( own ) ? own : shared )
					+ "=" + millis + ". Keep one" );
		}
	}

	/** Fails at boot, without connecting, when no JDBC driver on the class path accepts the URL. */
	private static void requireDriver(PhysicalShardSettings shard) {
		if ( shard.settings().get( AvailableSettings.DRIVER ) != null ) {
			return;
		}
		try {
			Driver driver = DriverManager.getDriver( shard.url() );
			if ( driver == null ) {
				throw new SQLException( "no driver" );
			}
		}
		catch (SQLException e) {
			throw new ShardingConfigurationException( ShardedSettings.PREFIX + shard.shardId().getId() + ".connection.url=" + shard.url()
					+ ": no JDBC driver on the class path accepts this URL (for MySQL: com.mysql:mysql-connector-j and a jdbc:mysql:// URL)" );
		}
	}

	private static void setIfPresent(Map<String, Object> settings, String name, java.util.function.Consumer<String> setter) {
		Object value = settings.get( name );
		if ( value != null ) {
			setter.accept( value.toString() );
		}
	}
}
