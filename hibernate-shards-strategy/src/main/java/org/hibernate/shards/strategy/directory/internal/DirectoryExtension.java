package org.hibernate.shards.strategy.directory.internal;

import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardingConfigurationException;
import org.hibernate.shards.spi.ShardingExtension;
import org.hibernate.shards.spi.ShardingExtensionContext;
import org.hibernate.shards.strategy.directory.DirectorySettings;
import org.hibernate.shards.strategy.directory.ShardDirectory;

/** Turns the partition directory on for factories configured with {@code hibernate.shards.directory.enabled=true}. */
public final class DirectoryExtension implements ShardingExtension {

	@Override
	public void validate(Map<String, Object> settings) {
		if ( enabled( settings ) ) {
			refreshSeconds( settings );
			fallbackToDefault( settings );
		}
	}

	private static boolean enabled(Map<String, Object> settings) {
		String value = String.valueOf( settings.getOrDefault( DirectorySettings.ENABLED, "false" ) ).trim();
		if ( !value.equalsIgnoreCase( "true" ) && !value.equalsIgnoreCase( "false" ) ) {
			throw new ShardingConfigurationException( DirectorySettings.ENABLED + "=" + value + " is not true or false" );
		}
		return Boolean.parseBoolean( value );
	}

	private static boolean fallbackToDefault(Map<String, Object> settings) {
		String fallback = String.valueOf( settings.getOrDefault( DirectorySettings.FALLBACK, "default_partition" ) ).trim();
		if ( !fallback.equals( "default_partition" ) && !fallback.equals( "hash" ) ) {
			throw new ShardingConfigurationException( DirectorySettings.FALLBACK + "=" + fallback + ": use default_partition or hash" );
		}
		return fallback.equals( "default_partition" );
	}

	@Override
	public void contribute(ShardingExtensionContext context) {
		Map<String, Object> settings = context.getSettings();
		if ( !enabled( settings ) ) {
			return;
		}
		DataSource controlDatabase = controlDatabase( settings, context );
		int refreshSeconds = refreshSeconds( settings );
		boolean fallback = fallbackToDefault( settings );
		DirectoryService directory = new DirectoryService( new DirectoryStore( controlDatabase ), context, fallback, refreshSeconds );
		context.registerExtension( ShardDirectory.class, directory );
		context.closeOnShutdown( directory );
	}

	private static DataSource controlDatabase(Map<String, Object> settings, ShardingExtensionContext context) {
		Object url = settings.get( DirectorySettings.URL );
		if ( url == null || url.toString().isBlank() ) {
			return context.getDataSource( ShardId.of( 0 ) );
		}
		HikariConfig config = new HikariConfig();
		config.setPoolName( "hibernate-shards-directory" );
		config.setJdbcUrl( url.toString() );
		if ( settings.get( DirectorySettings.USERNAME ) != null ) {
			config.setUsername( settings.get( DirectorySettings.USERNAME ).toString() );
		}
		if ( settings.get( DirectorySettings.PASSWORD ) != null ) {
			config.setPassword( settings.get( DirectorySettings.PASSWORD ).toString() );
		}
		config.setMaximumPoolSize( 2 );
		config.setConnectionTimeout( 3_000 );
		config.setValidationTimeout( 2_000 );
		config.setInitializationFailTimeout( -1 );
		HikariDataSource pool = new HikariDataSource( config );
		context.closeOnShutdown( pool );
		return pool;
	}

	private static int refreshSeconds(Map<String, Object> settings) {
		Object value = settings.get( DirectorySettings.REFRESH_SECONDS );
		if ( value == null ) {
			return DirectorySettings.DEFAULT_REFRESH_SECONDS;
		}
		try {
			int seconds = Integer.parseInt( value.toString().trim() );
			if ( seconds < 1 ) {
				throw new NumberFormatException();
			}
			return seconds;
		}
		catch (NumberFormatException e) {
			throw new ShardingConfigurationException( DirectorySettings.REFRESH_SECONDS + "=" + value + " is not a positive whole number of seconds" );
		}
	}
}
