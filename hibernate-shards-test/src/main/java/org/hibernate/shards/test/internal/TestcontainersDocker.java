package org.hibernate.shards.test.internal;

import org.testcontainers.DockerClientFactory;

/**
 * The only place besides {@link ContainerServerSource} that refers to Testcontainers; loaded only
 * after {@link DockerProbe} saw signs of Docker.
 */
final class TestcontainersDocker {

	private TestcontainersDocker() {
	}

	static boolean isDockerAvailable() {
		return DockerClientFactory.instance().isDockerAvailable();
	}
}
