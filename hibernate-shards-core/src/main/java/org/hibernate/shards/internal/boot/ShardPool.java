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
 */
public final class ShardPool {
	private ShardPool() {
	}

	public static HikariDataSource create(PhysicalShardSettings shard) {
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
		if ( config.getPoolName() == null ) {
			config.setPoolName( "hibernate-shards-" + shard.shardId().getId() );
		}
		if ( !hikari.containsKey( "connectionTimeout" ) ) {
			config.setConnectionTimeout( ShardedSettings.DEFAULT_CONNECTION_TIMEOUT_MS );
		}
		if ( !hikari.containsKey( "validationTimeout" ) ) {
			config.setValidationTimeout( Math.min( ShardedSettings.DEFAULT_VALIDATION_TIMEOUT_MS, config.getConnectionTimeout() ) );
		}
		if ( !hikari.containsKey( "maximumPoolSize" ) && settings.get( AvailableSettings.POOL_SIZE ) != null ) {
			config.setMaximumPoolSize( Integer.parseInt( settings.get( AvailableSettings.POOL_SIZE ).toString().trim() ) );
		}
		if ( !hikari.containsKey( "initializationFailTimeout" ) ) {
			config.setInitializationFailTimeout( -1 );
		}
		return new HikariDataSource( config );
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
