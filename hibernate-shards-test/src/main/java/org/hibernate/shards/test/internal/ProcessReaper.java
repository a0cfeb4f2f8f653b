package org.hibernate.shards.test.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Kills server processes and deletes their directories when the JVM exits, in case the test run
 * ends without closing its resources (Ctrl-C, System.exit, a surefire timeout).
 */
final class ProcessReaper {

	private static final Set<Process> PROCESSES = new LinkedHashSet<>();
	private static final Set<Path> DIRECTORIES = new LinkedHashSet<>();
	private static boolean hookInstalled;

	private ProcessReaper() {
	}

	static synchronized void register(Process process) {
		installHook();
		PROCESSES.add( process );
	}

	static synchronized void unregister(Process process) {
		PROCESSES.remove( process );
	}

	static synchronized void deleteOnExit(Path directory) {
		installHook();
		DIRECTORIES.add( directory );
	}

	static synchronized void forget(Path directory) {
		DIRECTORIES.remove( directory );
	}

	private static void installHook() {
		if ( !hookInstalled ) {
			Runtime.getRuntime().addShutdownHook( new Thread( ProcessReaper::reap, "hibernate-shards-test-reaper" ) );
			hookInstalled = true;
		}
	}

	private static void reap() {
		List<Process> processes;
		List<Path> directories;
		synchronized ( ProcessReaper.class ) {
			processes = new ArrayList<>( PROCESSES );
			directories = new ArrayList<>( DIRECTORIES );
		}
		processes.forEach( Process::destroyForcibly );
		for ( Process process : processes ) {
			try {
				// the directories can only be deleted once the servers no longer write to them
				process.waitFor( 5, TimeUnit.SECONDS );
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		// parents were registered before children: delete children (later entries) first
		for ( int i = directories.size() - 1; i >= 0; i-- ) {
			Closing.deleteRecursively( directories.get( i ) );
		}
	}
}
