package org.hibernate.shards.test.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether Testcontainers can be used, without loading (and hearing from) Testcontainers on
 * machines that plainly have no Docker: Testcontainers logs errors at length when it finds no engine.
 */
final class DockerProbe {

	private DockerProbe() {
	}

	static boolean isDockerAvailable() {
		if ( !mightHaveDocker() ) {
			return false;
		}
		try {
			// a separate class, so Testcontainers is loaded only here (and a missing jar is caught)
			return TestcontainersDocker.isDockerAvailable();
		}
		catch (Throwable e) {
			return false;
		}
	}

	/** Cheap signs of a Docker engine or of a Testcontainers configuration pointing at one. */
	private static boolean mightHaveDocker() {
		if ( notBlank( System.getenv( "DOCKER_HOST" ) ) || notBlank( System.getenv( "TESTCONTAINERS_HOST_OVERRIDE" ) ) ) {
			return true;
		}
		if ( System.getProperty( "os.name", "" ).toLowerCase( Locale.ROOT ).contains( "windows" ) ) {
			return true; // named pipes cannot be checked cheaply
		}
		String home = System.getProperty( "user.home", "" );
		List<Path> candidates = new ArrayList<>( List.of(
				Paths.get( home, ".testcontainers.properties" ),
				Paths.get( "/var/run/docker.sock" ),
				Paths.get( home, ".docker", "run", "docker.sock" ),
				Paths.get( home, ".docker", "desktop", "docker.sock" ),
				Paths.get( home, ".colima", "default", "docker.sock" ),
				Paths.get( home, ".rd", "docker.sock" ) ) );
		String runtimeDirectory = System.getenv( "XDG_RUNTIME_DIR" );
		if ( notBlank( runtimeDirectory ) ) {
			candidates.add( Paths.get( runtimeDirectory, "docker.sock" ) );
			candidates.add( Paths.get( runtimeDirectory, "podman", "podman.sock" ) );
		}
		return candidates.stream().anyMatch( Files::exists );
	}

	private static boolean notBlank(String value) {
		return value != null && !value.isBlank();
	}
}
