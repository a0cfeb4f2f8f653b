package org.hibernate.shards.it.inputs;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hibernate.shards.it.ShardRows;
import org.hibernate.shards.test.ShardDatabases;

/**
 * A database account with a distinctive password on every shard's server (the test servers' own account has an empty
 * one), so that the bad-input suites can check that no message, however deep in a cause, ever shows the password.
 * One account per suite, so that suites running side by side do not drop each other's.
 */
final class SecretCredentials {
	static final String PASSWORD = "Pw-9f2c-Never-Shown";
	private static final List<String> HOSTS = List.of( "%", "localhost", "127.0.0.1" );

	private final ShardDatabases dbs;
	private final String user;

	private SecretCredentials(ShardDatabases dbs, String user) {
		this.dbs = dbs;
		this.user = user;
	}

	/** Creates the account on every shard's server, with every right on the shard's database. */
	static SecretCredentials create(ShardDatabases dbs, String user) {
		SecretCredentials credentials = new SecretCredentials( dbs, user );
		ShardRows rows = new ShardRows( dbs );
		for ( int shard = 0; shard < dbs.size(); shard++ ) {
			String database = rows.databaseName( shard );
			credentials.onServer( shard, statement -> {
				for ( String host : HOSTS ) {
					statement.execute( "create user if not exists '" + user + "'@'" + host + "' identified by '" + PASSWORD + "'" );
					statement.execute( "grant all privileges on `" + database + "`.* to '" + user + "'@'" + host + "'" );
				}
			} );
		}
		return credentials;
	}

	/** @return the settings that make every shard connect with the account */
	Map<String, String> properties() {
		Map<String, String> properties = new LinkedHashMap<>();
		for ( int shard = 0; shard < dbs.size(); shard++ ) {
			properties.put( "hibernate.shards." + shard + ".connection.username", user );
			properties.put( "hibernate.shards." + shard + ".connection.password", PASSWORD );
		}
		return properties;
	}

	void drop() {
		for ( int shard = 0; shard < dbs.size(); shard++ ) {
			onServer( shard, statement -> {
				for ( String host : HOSTS ) {
					statement.execute( "drop user if exists '" + user + "'@'" + host + "'" );
				}
			} );
		}
	}

	/** Neither the message nor the text of the failure, of any of its causes or suppressed exceptions, shows the password. */
	static void assertNotShown(Throwable failure) {
		Set<Throwable> seen = Collections.newSetFromMap( new IdentityHashMap<>() );
		assertNotShown( failure, failure, seen );
	}

	private static void assertNotShown(Throwable top, Throwable failure, Set<Throwable> seen) {
		if ( failure == null || !seen.add( failure ) ) {
			return;
		}
		assertFalse( String.valueOf( failure.getMessage() ).contains( PASSWORD ) || failure.toString().contains( PASSWORD ),
				"the password is shown in: " + top );
		assertNotShown( top, failure.getCause(), seen );
		for ( Throwable suppressed : failure.getSuppressed() ) {
			assertNotShown( top, suppressed, seen );
		}
	}

	@FunctionalInterface
	private interface Sql {
		void run(Statement statement) throws SQLException;
	}

	private void onServer(int shard, Sql sql) {
		try ( Connection connection = dbs.get( shard ).openConnection(); Statement statement = connection.createStatement() ) {
			sql.run( statement );
		}
		catch (SQLException e) {
			throw new IllegalStateException( "Cannot manage the account " + user + " on shard " + shard + ": " + e.getMessage(), e );
		}
	}
}
