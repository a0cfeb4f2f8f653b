package org.hibernate.shards.test.internal;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * Unique database names, so that classes sharing a server never see each other's tables, and names
 * still say which class made them when looking at a server.
 */
final class DatabaseNames {

	/** MySQL identifiers have at most 64 characters. */
	private static final int MAX_LENGTH = 64;
	private static final int TAG_LENGTH = 30;
	private static final SecureRandom RANDOM = new SecureRandom();

	private DatabaseNames() {
	}

	/** @return e.g. {@code shards_orderquerytest_2_k3x9q1} */
	static String forShard(Class<?> testClass, int index) {
		return "shards_" + sanitize( testClass.getSimpleName(), TAG_LENGTH ) + "_" + index + "_" + randomSuffix();
	}

	/** @return e.g. {@code reference_k3x9q1} */
	static String extra(String prefix) {
		String tag = sanitize( prefix == null || prefix.isBlank() ? "extra" : prefix, MAX_LENGTH - 8 );
		return tag + "_" + randomSuffix();
	}

	private static String sanitize(String text, int maxLength) {
		String cleaned = text.toLowerCase( Locale.ROOT ).replaceAll( "[^a-z0-9_]", "_" );
		return cleaned.length() > maxLength ? cleaned.substring( 0, maxLength ) : cleaned;
	}

	private static String randomSuffix() {
		return Long.toString( ( RANDOM.nextLong() >>> 1 ) % 2_176_782_336L, 36 ); // up to 6 base-36 digits
	}
}
