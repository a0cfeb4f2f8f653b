package org.hibernate.shards.it.move;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.admin.MoveListener;
import org.hibernate.shards.admin.MoveProgress;
import org.hibernate.shards.admin.MoveStep;
import org.hibernate.shards.admin.ShardAdmin;
import org.hibernate.shards.cfg.ShardedConfiguration;
import org.hibernate.shards.strategy.directory.ShardDirectory;

/**
 * A mover in a process of its own, to be killed with {@code kill -9} at a chosen point of its move (see
 * {@link KillableMover}, which starts it). It builds a factory of the move model from a properties file, starts moving a
 * virtual shard and, when the trigger is reached on the mover's thread, prints {@value #KILL_ME} and blocks that thread
 * for good, so that nothing the move does after the trigger can happen before the kill.
 * <p>
 * Arguments: the properties file, what moves and where to, and the trigger: {@code step:FENCED} (after that step is
 * journalled) or {@code rows:K} (after a copied batch brings the rows copied to at least K). What moves is a virtual
 * shard, going to a physical shard ({@code 5 1}), or a partition, going to a virtual shard
 * ({@code partition:MvMemo:hot 7}); or a partition is added with the rows of its value
 * ({@code add:MvMemo:hot:<value> 7}), or removed, its rows going where its value is placed without it
 * ({@code remove:MvMemo:hot 0}, the number unused), through {@code ShardDirectory}.
 * <p>
 * It exits by itself when its standard input closes (the test JVM died) or after {@value #LIFETIME_SECONDS} s, so that
 * no mover outlives a broken test run.
 */
public final class MoverProcess {
	static final String KILL_ME = "KILL-ME-NOW";
	static final String FINISHED = "MOVE-FINISHED";
	static final String FAILED = "MOVE-FAILED";
	/** The prefix of the argument that names a partition to move: {@code partition:<Entity>:<name>}. */
	static final String PARTITION = "partition:";
	/** The prefix of the argument that names a partition to add: {@code add:<Entity>:<name>:<value>}. */
	static final String ADD = "add:";
	/** The prefix of the argument that names a partition to remove: {@code remove:<Entity>:<name>}. */
	static final String REMOVE = "remove:";
	private static final int LIFETIME_SECONDS = 300;

	private MoverProcess() {
	}

	public static void main(String[] args) throws Exception {
		exitWhenOrphaned();
		Properties properties = new Properties();
		try ( Reader reader = Files.newBufferedReader( Path.of( args[0] ), StandardCharsets.UTF_8 ) ) {
			properties.load( reader );
		}
		String what = args[1];
		int where = Integer.parseInt( args[2] );
		String trigger = args[3];

		java.util.logging.Logger.getLogger( "org.hibernate" ).setLevel( java.util.logging.Level.WARNING );
		ShardedConfiguration configuration = new ShardedConfiguration();
		properties.stringPropertyNames().forEach( name -> configuration.setProperty( name, properties.getProperty( name ) ) );
		for ( Class<?> entity : MoveFixture.MODEL ) {
			configuration.addAnnotatedClass( entity );
		}
		try ( ShardedSessionFactory factory = configuration.buildShardedSessionFactory() ) {
			ShardAdmin admin = ShardAdmin.of( factory );
			admin.addListener( new Trigger( trigger ) );
			try {
				say( FINISHED + " " + run( factory, admin, what, where ) );
			}
			catch (RuntimeException e) {
				say( FAILED + " " + e );
			}
		}
		// A move that finished before its trigger is an error the parent reports; it sees this process end.
		System.exit( 3 );
	}

	/** Makes the move the arguments ask for and waits for it. @return what it did, for the output */
	private static Object run(ShardedSessionFactory factory, ShardAdmin admin, String what, int where) {
		if ( what.startsWith( PARTITION ) ) {
			String[] entityAndName = what.substring( PARTITION.length() ).split( ":", 2 );
			return admin.movePartition( entityAndName[0], entityAndName[1], where ).await();
		}
		if ( what.startsWith( ADD ) ) {
			String[] entityNameValue = what.substring( ADD.length() ).split( ":", 3 );
			ShardDirectory.of( factory ).addPartition( entityNameValue[0], entityNameValue[1], entityNameValue[2], where );
			return "added " + what;
		}
		if ( what.startsWith( REMOVE ) ) {
			String[] entityAndName = what.substring( REMOVE.length() ).split( ":", 2 );
			ShardDirectory.of( factory ).removePartition( entityAndName[0], entityAndName[1] );
			return "removed " + what;
		}
		return admin.moveVirtualShard( Integer.parseInt( what ), ShardId.of( where ) ).await();
	}

	/** Blocks the mover's thread for good once the move reaches the point where this process is to be killed. */
	private static final class Trigger implements MoveListener {
		private final MoveStep step;
		private final long rows;

		Trigger(String trigger) {
			if ( trigger.startsWith( "step:" ) ) {
				step = MoveStep.valueOf( trigger.substring( "step:".length() ) );
				rows = -1;
			}
			else if ( trigger.startsWith( "rows:" ) ) {
				step = null;
				rows = Long.parseLong( trigger.substring( "rows:".length() ) );
			}
			else {
				throw new IllegalArgumentException( "Unknown trigger " + trigger + ": use step:<MoveStep> or rows:<count>" );
			}
		}

		@Override
		public void stepCompleted(int virtualShard, MoveStep completed) {
			say( "STEP " + completed );
			if ( completed == step ) {
				killMeNow();
			}
		}

		@Override
		public void progress(MoveProgress progress) {
			if ( rows >= 0 && progress.totalRowsCopied() >= rows ) {
				say( "COPIED " + progress.rowsCopied() );
				killMeNow();
			}
		}
	}

	private static void killMeNow() {
		say( KILL_ME );
		try {
			new CountDownLatch( 1 ).await();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		// Interrupted (the factory closing): halt, so that the move cannot go on past its trigger.
		Runtime.getRuntime().halt( 4 );
	}

	private static synchronized void say(String line) {
		System.out.println( line );
		System.out.flush();
	}

	private static void exitWhenOrphaned() {
		daemon( "orphan-watchdog", () -> {
			try {
				while ( System.in.read() >= 0 ) {
					// the parent writes nothing; end of input means it is gone
				}
			}
			catch (IOException e) {
				// the pipe broke: the parent is gone
			}
			Runtime.getRuntime().halt( 5 );
		} );
		daemon( "lifetime-watchdog", () -> {
			try {
				Thread.sleep( LIFETIME_SECONDS * 1000L );
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			Runtime.getRuntime().halt( 6 );
		} );
	}

	private static void daemon(String name, Runnable work) {
		Thread thread = new Thread( work, name );
		thread.setDaemon( true );
		thread.start();
	}
}
