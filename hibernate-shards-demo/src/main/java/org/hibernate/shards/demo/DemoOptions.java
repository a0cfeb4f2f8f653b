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
 */
public record DemoOptions(int users, long seed, List<String> urls, String user, String password, String dialect) {
	public static final int DEFAULT_USERS = 10_000;
	public static final long DEFAULT_SEED = 42;
	public static final int H2_SHARDS = 4;

	public static final String USAGE = """
			Usage: ShardingDemo [--users N] [--seed S] [--mysql URL0,URL1,... [--user U] [--password P] [--dialect D]]
			  --users N     users to create (default %d)
			  --seed S      random seed (default %d: every run creates the same data)
			  --mysql URLs  comma-separated JDBC URLs, one per physical shard, e.g.
			                jdbc:mysql://localhost:3306/db0,jdbc:mysql://localhost:3306/db1,...
			                (default: %d embedded H2 in-memory databases, no set-up needed).
			                The demo creates its tables there and drops them at the end.
			  --user U, --password P  credentials for every shard
			  --dialect D   Hibernate dialect class (default: detected from the connection)
			""".formatted( DEFAULT_USERS, DEFAULT_SEED, H2_SHARDS );

	public DemoOptions {
		if ( users < 1 ) {
			throw new IllegalArgumentException( "--users must be at least 1, not " + users );
		}
		if ( urls.isEmpty() ) {
			throw new IllegalArgumentException( "At least one shard URL is needed" );
		}
		urls = List.copyOf( urls );
	}

	/** @return the default run: {@value #DEFAULT_USERS} users on {@value #H2_SHARDS} in-memory H2 shards */
	public static DemoOptions defaults() {
		return new DemoOptions( DEFAULT_USERS, DEFAULT_SEED, h2Urls( "demo_shard_", H2_SHARDS ), null, null, null );
	}

	/** One named in-memory H2 database per shard; DB_CLOSE_DELAY=-1 keeps each alive between connections. */
	public static List<String> h2Urls(String namePrefix, int shards) {
		return IntStream.range( 0, shards ).mapToObj( n -> "jdbc:h2:mem:" + namePrefix + n + ";DB_CLOSE_DELAY=-1" ).toList();
	}

	public DemoOptions withUsers(int newUsers) {
		return new DemoOptions( newUsers, seed, urls, user, password, dialect );
	}

	public DemoOptions withUrls(List<String> newUrls) {
		return new DemoOptions( users, seed, newUrls, user, password, dialect );
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
		for ( int i = 0; i < args.length; i++ ) {
			String option = args[i];
			switch ( option ) {
				case "--users" -> users = parseInt( option, value( args, ++i, option ) );
				case "--seed" -> seed = parseLong( option, value( args, ++i, option ) );
				case "--mysql" -> urls = splitUrls( value( args, ++i, option ) );
				case "--user" -> user = value( args, ++i, option );
				case "--password" -> password = value( args, ++i, option );
				case "--dialect" -> dialect = value( args, ++i, option );
				default -> throw new IllegalArgumentException( "Unknown option: " + option );
			}
		}
		return new DemoOptions( users, seed, urls, user, password, dialect );
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
				+ ", password=" + ( password == null ? null : "***" ) + ", dialect=" + dialect + "]";
	}
}
