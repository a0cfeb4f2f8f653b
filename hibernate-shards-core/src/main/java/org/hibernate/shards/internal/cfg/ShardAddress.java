package org.hibernate.shards.internal.cfg;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a {@code jdbc:mysql:} or {@code jdbc:mariadb:} URL points: its hosts with their ports and its database, read
 * without connecting, so that a malformed URL is refused at boot rather than met as an unreachable shard after a
 * timeout, and two shards pointing at one database are caught. Other URL schemes are left to their drivers.
 *
 * @param hosts each {@code host:port}, host in lower case, port 3306 when the URL gives none
 * @param database the database (catalog) the URL names, empty when it names none
 */
record ShardAddress(List<String> hosts, String database) {
	private static final int DEFAULT_PORT = 3306;

	/**
	 * @return the address, or empty for a URL of another driver, or one written in a form this parser leaves to the
	 *         driver ({@code address=(host=…)(port=…)})
	 * @throws IllegalArgumentException saying what is wrong (never quoting the URL, which may hold a password)
	 */
	static Optional<ShardAddress> parse(String url) {
		String lower = url.toLowerCase( Locale.ROOT );
		if ( !lower.startsWith( "jdbc:mysql:" ) && !lower.startsWith( "jdbc:mariadb:" ) ) {
			return Optional.empty();
		}
		int start = url.indexOf( "//" );
		if ( start < 0 ) {
			throw new IllegalArgumentException( "it has no '//' before the host" );
		}
		String rest = url.substring( start + 2 );
		if ( rest.contains( "?" ) ) {
			rest = rest.substring( 0, rest.indexOf( '?' ) );
		}
		// Connector/J accepts user:password@host; the credentials (which may hold a '/') are no part of the address.
		rest = rest.substring( rest.lastIndexOf( '@' ) + 1 );
		int slash = rest.indexOf( '/' );
		String authority = slash < 0 ? rest : rest.substring( 0, slash );
		String database = slash < 0 ? "" : rest.substring( slash + 1 );
		if ( authority.contains( "(" ) ) {
			return Optional.empty();
		}
		List<String> hosts = new ArrayList<>();
		for ( String host : authority.split( ",", -1 ) ) {
			hosts.add( hostAndPort( host.trim() ) );
		}
		return Optional.of( new ShardAddress( List.copyOf( hosts ), database ) );
	}

	private static String hostAndPort(String host) {
		String name = host;
		String port = null;
		if ( host.startsWith( "[" ) ) {
			int close = host.indexOf( ']' );
			if ( close < 0 ) {
				throw new IllegalArgumentException( "the IPv6 host '" + host + "' has no closing ']'" );
			}
			name = host.substring( 0, close + 1 );
			String after = host.substring( close + 1 );
			if ( !after.isEmpty() ) {
				if ( !after.startsWith( ":" ) ) {
					throw new IllegalArgumentException( "'" + after + "' follows the IPv6 host " + name + "; expected ':port'" );
				}
				port = after.substring( 1 );
			}
		}
		else if ( host.contains( ":" ) ) {
			name = host.substring( 0, host.lastIndexOf( ':' ) );
			port = host.substring( host.lastIndexOf( ':' ) + 1 );
		}
		int number = DEFAULT_PORT;
		if ( port != null ) {
			if ( port.isEmpty() || !port.chars().allMatch( c -> c >= '0' && c <= '9' ) || port.length() > 5
					|| ( number = Integer.parseInt( port ) ) < 1 || number > 65_535 ) {
				throw new IllegalArgumentException( "the port '" + port + "' of host '" + name + "' is not a number from 1 to 65535" );
			}
		}
		if ( name.isEmpty() && host.contains( ":" ) ) {
			throw new IllegalArgumentException( "the port " + port + " has no host before it" );
		}
		return ( name.isEmpty() ? "localhost" : name.toLowerCase( Locale.ROOT ) ) + ":" + number;
	}
}
