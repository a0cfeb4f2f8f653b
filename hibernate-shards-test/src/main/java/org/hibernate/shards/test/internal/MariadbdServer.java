package org.hibernate.shards.test.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code mariadbd} (or {@code mysqld}) process started by the extension on a free loopback port,
 * with its files in a private temporary directory.
 */
final class MariadbdServer extends DatabaseServer {

	private static final Logger LOG = LoggerFactory.getLogger( MariadbdServer.class );

	private static final long READY_TIMEOUT_MILLIS = 60_000;
	private static final long STOP_TIMEOUT_MILLIS = 30_000;
	private static final long POLL_MILLIS = 50;
	/** A port taken by something that is not a MySQL server must not hold a probe for the usual 60 s. */
	private static final Map<String, String> PROBE_SETTINGS = Map.of( "connectTimeout", "1000", "socketTimeout", "2000" );
	/** Another process may take the port between choosing it and the server binding it. */
	private static final int PORT_ATTEMPTS = 5;

	private final LocalMariadbInstallation installation;
	private final Path directory;
	private final Path dataDirectory;
	private final Path log;
	private final int port;
	private final boolean stoppable;
	private Process process;

	private MariadbdServer(LocalMariadbInstallation installation, Path directory, int port, boolean stoppable) {
		super( "127.0.0.1:" + port, "root", "", Map.of() );
		this.installation = installation;
		this.directory = directory;
		this.dataDirectory = directory.resolve( "data" );
		this.log = directory.resolve( "server.log" );
		this.port = port;
		this.stoppable = stoppable;
	}

	/**
	 * Creates a data directory and starts a server on it.
	 *
	 * @param stoppable whether tests may stop and start it
	 * @return the running server
	 */
	static MariadbdServer launch(LocalMariadbInstallation installation, boolean stoppable) throws IOException {
		Path directory = installation.newServerDirectory();
		ProcessReaper.deleteOnExit( directory );
		try {
			installation.createDataDirectory( directory.resolve( "data" ) );
			for ( int attempt = 1; ; attempt++ ) {
				MariadbdServer server = new MariadbdServer( installation, directory, freePort(), stoppable );
				try {
					server.startProcess();
					return server;
				}
				catch (PortTakenException e) {
					if ( attempt == PORT_ATTEMPTS ) {
						throw new IllegalStateException( e.getMessage() );
					}
				}
			}
		}
		catch (IOException | RuntimeException e) {
			Closing.deleteRecursively( directory );
			ProcessReaper.forget( directory );
			throw e;
		}
	}

	private static int freePort() throws IOException {
		try ( ServerSocket socket = new ServerSocket( 0, 1, InetAddress.getLoopbackAddress() ) ) {
			return socket.getLocalPort();
		}
	}

	@Override
	public boolean canStopAndStart() {
		return stoppable;
	}

	@Override
	public synchronized void stop() {
		if ( !stoppable ) {
			super.stop();
		}
		if ( process != null ) {
			long begin = System.nanoTime();
			killProcess();
			LOG.info( "Stopped {} in {} ms", this, TimeUnit.NANOSECONDS.toMillis( System.nanoTime() - begin ) );
		}
	}

	@Override
	public synchronized void signal(String signal) {
		if ( !stoppable || process == null ) {
			super.signal( signal );
		}
		try {
			Process kill = new ProcessBuilder( "kill", "-" + signal, String.valueOf( process.pid() ) ).inheritIO().start();
			if ( kill.waitFor() != 0 ) {
				throw new IllegalStateException( "kill -" + signal + " " + process.pid() + " failed" );
			}
			if ( signal.equals( "STOP" ) ) {
				awaitStopped( process.pid() );
			}
			LOG.info( "Sent SIG{} to {}", signal, this );
		}
		catch (java.io.IOException e) {
			throw new IllegalStateException( "Cannot signal " + this + ": " + e.getMessage(), e );
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException( "Interrupted while signalling " + this, e );
		}
	}

	/** A signal is delivered after kill returns: waits until the kernel shows the process stopped ('T' in /proc). */
	private static void awaitStopped(long pid) throws InterruptedException, java.io.IOException {
		java.nio.file.Path stat = java.nio.file.Path.of( "/proc", String.valueOf( pid ), "stat" );
		if ( !java.nio.file.Files.exists( stat ) ) {
			Thread.sleep( 200 ); // no procfs: a moment is enough for the kernel to stop it
			return;
		}
		long deadline = System.nanoTime() + 5_000_000_000L;
		while ( System.nanoTime() < deadline ) {
			String line = java.nio.file.Files.readString( stat );
			// The state follows the command name in parentheses, which may hold spaces.
			String afterName = line.substring( line.lastIndexOf( ')' ) + 1 ).trim();
			if ( afterName.startsWith( "T" ) || afterName.startsWith( "t" ) ) {
				return;
			}
			Thread.sleep( 5 );
		}
		throw new IllegalStateException( "Process " + pid + " did not stop within 5 s of SIGSTOP" );
	}

	@Override
	public synchronized void start() {
		if ( !stoppable ) {
			super.start();
		}
		if ( process != null && process.isAlive() ) {
			return;
		}
		discardProcess(); // it may have died on its own
		try {
			long begin = System.nanoTime();
			startProcess();
			LOG.info( "Started {} again in {} ms", this, TimeUnit.NANOSECONDS.toMillis( System.nanoTime() - begin ) );
		}
		catch (PortTakenException e) {
			throw new IllegalStateException( e.getMessage() );
		}
	}

	/** Stops the server for good and deletes its files. */
	@Override
	public synchronized void close() {
		killProcess();
		Closing.deleteRecursively( directory );
		ProcessReaper.forget( directory );
	}

	private synchronized void startProcess() {
		long logStart;
		try {
			logStart = Files.exists( log ) ? Files.size( log ) : 0;
			List<String> command = installation.serverCommand( dataDirectory, directory, port );
			Files.writeString( log, "---- " + String.join( " ", command ) + "\n", StandardCharsets.UTF_8,
					StandardOpenOption.CREATE, StandardOpenOption.APPEND );
			process = new ProcessBuilder( command )
					.redirectErrorStream( true )
					.redirectOutput( ProcessBuilder.Redirect.appendTo( log.toFile() ) )
					.start();
		}
		catch (IOException e) {
			throw new UncheckedIOException( "Could not run " + installation.server(), e );
		}
		ProcessReaper.register( process );
		awaitReady( logStart );
	}

	private void awaitReady(long logStart) {
		long deadline = System.currentTimeMillis() + READY_TIMEOUT_MILLIS;
		SQLException lastFailure = null;
		while ( System.currentTimeMillis() < deadline ) {
			if ( !process.isAlive() ) {
				int exitCode = process.exitValue();
				discardProcess();
				String tail = LogTail.of( log, logStart );
				if ( tail.contains( "Address already in use" ) || tail.contains( "Bind on TCP/IP port" ) ) {
					throw new PortTakenException( this + " could not bind its port. " + tail );
				}
				throw new IllegalStateException( this + " exited with code " + exitCode + " while starting. " + tail );
			}
			try ( Connection connection = DriverManager.getConnection( jdbcUrl( "", PROBE_SETTINGS ), username(), password() ) ) {
				if ( isOurs( connection ) ) {
					return;
				}
				// another server holds the port; ours will exit with a bind error
			}
			catch (SQLException e) {
				lastFailure = e;
			}
			sleep( POLL_MILLIS );
		}
		discardProcess();
		throw new IllegalStateException( this + " did not accept connections within " + READY_TIMEOUT_MILLIS
				+ " ms (last error: " + ( lastFailure == null ? "none" : lastFailure.getMessage() ) + "). "
				+ LogTail.of( log, logStart ) );
	}

	/** Whether the connection reached this server rather than another one that took the port first. */
	private boolean isOurs(Connection connection) throws SQLException {
		try ( Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery( "SELECT @@datadir" ) ) {
			rs.next();
			return sameDirectory( Paths.get( rs.getString( 1 ) ), dataDirectory );
		}
	}

	/** Compares real paths: the server may report /private/tmp/… for /tmp/… (macOS). */
	private static boolean sameDirectory(Path a, Path b) {
		try {
			return a.toRealPath().equals( b.toRealPath() );
		}
		catch (IOException e) {
			return a.toAbsolutePath().normalize().equals( b.toAbsolutePath().normalize() );
		}
	}

	/** Kills the process as a crash would, then waits until the port refuses connections. */
	private void killProcess() {
		if ( process != null ) {
			discardProcess();
			awaitPortClosed();
		}
	}

	/** Kills the process if it still runs and forgets it. */
	private void discardProcess() {
		if ( process == null ) {
			return;
		}
		process.destroyForcibly();
		try {
			if ( !process.waitFor( STOP_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS ) ) {
				throw new IllegalStateException( this + " did not exit within " + STOP_TIMEOUT_MILLIS + " ms" );
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException( "Interrupted while stopping " + this, e );
		}
		ProcessReaper.unregister( process );
		process = null;
	}

	private void awaitPortClosed() {
		long deadline = System.currentTimeMillis() + STOP_TIMEOUT_MILLIS;
		while ( System.currentTimeMillis() < deadline ) {
			try ( Socket socket = new Socket() ) {
				socket.connect( new InetSocketAddress( InetAddress.getLoopbackAddress(), port ), 200 );
			}
			catch (IOException refused) {
				return;
			}
			sleep( POLL_MILLIS );
		}
		throw new IllegalStateException( "Port " + port + " still accepts connections after " + this + " was killed" );
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep( millis );
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException( "Interrupted while waiting for a database server", e );
		}
	}

	@Override
	public String toString() {
		return installation.server().getFileName() + " on 127.0.0.1:" + port + " (files in " + directory + ")";
	}

	/** The chosen port was taken by someone else before the server could bind it. */
	private static final class PortTakenException extends IllegalStateException {
		PortTakenException(String message) {
			super( message );
		}
	}
}
