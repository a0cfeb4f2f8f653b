package org.hibernate.shards.strategy.directory.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.DriverDataSource;
import org.hibernate.shards.cfg.ShardedSettings;
import org.hibernate.shards.spi.IdLeaseDatabase;
import org.hibernate.shards.spi.SettingValues;
import org.hibernate.shards.spi.ShardConnection;
import org.hibernate.shards.strategy.directory.DirectorySettings;
import org.hibernate.shards.strategy.directory.ShardDirectoryException;

/**
 * The control database of its own that {@code hibernate.shards.directory.url} names: how it is reached, its pool, and
 * the connections of the {@code @ShardedId} node lease, which lives there so that new ids do not depend on shard 0.
 * Both get the shards' connect and socket timeouts: a control database that hangs must not hold up the refresher,
 * movers, writers at a fence or the lease for longer than a shard would (a URL that sets its own keeps them).
 */
final class ControlDatabase implements IdLeaseDatabase {
	/** The URL, credentials and driver properties, which the pool copies. */
	private final HikariConfig connection;
	private final boolean mySql;

	private ControlDatabase(HikariConfig connection, boolean mySql) {
		this.connection = connection;
		this.mySql = mySql;
	}

	/** @return the control database the settings name, or empty when the directory lives on shard 0 */
	static Optional<ControlDatabase> of(Map<String, Object> settings) {
		SettingValues values = SettingValues.of( settings );
		Optional<String> url = values.text( DirectorySettings.URL );
		if ( url.isEmpty() ) {
			return Optional.empty();
		}
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl( url.get() );
		values.text( DirectorySettings.USERNAME ).ifPresent( config::setUsername );
		// The password is taken as written: spaces at its ends may be part of it.
		Object password = settings.get( DirectorySettings.PASSWORD );
		if ( password != null ) {
			config.setPassword( password.toString() );
		}
		String lower = url.get().toLowerCase( Locale.ROOT );
		boolean mySql = lower.startsWith( "jdbc:mysql:" ) || lower.startsWith( "jdbc:mariadb:" );
		if ( mySql ) {
			if ( !lower.contains( "connecttimeout=" ) ) {
				config.addDataSourceProperty( "connectTimeout", String.valueOf( values.intValue( ShardedSettings.CONNECT_TIMEOUT_MS,
						1, 3_600_000, ShardedSettings.DEFAULT_CONNECT_TIMEOUT_MS ) ) );
			}
			if ( !lower.contains( "sockettimeout=" ) ) {
				config.addDataSourceProperty( "socketTimeout", String.valueOf( values.intValue( ShardedSettings.SOCKET_TIMEOUT_MS,
						0, Integer.MAX_VALUE, ShardedSettings.DEFAULT_SOCKET_TIMEOUT_MS ) ) );
			}
		}
		return Optional.of( new ControlDatabase( config, mySql ) );
	}

	/**
	 * @return whether it can hold the {@code @ShardedId} node lease: a MySQL or MariaDB database has named locks. Another
	 *         (H2) could give only node 0, which is safe for one process only, so the lease then stays on shard 0.
	 */
	boolean holdsIdLease() {
		return mySql;
	}

	/** @return a new pool of {@code size} connections; the caller closes it */
	HikariDataSource pool(int size) {
		HikariConfig config = new HikariConfig();
		connection.copyStateTo( config );
		config.setPoolName( "hibernate-shards-directory" );
		config.setMaximumPoolSize( size );
		config.setConnectionTimeout( 3_000 );
		config.setValidationTimeout( 2_000 );
		config.setInitializationFailTimeout( -1 );
		return new HikariDataSource( config );
	}

	@Override
	public String name() {
		return "the control database (" + ShardConnection.safeUrl( connection.getJdbcUrl() ) + ")";
	}

	/** A connection outside the pool, as the pool would open it: the lease's lock goes with it. */
	@Override
	public Connection openConnection() throws SQLException {
		return new DriverDataSource( connection.getJdbcUrl(), connection.getDriverClassName(), connection.getDataSourceProperties(),
				connection.getUsername(), connection.getPassword() ).getConnection();
	}

	@Override
	public RuntimeException unavailable(String message, Throwable cause) {
		return new ShardDirectoryException( message, cause );
	}
}
