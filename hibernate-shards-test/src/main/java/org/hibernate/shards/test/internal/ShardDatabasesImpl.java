package org.hibernate.shards.test.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hibernate.shards.test.ShardDatabase;
import org.hibernate.shards.test.ShardDatabases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The databases of one test class. Closing it drops them and releases the servers.
 */
public final class ShardDatabasesImpl implements ShardDatabases, AutoCloseable {

	private static final Logger LOG = LoggerFactory.getLogger( ShardDatabasesImpl.class );

	/** A test that leaks an open transaction must not make the DROP wait for its locks forever. */
	private static final int DROP_LOCK_WAIT_SECONDS = 5;

	private final String source;
	private final Class<?> testClass;
	private final ServerLease lease;
	private final List<ShardDatabase> shards;
	private final List<ShardDatabaseImpl> created = new ArrayList<>();

	/**
	 * Creates one empty database per shard.
	 *
	 * @param lease the server of each shard; released when this object is closed (or if creation fails)
	 */
	public ShardDatabasesImpl(String source, Class<?> testClass, ServerLease lease) {
		this.source = source;
		this.testClass = testClass;
		this.lease = lease;
		try {
			List<ShardDatabase> list = new ArrayList<>();
			for ( int i = 0; i < lease.servers().size(); i++ ) {
				list.add( createDatabase( i, lease.servers().get( i ), DatabaseNames.forShard( testClass, i ) ) );
			}
			this.shards = Collections.unmodifiableList( list );
		}
		catch (RuntimeException e) {
			close();
			throw e;
		}
	}

	private synchronized ShardDatabaseImpl createDatabase(int index, DatabaseServer server, String name) {
		try ( Connection connection = server.connect( "" ); Statement statement = connection.createStatement() ) {
			statement.execute( "CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4" );
		}
		catch (SQLException e) {
			throw new IllegalStateException( "Could not create database " + name + " on " + server + ": " + e.getMessage(), e );
		}
		server.version(); // remember it now, while the server is surely up
		ShardDatabaseImpl database = new ShardDatabaseImpl( index, server, name );
		created.add( database );
		return database;
	}

	@Override
	public int size() {
		return shards.size();
	}

	@Override
	public ShardDatabase get(int index) {
		return shards.get( index );
	}

	@Override
	public List<ShardDatabase> all() {
		return shards;
	}

	@Override
	public String source() {
		return source;
	}

	@Override
	public Map<String, String> hibernateProperties() {
		Map<String, String> properties = new LinkedHashMap<>();
		for ( ShardDatabase shard : shards ) {
			String prefix = "hibernate.shards." + shard.index() + ".connection.";
			properties.put( prefix + "url", shard.jdbcUrl() );
			properties.put( prefix + "username", shard.username() );
			properties.put( prefix + "password", shard.password() );
		}
		// Connector/J presents MariaDB as MySQL 5.5.5; name the dialect and real version instead
		if ( !shards.isEmpty() && shards.stream().allMatch( ShardDatabase::isMariaDb ) ) {
			properties.put( "hibernate.dialect", "org.hibernate.dialect.MariaDBDialect" );
			properties.put( "jakarta.persistence.database-product-version",
					lease.servers().get( 0 ).version().productVersion() );
		}
		return Collections.unmodifiableMap( properties );
	}

	@Override
	public synchronized ShardDatabase createExtraDatabase(String prefix) {
		return createDatabase( -1, lease.servers().get( 0 ), DatabaseNames.extra( prefix ) );
	}

	@Override
	public synchronized void close() {
		for ( ShardDatabaseImpl database : created ) {
			drop( database );
		}
		created.clear();
		lease.close();
	}

	private static void drop(ShardDatabaseImpl database) {
		try ( Connection connection = database.server().connect( "" ); Statement statement = connection.createStatement() ) {
			statement.execute( "SET SESSION lock_wait_timeout = " + DROP_LOCK_WAIT_SECONDS );
			statement.execute( "DROP DATABASE IF EXISTS `" + database.name() + "`" );
		}
		catch (SQLException e) {
			// e.g. a dedicated server the test left stopped; it is about to go anyway
			LOG.debug( "Could not drop {}: {}", database, e.getMessage() );
		}
	}

	@Override
	public String toString() {
		return shards.size() + " shard databases for " + testClass.getName() + " from " + source;
	}
}
