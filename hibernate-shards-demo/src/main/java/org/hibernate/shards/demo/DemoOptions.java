package org.hibernate.shards.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The command line of the demo.
 *
 * @param users how many users to create
 * @param seed the random seed; fixed by default so that two runs create the same names, e-mails and comments
 *        (and hence the same distribution over shards)
 * @param urls one JDBC URL per physical shard
 * @param user database user shared by all shards, or {@code null}
 * @param password database password shared by all shards, or {@code null}
 * @param dialect a Hibernate dialect class, or {@code null} to let Hibernate detect it from the connection
 * @param capacityMb the capacity every shard declares, in MB: small, so that the demo's users overflow the active shards
 */
public record DemoOptions(int users, long seed, List<String> urls, String user, String password, String dialect, double capacityMb) {
	public static final int DEFAULT_USERS = 10_000;
	public static final long DEFAULT_SEED = 42;
	/** Four active shards and one standby shard. */
	public static final int H2_SHARDS = 5;
	public static final double DEFAULT_CAPACITY_MB = 0.5;

	public static final String USAGE = """
			Usage: ShardingDemo [--users N] [--seed S] [--capacity-mb C] [--mysql URL0,URL1,... [--user U] [--password P] [--dialect D]]
			  --users N     users to create (default %d)
			  --seed S      random seed (default %d: every run creates the same data)
			  --capacity-mb C  the capacity of every shard, in MB (default %s: small, so that the users overflow the
			                active shards and the rebalance puts the last, standby shard to use)
			  --mysql URLs  comma-separated JDBC URLs, one per physical shard, e.g.
			                jdbc:mysql://localhost:3306/db0,jdbc:mysql://localhost:3306/db1,...
			                (default: %d embedded H2 in-memory databases, no set-up needed);
			                the last one is the standby shard.
			                The demo creates its tables there and drops them at the end.
			  --user U, --password P  credentials for every shard
			  --dialect D   Hibernate dialect class (default: detected from the connection)
			""".formatted( DEFAULT_USERS, DEFAULT_SEED, DEFAULT_CAPACITY_MB, H2_SHARDS );

	public DemoOptions {
		if ( users < 1 ) {
			throw new IllegalArgumentException( "--users must be at least 1, not " + users );
		}
		if ( !( capacityMb > 0 ) ) {
			throw new IllegalArgumentException( "--capacity-mb must be a positive number of MB, not " + capacityMb );
		}
		if ( urls.isEmpty() ) {
			throw new IllegalArgumentException( "At least one shard URL is needed" );
		}
		urls = List.copyOf( urls );
	}

	/** @return the default run: {@value #DEFAULT_USERS} users on {@value #H2_SHARDS} in-memory H2 shards */
	public static DemoOptions defaults() {
		return new DemoOptions( DEFAULT_USERS, DEFAULT_SEED, h2Urls( "demo_shard_", H2_SHARDS ), null, null, null, DEFAULT_CAPACITY_MB );
	}

	/** One named in-memory H2 database per shard; DB_CLOSE_DELAY=-1 keeps each alive between connections. */
	public static List<String> h2Urls(String namePrefix, int shards) {
		return IntStream.range( 0, shards ).mapToObj( n -> "jdbc:h2:mem:" + namePrefix + n + ";DB_CLOSE_DELAY=-1" ).toList();
	}

	public DemoOptions withUsers(int newUsers) {
		return new DemoOptions( newUsers, seed, urls, user, password, dialect, capacityMb );
	}

	public DemoOptions withCapacityMb(double newCapacityMb) {
		return new DemoOptions( users, seed, urls, user, password, dialect, newCapacityMb );
	}

	public DemoOptions withUrls(List<String> newUrls) {
		return new DemoOptions( users, seed, newUrls, user, password, dialect, capacityMb );
	}

	/**
	 * @throws IllegalArgumentException for an unknown option or a bad value, with a message for the user
	 */
	public static DemoOptions parse(String... args) {
		DemoOptions options = defaults();
		int users = options.users;
		long seed = options.seed;
		List<String> urls = options.urls;
		String user = null;
		String password = null;
		String dialect = null;
		double capacityMb = options.capacityMb;
		for ( int i = 0; i < args.length; i++ ) {
			String option = args[i];
			switch ( option ) {
				case "--users" -> users = parseInt( option, value( args, ++i, option ) );
				case "--seed" -> seed = parseLong( option, value( args, ++i, option ) );
				case "--mysql" -> urls = splitUrls( value( args, ++i, option ) );
				case "--user" -> user = value( args, ++i, option );
				case "--password" -> password = value( args, ++i, option );
				case "--dialect" -> dialect = value( args, ++i, option );
				case "--capacity-mb" -> capacityMb = parseDouble( option, value( args, ++i, option ) );
				default -> throw new IllegalArgumentException( "Unknown option: " + option );
			}
		}
		return new DemoOptions( users, seed, urls, user, password, dialect, capacityMb );
	}

	private static String value(String[] args, int index, String option) {
		if ( index >= args.length || args[index].startsWith( "--" ) ) {
			throw new IllegalArgumentException( option + " needs a value" );
		}
		return args[index];
	}

	private static int parseInt(String option, String value) {
		try {
			return Integer.parseInt( value.replace( "_", "" ) );
		}
		catch (NumberFormatException e) {
			throw new IllegalArgumentException( option + " " + value + ": not a whole number" );
		}
	}

	private static long parseLong(String option, String value) {
		try {
			return Long.parseLong( value );
		}
		catch (NumberFormatException e) {
			throw new IllegalArgumentException( option + " " + value + ": not a whole number" );
		}
	}

	private static double parseDouble(String option, String value) {
		try {
			return Double.parseDouble( value );
		}
		catch (NumberFormatException e) {
			throw new IllegalArgumentException( option + " " + value + ": not a number" );
		}
	}

	private static List<String> splitUrls(String value) {
		List<String> urls = new ArrayList<>();
		for ( String url : value.split( "," ) ) {
			if ( !url.isBlank() ) {
				urls.add( url.trim() );
			}
		}
		if ( urls.isEmpty() ) {
			throw new IllegalArgumentException( "--mysql needs comma-separated JDBC URLs, one per shard" );
		}
		return urls;
	}

	@Override
	public String toString() {
		// never print the password
		return "DemoOptions[users=" + users + ", seed=" + seed + ", urls=" + urls + ", user=" + user
				+ ", password=" + ( password == null ? null : "***" ) + ", dialect=" + dialect + ", capacityMb=" + capacityMb + "]";
	}
}
