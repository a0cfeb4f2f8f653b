package org.hibernate.shards.test.internal;

import java.util.Optional;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks where shard servers come from: {@code HIBERNATE_SHARDS_TEST_URLS}, then Testcontainers if Docker
 * answers, then the local MariaDB server binaries.
 */
public final class ServerSources {

	private static final Logger LOG = LoggerFactory.getLogger( ServerSources.class );

	private ServerSources() {
	}

	/**
	 * @return a new source; the caller closes it at the end of the test run
	 * @throws ExtensionConfigurationException if there is none, saying what to install
	 */
	public static ServerSource detect() {
		ServerSource source = detectOrNull();
		if ( source == null ) {
			throw new ExtensionConfigurationException( noSourceMessage() );
		}
		LOG.info( "Shard databases for tests come from {}", source );
		return source;
	}

	private static ServerSource detectOrNull() {
		String urls = System.getenv( EnvServerSource.URLS );
		if ( urls != null && !urls.isBlank() ) {
			String user = System.getenv( EnvServerSource.USER );
			String password = System.getenv( EnvServerSource.PASSWORD );
			return EnvServerSource.parse( urls, user == null || user.isBlank() ? "root" : user,
					password == null ? "" : password );
		}
		if ( DockerProbe.isDockerAvailable() ) {
			return new ContainerServerSource();
		}
		Optional<LocalMariadbInstallation> local = LocalMariadbInstallation.find();
		return local.<ServerSource>map( MariadbdServerSource::new ).orElse( null );
	}

	private static String noSourceMessage() {
		return "@MySqlShards tests need MySQL-protocol database servers, and none is available. Do one of:\n"
				+ "  1. Install the MariaDB server package, which provides 'mariadbd' and 'mariadb-install-db'"
				+ " (Debian/Ubuntu: apt-get install mariadb-server; Fedora/RHEL: dnf install mariadb-server;"
				+ " macOS: brew install mariadb). The tests start private servers on free loopback ports;"
				+ " no database service needs to be running or configured. Searched in PATH and "
				+ LocalMariadbInstallation.SEARCH_DIRECTORIES + ".\n"
				+ "  2. Install and start a Docker engine: Testcontainers then runs MySQL 8.\n"
				+ "  3. Set " + EnvServerSource.URLS + " to comma-separated URLs of running servers"
				+ " (e.g. jdbc:mysql://localhost:3306/), with " + EnvServerSource.USER + " and "
				+ EnvServerSource.PASSWORD + " (default root and empty) naming an account that may create databases.";
	}
}
