package org.hibernate.shards.test.internal;

import java.util.Collections;
import java.util.Map;

import org.testcontainers.mysql.MySQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * MySQL 8 in Docker through Testcontainers. Shared mode runs one container holding every shard's
 * database; dedicated mode runs one container per shard. Containers cannot be stopped and started
 * (a restarted container gets another port). Loaded only when Docker is available.
 */
final class ContainerServerSource implements ServerSource {

	private static final DockerImageName IMAGE = DockerImageName.parse( "mysql:8.4" );
	private static final String ROOT_PASSWORD = "shards";

	private ContainerServer shared;

	@Override
	public String name() {
		return "testcontainers";
	}

	@Override
	public synchronized ServerLease sharedServers(int shards) {
		if ( shared == null ) {
			shared = ContainerServer.run();
		}
		return ServerLease.shared( Collections.nCopies( shards, shared ) );
	}

	@Override
	public ServerLease dedicatedServers(int shards) {
		return ServerLease.owned( Parallel.create( shards, i -> ContainerServer.run() ) );
	}

	@Override
	public synchronized void close() {
		if ( shared != null ) {
			shared.close();
			shared = null;
		}
	}

	private static final class ContainerServer extends DatabaseServer {

		private final MySQLContainer container;

		private ContainerServer(MySQLContainer container) {
			super( container.getHost() + ":" + container.getMappedPort( MySQLContainer.MYSQL_PORT ),
					"root", ROOT_PASSWORD, Map.of() );
			this.container = container;
		}

		static ContainerServer run() {
			// root, so that the extension may create databases
			MySQLContainer container = new MySQLContainer( IMAGE ).withUsername( "root" ).withPassword( ROOT_PASSWORD );
			container.start();
			return new ContainerServer( container );
		}

		@Override
		public void close() {
			container.stop();
		}

		@Override
		public String toString() {
			return "MySQL container " + container.getContainerName() + " at " + hostAndPort();
		}
	}

	@Override
	public String toString() {
		return "Testcontainers " + IMAGE;
	}
}
