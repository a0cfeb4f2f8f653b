package org.hibernate.shards.demo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import org.hibernate.KeyType;
import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.cfg.ShardedConfiguration;

/**
 * The classic sharding scenario: users with random names and comments, sharded by e-mail address over 4 physical
 * and 64 virtual shards, with a fifth, standby shard. It loads the users, then shows where they went, finds a few by id
 * and by e-mail, and counts them across shards; then, the active shards being over their capacity, it rebalances onto
 * the standby shard while a background writer keeps inserting, and shows the shards again. Runs on embedded H2 by
 * default; {@code --mysql} points it at real databases.
 * <pre>
 * mvn -q -B -pl hibernate-shards-demo -am package -DskipTests -Pdemo
 * </pre>
 */
public final class ShardingDemo {
	/** Users per transaction: large enough to batch well, small enough that the persistence context stays small. */
	static final int USERS_PER_TRANSACTION = 500;
	/** Users looked up by id and by e-mail after loading. */
	static final int LOOKUPS = 5;

	static {
		// Hibernate logs through JBoss Logging, which picks java.util.logging unless told otherwise and would print
		// INFO lines to the console. Route it to slf4j-simple, whose levels are set in simplelogger.properties.
		// This must run before the first Hibernate class is initialized.
		if ( System.getProperty( "org.jboss.logging.provider" ) == null ) {
			System.setProperty( "org.jboss.logging.provider", "slf4j" );
		}
		// MySQL Connector/J starts a thread, as soon as JDBC drivers are loaded, that closes connections the application
		// forgot; it never ends by itself, so `mvn exec:java` would wait 15 s for it. HikariCP closes every connection.
		if ( System.getProperty( "com.mysql.cj.disableAbandonedConnectionCleanup" ) == null ) {
			System.setProperty( "com.mysql.cj.disableAbandonedConnectionCleanup", "true" );
		}
	}

	private ShardingDemo() {
	}

	public static void main(String[] args) {
		DemoOptions options;
		try {
			options = args.length == 1 && ( args[0].equals( "--help" ) || args[0].equals( "-h" ) ) ? null : DemoOptions.parse( args );
		}
		catch (IllegalArgumentException e) {
			System.err.println( e.getMessage() );
			System.err.print( DemoOptions.USAGE );
			System.exit( 2 );
			return;
		}
		if ( options == null ) {
			System.out.print( DemoOptions.USAGE );
			return;
		}
		run( options, System.out );
	}

	/** Runs the whole demo, printing as it goes. */
	public static DemoResult run(DemoOptions options, PrintStream out) {
		long start = System.nanoTime();
		Report report = new Report( out );
		try ( ShardedSessionFactory factory = buildFactory( options ) ) {
			report.header( options, factory );
			Loaded loaded = load( factory, options, report );
			ShardStats stats = ShardStats.collect( factory );
			report.shards( factory, stats );
			List<DemoResult.Lookup> lookups = lookUp( factory, loaded.samples );
			report.lookups( lookups );
			CrossShardQueries queries = CrossShardQueries.run( factory );
			report.crossShardQueries( stats, queries );
			Growth growth = Growth.run( factory, options.seed(), report );
			ShardStats grown = ShardStats.collect( factory );
			report.shards( factory, grown );
			report.done( System.nanoTime() - start );
			return new DemoResult( options.users(), loaded.comments, loaded.millis, stats, lookups, queries, growth, grown );
		}
	}

	/**
	 * Shared settings come from hibernate.cfg.xml; the shards are added here because they depend on the command line.
	 * hibernate.shards.N.connection.url makes physical shard N.
	 */
	static ShardedSessionFactory buildFactory(DemoOptions options) {
		return buildFactory( options, java.util.Map.of() );
	}

	/** @param overrides settings that replace those of hibernate.cfg.xml */
	static ShardedSessionFactory buildFactory(DemoOptions options, java.util.Map<String, String> overrides) {
		ShardedConfiguration cfg = new ShardedConfiguration().configure();
		overrides.forEach( cfg::setProperty );
		int shards = options.urls().size();
		for ( int n = 0; n < shards; n++ ) {
			cfg.setProperty( "hibernate.shards." + n + ".connection.url", options.urls().get( n ) );
			cfg.setProperty( "hibernate.shards." + n + ".capacity_mb", String.valueOf( options.capacityMb() ) );
		}
		if ( shards > 1 ) {
			// Pyshards' shard bucket: the last shard starts empty, ready for the rebalance to put it to use.
			cfg.setProperty( "hibernate.shards." + ( shards - 1 ) + ".standby", "true" );
		}
		if ( options.user() != null ) {
			cfg.setProperty( "hibernate.connection.username", options.user() );
		}
		if ( options.password() != null ) {
			cfg.setProperty( "hibernate.connection.password", options.password() );
		}
		if ( options.dialect() != null ) {
			cfg.setProperty( "hibernate.dialect", options.dialect() );
		}
		return cfg.buildShardedSessionFactory();
	}

	/** A user remembered for the lookups. */
	record Sample(long id, String email) {
	}

	record Loaded(int comments, long millis, List<Sample> samples) {
	}

	/**
	 * Persists the users (and, by cascade, their comments) in transactions of {@value #USERS_PER_TRANSACTION}.
	 * Each user goes to the shard its e-mail hashes to; a transaction spans the shards it touched.
	 */
	static Loaded load(ShardedSessionFactory factory, DemoOptions options, Report report) {
		int users = options.users();
		// Which users to look up later: chosen up front with their own Random, so the data stays the same whatever we pick.
		Set<Integer> sampled = new Random( options.seed() ).ints( 0, users ).distinct().limit( Math.min( LOOKUPS, users ) )
				.boxed().collect( Collectors.toCollection( LinkedHashSet::new ) );
		Map<Integer, Sample> samples = new LinkedHashMap<>();
		DataGenerator generator = new DataGenerator( options.seed() );
		int comments = 0;
		long start = System.nanoTime();
		report.loadingStarts( users, USERS_PER_TRANSACTION );
		try ( ShardedSession session = factory.openSession() ) {
			for ( int loaded = 0; loaded < users; ) {
				int batch = Math.min( USERS_PER_TRANSACTION, users - loaded );
				session.beginTransaction();
				try {
					for ( int i = loaded; i < loaded + batch; i++ ) {
						User user = generator.nextUser();
						session.persist( user ); // assigns the @ShardedId at once, comments included
						comments += user.getComments().size();
						if ( sampled.contains( i ) ) {
							samples.put( i, new Sample( user.getId(), user.getEmail() ) );
						}
					}
					session.getTransaction().commit();
				}
				catch (RuntimeException e) {
					if ( session.getTransaction().isActive() ) {
						session.getTransaction().rollback();
					}
					throw e;
				}
				// Forget the batch: otherwise every flush would re-check all users loaded so far, and memory would grow.
				session.clear();
				loaded += batch;
				report.progress( loaded, users, comments, System.nanoTime() - start );
			}
		}
		long millis = ( System.nanoTime() - start ) / 1_000_000;
		report.loadingDone( users, comments, millis );
		List<Sample> ordered = new ArrayList<>();
		sampled.forEach( i -> ordered.add( samples.get( i ) ) );
		return new Loaded( comments, millis, ordered );
	}

	/**
	 * Finds each sample by id and by e-mail. Both go to exactly one shard: the id carries its virtual shard, and the
	 * e-mail is the shard key (and natural id), so it hashes to the same place it did when the user was stored.
	 * The session is cleared before each find so that the database answers, not the persistence context.
	 */
	private static List<DemoResult.Lookup> lookUp(ShardedSessionFactory factory, List<Sample> samples) {
		List<DemoResult.Lookup> lookups = new ArrayList<>();
		try ( ShardedSession session = factory.openSession() ) {
			// One untimed pass first: the first query on a shard pays for class loading and statement preparation,
			// which would drown the latency we want to show.
			for ( Sample sample : samples ) {
				session.find( User.class, sample.id() );
				session.clear();
				session.find( User.class, sample.email(), KeyType.NATURAL );
				session.clear();
			}
			for ( Sample sample : samples ) {
				ShardId expected = factory.getShardIdForVirtualShard( ShardStats.virtualShardOf( sample.id() ) );

				session.clear();
				long start = System.nanoTime();
				User byId = session.find( User.class, sample.id() );
				long microsById = ( System.nanoTime() - start ) / 1_000;
				ShardId shardById = byId == null ? null : session.getShardIdForObject( byId );

				session.clear();
				start = System.nanoTime();
				User byEmail = session.find( User.class, sample.email(), KeyType.NATURAL );
				long microsByEmail = ( System.nanoTime() - start ) / 1_000;
				ShardId shardByEmail = byEmail == null ? null : session.getShardIdForObject( byEmail );

				lookups.add( new DemoResult.Lookup( sample.id(), sample.email(), expected,
						byId == null ? null : byId.getEmail(), shardById, microsById,
						byEmail == null ? null : byEmail.getId(), shardByEmail, microsByEmail ) );
			}
		}
		return lookups;
	}
}
