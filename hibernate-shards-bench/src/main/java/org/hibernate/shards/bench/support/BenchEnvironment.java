package org.hibernate.shards.bench.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hibernate.Transaction;
import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.bench.model.Customer;
import org.hibernate.shards.bench.model.CustomerData;
import org.hibernate.shards.bench.model.Post;
import org.hibernate.shards.test.ShardDatabase;
import org.hibernate.shards.test.internal.ServerLease;
import org.hibernate.shards.test.internal.ServerSource;
import org.hibernate.shards.test.internal.ServerSources;
import org.hibernate.shards.test.internal.ShardDatabasesImpl;

/**
 * The databases of a benchmark run, on servers started the way the tests start them ({@code hibernate-shards-test}:
 * private {@code mariadbd} processes on free loopback ports, or whatever {@code HIBERNATE_SHARDS_TEST_URLS} or Docker
 * provides): 4 shard databases (one per server), one plain database and one single-shard database on the first server,
 * and 16 empty databases (4 per server) for the boot benchmark. Closing it drops them all and stops the servers.
 */
public final class BenchEnvironment implements AutoCloseable {
	public static final int SHARDS = 4;
	public static final int BOOT_DATABASES = 16;

	private final ServerSource source;
	private final ShardDatabasesImpl shards;
	private final List<ShardDatabasesImpl> bootSets = new ArrayList<>();
	private final ShardDatabase plain;
	private final ShardDatabase single;
	private final BenchSettings settings;
	private final String serverVersion;

	public BenchEnvironment() {
		source = ServerSources.detect();
		ServerLease lease = source.sharedServers( SHARDS );
		shards = new ShardDatabasesImpl( source.name(), BenchEnvironment.class, lease );
		plain = shards.createExtraDatabase( "plain" );
		single = shards.createExtraDatabase( "single_shard" );
		List<String> bootUrls = new ArrayList<>();
		for ( int set = 0; set < BOOT_DATABASES / SHARDS; set++ ) {
			ShardDatabasesImpl boot = new ShardDatabasesImpl( source.name(), BootDatabases.class, lease );
			bootSets.add( boot );
		}
		// boot database i lives on server i % 4, so that every boot configuration spreads over the servers
		for ( int i = 0; i < BOOT_DATABASES; i++ ) {
			bootUrls.add( bootSets.get( i / SHARDS ).get( i % SHARDS ).jdbcUrl() );
		}
		Map<String, String> properties = shards.hibernateProperties();
		Map<String, String> hibernate = new java.util.LinkedHashMap<>();
		properties.forEach( (key, value) -> {
			if ( !key.startsWith( "hibernate.shards." ) ) {
				hibernate.put( key, value );
			}
		} );
		settings = new BenchSettings( shards.all().stream().map( ShardDatabase::jdbcUrl ).toList(), plain.jdbcUrl(), single.jdbcUrl(), bootUrls,
				plain.username(), plain.password(), hibernate );
		serverVersion = plain.serverVersion();
	}

	/** Marker naming the boot databases on the servers. */
	private static final class BootDatabases {
	}

	public BenchSettings settings() {
		return settings;
	}

	public String serverVersion() {
		return serverVersion;
	}

	public String source() {
		return source.name();
	}

	private Connection connect(String url) throws SQLException {
		return DriverManager.getConnection( url, settings.username(), settings.password() );
	}

	/**
	 * Creates the tables and stores the same data for every implementation: {@code customers} customers (sharded by
	 * e-mail; in the plain database; in ShardingSphere's tables by id) and {@code posts} posts (sharded by author, and
	 * the very same rows copied into each shard's ShardingSphere table).
	 */
	public void load(int customers, int posts) throws SQLException {
		for ( String url : settings.shardUrls() ) {
			try ( Connection connection = connect( url ) ) {
				Schema.create( connection, Schema.SHARD );
			}
		}
		for ( String url : List.of( settings.plainUrl(), settings.singleShardUrl() ) ) {
			try ( Connection connection = connect( url ) ) {
				Schema.create( connection, Schema.PLAIN );
			}
		}
		try ( ShardedSessionFactory factory = Factories.sharded( settings, List.of( settings.singleShardUrl() ), "sequential",
				Factories.batchSettings( 500 ), Customer.class );
				ShardedSession session = factory.openSession() ) {
			Transaction transaction = session.beginTransaction();
			for ( int i = 0; i < customers; i++ ) {
				session.persist( new Customer( i ) );
				if ( ( i + 1 ) % 2_000 == 0 ) {
					session.flush();
					session.clear();
				}
			}
			transaction.commit();
		}
		try ( ShardedSessionFactory factory = Factories.sharded( settings, settings.shardUrls(), "sequential",
				Factories.batchSettings( 500 ), Customer.class, Post.class );
				ShardedSession session = factory.openSession() ) {
			Transaction transaction = session.beginTransaction();
			for ( int i = 0; i < customers; i++ ) {
				session.persist( new Customer( i ) );
				if ( ( i + 1 ) % 2_000 == 0 ) {
					session.flush();
					session.clear();
				}
			}
			for ( int i = 0; i < posts; i++ ) {
				session.persist( new Post( i ) );
				if ( ( i + 1 ) % 2_000 == 0 ) {
					session.flush();
					session.clear();
				}
			}
			transaction.commit();
		}
		String insertCustomer = " (id, email, name, city, score, created_at) values (?, ?, ?, ?, ?, ?)";
		try ( Connection connection = connect( settings.plainUrl() );
				PreparedStatement insert = connection.prepareStatement( "insert into customer" + insertCustomer ) ) {
			for ( int i = 0; i < customers; i++ ) {
				bindCustomer( insert, i + 1, i );
			}
			insert.executeBatch();
		}
		List<Connection> connections = new ArrayList<>();
		try {
			List<PreparedStatement> inserts = new ArrayList<>();
			for ( String url : settings.shardUrls() ) {
				Connection connection = connect( url );
				connections.add( connection );
				inserts.add( connection.prepareStatement( "insert into sphere_customer" + insertCustomer ) );
			}
			for ( int i = 0; i < customers; i++ ) {
				long id = i + 1;
				bindCustomer( inserts.get( (int) ( id % SHARDS ) ), id, i );
			}
			for ( PreparedStatement insert : inserts ) {
				insert.executeBatch();
			}
			// the very rows each shard holds in post, with ids that name that shard as ShardingSphere expects
			for ( int shard = 0; shard < SHARDS; shard++ ) {
				try ( Statement copy = connections.get( shard ).createStatement() ) {
					copy.execute( "set @row := 0" );
					copy.execute( "insert into sphere_post (id, author, title, score, created_at) select (@row := @row + 1) * "
							+ SHARDS + " + " + shard + ", author, title, score, created_at from post order by id" );
				}
			}
			for ( Connection connection : connections ) {
				try ( Statement analyze = connection.createStatement() ) {
					analyze.execute( "analyze table customer, post, sphere_customer, sphere_post" );
				}
			}
		}
		finally {
			for ( Connection connection : connections ) {
				connection.close();
			}
		}
	}

	private static void bindCustomer(PreparedStatement insert, long id, long i) throws SQLException {
		insert.setLong( 1, id );
		insert.setString( 2, CustomerData.email( i ) );
		insert.setString( 3, CustomerData.name( i ) );
		insert.setString( 4, CustomerData.city( i ) );
		insert.setInt( 5, CustomerData.score( i ) );
		insert.setTimestamp( 6, Timestamp.valueOf( CustomerData.createdAt( i ) ) );
		insert.addBatch();
	}

	/** @return rows per shard of a table, to show how evenly the data is spread */
	public List<Long> rowsPerShard(String table) throws SQLException {
		List<Long> counts = new ArrayList<>();
		for ( String url : settings.shardUrls() ) {
			try ( Connection connection = connect( url ); Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery( "select count(*) from " + table ) ) {
				rows.next();
				counts.add( rows.getLong( 1 ) );
			}
		}
		return counts;
	}

	@Override
	public void close() {
		for ( ShardDatabasesImpl boot : bootSets ) {
			boot.close();
		}
		shards.close();
		source.close();
	}
}
