package org.hibernate.shards.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Random;

/**
 * Makes random but reproducible users: the same seed gives the same names, e-mails and comments, hence the same
 * spread over the shards. E-mails carry the user's number so that they are unique, as a natural id must be.
 */
final class DataGenerator {
	private static final String[] FIRST_NAMES = {
			"Ada", "Alan", "Barbara", "Brian", "Claude", "Dennis", "Donald", "Edsger", "Frances", "Grace",
			"Guido", "Hedy", "James", "John", "Ken", "Leslie", "Linus", "Margaret", "Niklaus", "Radia",
			"Shafi", "Sophie", "Tim", "Katherine", "Yukihiro" };
	private static final String[] LAST_NAMES = {
			"Lovelace", "Turing", "Liskov", "Kernighan", "Shannon", "Ritchie", "Knuth", "Dijkstra", "Allen", "Hopper",
			"van Rossum", "Lamarr", "Gosling", "McCarthy", "Thompson", "Lamport", "Torvalds", "Hamilton", "Wirth",
			"Perlman", "Goldwasser", "Wilson", "Berners-Lee", "Matsumoto" };
	private static final String[] DOMAINS = { "example.com", "example.org", "example.net", "mail.test" };
	private static final String[] WORDS = {
			"shards", "scale", "nicely", "the", "query", "was", "fast", "slow", "today", "index", "missing",
			"great", "post", "thanks", "for", "sharing", "I", "disagree", "agree", "with", "this", "join", "is",
			"local", "again", "hash", "ring", "virtual", "physical", "database", "latency", "cache" };
	/** Creation dates are spread over 2025, counted from a fixed instant so they are reproducible too. */
	private static final Instant FIRST_SIGN_UP = Instant.parse( "2025-01-01T00:00:00Z" );
	private static final long YEAR_SECONDS = Duration.ofDays( 365 ).toSeconds();

	static final int MAX_COMMENTS = 3;

	private final Random random;
	private int count;

	DataGenerator(long seed) {
		this.random = new Random( seed );
	}

	/** @return a new, transient user with 0 to {@value #MAX_COMMENTS} comments */
	User nextUser() {
		int number = ++count;
		String first = pick( FIRST_NAMES );
		String last = pick( LAST_NAMES );
		String email = ( first + "." + last ).toLowerCase( Locale.ROOT ).replaceAll( "[^a-z.]", "" )
				+ number + "@" + pick( DOMAINS );
		User user = new User( email, first + " " + last, FIRST_SIGN_UP.plusSeconds( (long) ( random.nextDouble() * YEAR_SECONDS ) ) );
		int comments = random.nextInt( MAX_COMMENTS + 1 );
		for ( int i = 0; i < comments; i++ ) {
			user.addComment( sentence() );
		}
		return user;
	}

	private String sentence() {
		int words = 3 + random.nextInt( 8 );
		StringBuilder text = new StringBuilder();
		for ( int i = 0; i < words; i++ ) {
			text.append( i == 0 ? "" : " " ).append( pick( WORDS ) );
		}
		return Character.toUpperCase( text.charAt( 0 ) ) + text.substring( 1 ) + ".";
	}

	private String pick(String[] values) {
		return values[random.nextInt( values.length )];
	}
}
