package org.hibernate.shards.it.move;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.hibernate.shards.ShardId;

/**
 * Runs a {@link MoverProcess} in a child JVM and kills it ({@link Process#destroyForcibly()}: SIGKILL on Linux) as soon
 * as it says it reached its trigger. Every wait is bounded; a failure shows the child's output.
 */
final class KillableMover {
	private static final Duration TIMEOUT = Duration.ofSeconds( 120 );
	private static final int KEPT_LINES = 200;

	private final Process process;
	private final Deque<String> output = new java.util.ArrayDeque<>();
	private final CountDownLatch marker = new CountDownLatch( 1 );
	private final CountDownLatch streamsClosed = new CountDownLatch( 2 );

	private KillableMover(Process process) {
		this.process = process;
		read( process.getInputStream(), "" );
		read( process.getErrorStream(), "[err] " );
	}

	/** Writes the factory settings of the child to a properties file: they are read by {@link MoverProcess}. */
	static Path writeConfiguration(Path directory, Map<String, String> properties) {
		Properties file = new Properties();
		file.putAll( properties );
		try {
			Path path = Files.createTempFile( directory, "mover", ".properties" );
			try ( var writer = Files.newBufferedWriter( path, StandardCharsets.UTF_8 ) ) {
				file.store( writer, "factory of a MoverProcess" );
			}
			return path;
		}
		catch (IOException e) {
			throw new UncheckedIOException( e );
		}
	}

	/**
	 * Starts a child that moves a virtual shard, waits until it reaches its trigger, and kills it.
	 *
	 * @param trigger {@code step:<MoveStep>} or {@code rows:<count>}, see {@link MoverProcess}
	 * @return the child's output, for messages
	 */
	static String moveAndKill(Path configuration, int virtualShard, ShardId target, String trigger) {
		return runAndKill( configuration, String.valueOf( virtualShard ), target.getId(), trigger );
	}

	/**
	 * Starts a child that moves a partition to a virtual shard, waits until it reaches its trigger, and kills it.
	 *
	 * @param trigger {@code step:<MoveStep>} or {@code rows:<count>}, see {@link MoverProcess}
	 * @return the child's output, for messages
	 */
	static String movePartitionAndKill(Path configuration, String entity, String partition, int virtualShard, String trigger) {
		return runAndKill( configuration, MoverProcess.PARTITION + entity + ":" + partition, virtualShard, trigger );
	}

	/** Starts a child that adds a partition whose value has rows elsewhere (they move), and kills it at its trigger. */
	static String addPartitionAndKill(Path configuration, String entity, String partition, String value, int virtualShard, String trigger) {
		return runAndKill( configuration, MoverProcess.ADD + entity + ":" + partition + ":" + value, virtualShard, trigger );
	}

	/** Starts a child that removes a partition with rows (they move where its value goes without it), and kills it at its trigger. */
	static String removePartitionAndKill(Path configuration, String entity, String partition, String trigger) {
		return runAndKill( configuration, MoverProcess.REMOVE + entity + ":" + partition, 0, trigger );
	}

	private static String runAndKill(Path configuration, String what, int where, String trigger) {
		KillableMover mover = start( configuration, what, where, trigger );
		try {
			mover.awaitMarker();
			mover.kill();
			return mover.output();
		}
		finally {
			mover.process.destroyForcibly();
		}
	}

	private static KillableMover start(Path configuration, String what, int where, String trigger) {
		List<String> command = new ArrayList<>();
		command.add( Path.of( System.getProperty( "java.home" ), "bin", "java" ).toString() );
		command.add( "-XX:TieredStopAtLevel=1" ); // a short-lived JVM: quick start matters more than peak speed
		command.add( "-cp" );
		command.add( classPath() );
		command.add( MoverProcess.class.getName() );
		command.add( configuration.toString() );
		command.add( what );
		command.add( String.valueOf( where ) );
		command.add( trigger );
		try {
			return new KillableMover( new ProcessBuilder( command ).start() );
		}
		catch (IOException e) {
			throw new UncheckedIOException( "Cannot start " + command, e );
		}
	}

	/**
	 * The test class path. Surefire may run tests from a manifest-only jar, whose {@code java.class.path} is that jar
	 * alone; it then gives the real class path in {@code surefire.test.class.path}.
	 */
	private static String classPath() {
		String surefire = System.getProperty( "surefire.test.class.path" );
		return surefire != null && !surefire.isBlank() ? surefire : System.getProperty( "java.class.path" );
	}

	private void awaitMarker() {
		try {
			long deadline = System.nanoTime() + TIMEOUT.toNanos();
			while ( !marker.await( 100, TimeUnit.MILLISECONDS ) ) {
				if ( !process.isAlive() && streamsClosed.await( 5, TimeUnit.SECONDS ) && marker.getCount() > 0 ) {
					fail( "The mover process ended (exit code " + process.exitValue() + ") without reaching its trigger:\n" + output() );
				}
				if ( System.nanoTime() > deadline ) {
					fail( "The mover process did not reach its trigger within " + TIMEOUT.toSeconds() + " s:\n" + output() );
				}
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			fail( "Interrupted while waiting for the mover process", e );
		}
	}

	private void kill() {
		process.destroyForcibly();
		try {
			if ( !process.waitFor( TIMEOUT.toSeconds(), TimeUnit.SECONDS ) ) {
				fail( "The mover process did not die within " + TIMEOUT.toSeconds() + " s of SIGKILL:\n" + output() );
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			fail( "Interrupted while waiting for the mover process to die", e );
		}
	}

	private void read(InputStream stream, String prefix) {
		Thread reader = new Thread( () -> {
			try ( BufferedReader lines = new BufferedReader( new InputStreamReader( stream, StandardCharsets.UTF_8 ) ) ) {
				for ( String line = lines.readLine(); line != null; line = lines.readLine() ) {
					synchronized ( output ) {
						output.add( prefix + line );
						if ( output.size() > KEPT_LINES ) {
							output.removeFirst();
						}
					}
					if ( prefix.isEmpty() && line.equals( MoverProcess.KILL_ME ) ) {
						marker.countDown();
					}
				}
			}
			catch (IOException e) {
				// the process was killed: its pipes closed
			}
			finally {
				streamsClosed.countDown();
			}
		}, "mover-process-output" );
		reader.setDaemon( true );
		reader.start();
	}

	private String output() {
		synchronized ( output ) {
			return String.join( "\n", output );
		}
	}
}
