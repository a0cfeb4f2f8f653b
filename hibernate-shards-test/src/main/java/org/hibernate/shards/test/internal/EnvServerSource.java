package org.hibernate.shards.test.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Servers named by {@code HIBERNATE_SHARDS_TEST_URLS}: already running, not controlled by the
 * extension. With fewer servers than shards, shards share servers round-robin (each in its own database).
 */
final class EnvServerSource implements ServerSource {

	static final String URLS = "HIBERNATE_SHARDS_TEST_URLS";
	static final String USER = "HIBERNATE_SHARDS_TEST_USER";
	static final String PASSWORD = "HIBERNATE_SHARDS_TEST_PASSWORD";

	private static final Pattern MYSQL_URL = Pattern.compile( "jdbc:mysql://([^/?]+)(/[^?]*)?(\\?(.*))?" );

	private final List<DatabaseServer> servers;

	private EnvServerSource(List<DatabaseServer> servers) {
		this.servers = servers;
	}

	/**
	 * @param urls the variable's value: comma-separated {@code jdbc:mysql://host:port/} URLs; a database
	 *        in the path is ignored, query parameters are kept
	 */
	static EnvServerSource parse(String urls, String user, String password) {
		List<DatabaseServer> servers = new ArrayList<>();
		for ( String url : urls.split( "," ) ) {
			String trimmed = url.trim();
			if ( trimmed.isEmpty() ) {
				continue;
			}
			Matcher matcher = MYSQL_URL.matcher( trimmed );
			if ( !matcher.matches() ) {
				throw new ExtensionConfigurationException( URLS + " must hold comma-separated jdbc:mysql://host:port/ URLs,"
						+ " but contains '" + trimmed + "'" );
			}
			servers.add( new DatabaseServer( matcher.group( 1 ), user, password, queryParameters( matcher.group( 4 ) ) ) );
		}
		if ( servers.isEmpty() ) {
			throw new ExtensionConfigurationException( URLS + " is set but names no server" );
		}
		return new EnvServerSource( servers );
	}

	private static Map<String, String> queryParameters(String query) {
		Map<String, String> parameters = new LinkedHashMap<>();
		if ( query != null ) {
			for ( String pair : query.split( "&" ) ) {
				if ( !pair.isEmpty() ) {
					int equals = pair.indexOf( '=' );
					if ( equals < 0 ) {
						parameters.put( pair, null );
					}
					else {
						parameters.put( pair.substring( 0, equals ), pair.substring( equals + 1 ) );
					}
				}
			}
		}
		return parameters;
	}

	@Override
	public String name() {
		return "env";
	}

	@Override
	public ServerLease sharedServers(int shards) {
		List<DatabaseServer> perShard = new ArrayList<>();
		for ( int i = 0; i < shards; i++ ) {
			perShard.add( servers.get( i % servers.size() ) );
		}
		return ServerLease.shared( perShard );
	}

	/** The same servers: they cannot be stopped anyway, and their owner chose them. */
	@Override
	public ServerLease dedicatedServers(int shards) {
		return sharedServers( shards );
	}

	@Override
	public void close() {
		// not ours to stop
	}

	@Override
	public String toString() {
		return "servers from " + URLS + ": " + servers;
	}
}
