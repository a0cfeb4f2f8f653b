package org.hibernate.shards.test.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server's version string as {@code SELECT VERSION()} reports it, e.g. {@code 10.11.19-MariaDB-0+deb12u1}
 * or {@code 8.4.3}.
 */
public record ServerVersion(String raw) {

	private static final Pattern X_Y_Z = Pattern.compile("^(\\d+)\\.(\\d+)\\.(\\d+)");

	/** Connector/J's handshake view of MariaDB is prefixed like this; accept it too. */
	private static final String MARIADB_REPLICATION_PREFIX = "5.5.5-";

	public boolean isMariaDb() {
		return raw.toLowerCase(Locale.ROOT).contains("mariadb");
	}

	/**
	 * @return {@code x.y.z}, e.g. {@code 10.11.19}
	 * @throws IllegalStateException if the string does not start with a version number
	 */
	public String productVersion() {
		String text = raw;
		if ( isMariaDb() && text.startsWith( MARIADB_REPLICATION_PREFIX ) ) {
			text = text.substring( MARIADB_REPLICATION_PREFIX.length() );
		}
		Matcher matcher = X_Y_Z.matcher( text );
		if ( !matcher.find() ) {
			throw new IllegalStateException( "Unrecognised server version: " + raw );
		}
		return matcher.group( 1 ) + "." + matcher.group( 2 ) + "." + matcher.group( 3 );
	}

	@Override
	public String toString() {
		return raw;
	}
}
