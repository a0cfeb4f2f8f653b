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
	public void contribute(ShardingExtensionContext context) {
		Map<String, Object> settings = context.getSettings();
		if ( !Boolean.parseBoolean( String.valueOf( settings.getOrDefault( DirectorySettings.ENABLED, "false" ) ).trim() ) ) {
			return;
		}
		DataSource controlDatabase = controlDatabase( settings, context );
		int refreshSeconds = refreshSeconds( settings );
		String fallback = String.valueOf( settings.getOrDefault( DirectorySettings.FALLBACK, "default_partition" ) ).trim();
		if ( !fallback.equals( "default_partition" ) && !fallback.equals( "hash" ) ) {
			throw new ShardingConfigurationException( DirectorySettings.FALLBACK + "=" + fallback + ": use default_partition or hash" );
		}
		DirectoryService directory = new DirectoryService( new DirectoryStore( controlDatabase ), context,
				fallback.equals( "default_partition" ), refreshSeconds );
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
