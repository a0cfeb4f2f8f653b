package org.hibernate.shards.demo;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.ShardedSessionFactory;

/**
 * The demo's shards in H2 files that outlive a run: what the {@code shards} command and its console work on when they
 * are given no configuration of their own, so that a newcomer can try them at once. The first use creates them (four
 * active shards and a standby, with the partition directory, as in the demo) and stores {@value #USERS} users; later
 * uses find them as the last one left them.
 */
public final class DemoDatabases {
	public static final int USERS = 2_000;
	/** Below what the users take: the four active shards start over capacity, for a rebalance to cure. */
	public static final double CAPACITY_MB = 0.1;

	private DemoDatabases() {
	}

	/** @return a factory over the demo's databases in {@code directory}, created and filled if they are not there yet */
	public static ShardedSessionFactory open(Path directory) {
		DemoOptions options = DemoOptions.defaults().withUsers( USERS ).withUrls( urls( directory ) ).withCapacityMb( CAPACITY_MB );
		ShardedSessionFactory factory = ShardingDemo.buildFactory( options, Map.of( "hibernate.hbm2ddl.auto", "update" ) );
		try {
			if ( isEmpty( factory ) ) {
				ShardingDemo.load( factory, options, new Report( new PrintStream( OutputStream.nullOutputStream() ) ) );
			}
			return factory;
		}
		catch (RuntimeException e) {
			factory.close();
			throw e;
		}
	}

	/** @return one H2 file database per shard; AUTO_SERVER lets a second process (the console beside a command) share them */
	public static List<String> urls(Path directory) {
		Path absolute = directory.toAbsolutePath();
		return IntStream.range( 0, DemoOptions.H2_SHARDS )
				.mapToObj( n -> "jdbc:h2:file:" + absolute.resolve( "shard_" + n ) + ";AUTO_SERVER=TRUE" ).toList();
	}

	private static boolean isEmpty(ShardedSessionFactory factory) {
		try ( ShardedSession session = factory.openSession() ) {
			return session.createQuery( "select count(*) from User u", Long.class ).getSingleResult() == 0;
		}
	}
}
