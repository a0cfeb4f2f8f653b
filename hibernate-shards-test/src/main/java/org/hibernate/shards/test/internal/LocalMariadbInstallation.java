package org.hibernate.shards.test.internal;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The locally installed MariaDB (or MySQL) server binaries, and the data directory template made
 * from them. Initialising a data directory is the slowest part of a first start, so it is done once
 * per JVM and the result copied for every server.
 */
final class LocalMariadbInstallation {

	private static final Logger LOG = LoggerFactory.getLogger( LocalMariadbInstallation.class );

	static final List<String> SEARCH_DIRECTORIES = List.of(
			"/usr/sbin", "/usr/bin", "/usr/local/bin", "/usr/local/sbin", "/usr/local/mysql/bin",
			"/opt/homebrew/bin", "/opt/homebrew/sbin" );

	private static final List<String> SERVER_NAMES = List.of( "mariadbd", "mysqld" );
	private static final List<String> INSTALL_SCRIPT_NAMES = List.of( "mariadb-install-db", "mysql_install_db" );

	/**
	 * Settings that keep a test server small and quick on a small machine. They trade durability
	 * against an operating system crash (not a process kill, which {@code stop()} does) for speed.
	 * The same settings are used to initialise the template, since the redo log size is fixed then.
	 * {@code --loose-} makes a server that lacks an option ignore it instead of refusing to start.
	 */
	private static final List<String> TUNING = List.of(
			"--innodb-buffer-pool-size=64M",
			"--innodb-log-file-size=8M",
			// commit writes the log to the OS; the OS keeps it when the server process is killed
			"--innodb-flush-log-at-trx-commit=2",
			// the doublewrite buffer protects against torn pages on power loss only
			"--loose-innodb-doublewrite=0",
			"--loose-performance-schema=OFF",
			"--key-buffer-size=8M",
			"--loose-aria-pagecache-buffer-size=8M",
			"--max-connections=500" );

	/**
	 * Bytes after which a server starts a new binary log file: small enough that long runs rotate (so
	 * code following the log meets rotations), large enough that a test class rarely does.
	 */
	private static final String MAX_BINLOG_SIZE = "16M";

	private static final long INSTALL_TIMEOUT_SECONDS = 120;
	private static final Pattern MARIADB_MAJOR = Pattern.compile( "Ver (\\d+)\\.\\d+\\.\\d+-MariaDB" );

	private static volatile Optional<LocalMariadbInstallation> found;

	private final Path server;
	private final Path installScript; // null for MySQL, which initialises with the server binary
	private final boolean mariaDb;
	private final boolean runningAsRoot = "root".equals( System.getProperty( "user.name" ) );

	private final AtomicInteger serverDirectories = new AtomicInteger();
	private Path baseDirectory;
	private Path template;

	private LocalMariadbInstallation(Path server, Path installScript, boolean mariaDb) {
		this.server = server;
		this.installScript = installScript;
		this.mariaDb = mariaDb;
	}

	/**
	 * @return the installation, looked up once per JVM; empty if no usable server binary exists
	 */
	static Optional<LocalMariadbInstallation> find() {
		Optional<LocalMariadbInstallation> result = found;
		if ( result == null ) {
			synchronized ( LocalMariadbInstallation.class ) {
				result = found;
				if ( result == null ) {
					result = lookUp();
					found = result;
				}
			}
		}
		return result;
	}

	private static Optional<LocalMariadbInstallation> lookUp() {
		List<Path> directories = searchPath();
		Optional<Path> server = findExecutable( SERVER_NAMES, directories );
		if ( server.isEmpty() ) {
			return Optional.empty();
		}
		String version = versionOutput( server.get() );
		boolean mariaDb = version.toLowerCase( Locale.ROOT ).contains( "mariadb" );
		warnAboutMariaDb11( server.get(), version );
		if ( !mariaDb ) {
			return Optional.of( new LocalMariadbInstallation( server.get(), null, false ) );
		}
		List<Path> scriptDirectories = new ArrayList<>( directories );
		Path binDirectory = server.get().toAbsolutePath().getParent();
		if ( binDirectory != null && binDirectory.getParent() != null ) {
			scriptDirectories.add( binDirectory.getParent().resolve( "scripts" ) ); // tarball layout
		}
		Optional<Path> script = findExecutable( INSTALL_SCRIPT_NAMES, scriptDirectories );
		if ( script.isEmpty() ) {
			LOG.warn( "Found {} but neither of {} to initialise a data directory", server.get(), INSTALL_SCRIPT_NAMES );
			return Optional.empty();
		}
		return Optional.of( new LocalMariadbInstallation( server.get(), script.get(), true ) );
	}

	private static void warnAboutMariaDb11(Path server, String versionOutput) {
		Matcher matcher = MARIADB_MAJOR.matcher( versionOutput );
		if ( matcher.find() && Integer.parseInt( matcher.group( 1 ) ) >= 11 ) {
			LOG.warn( "{} is MariaDB {}: Connector/J's transaction isolation query is known to fail on MariaDB 11+;"
					+ " MariaDB 10.11 is the tested version", server, matcher.group( 1 ) );
		}
	}

	/** @return PATH entries followed by the usual install locations */
	static List<Path> searchPath() {
		Set<Path> directories = new LinkedHashSet<>();
		String path = System.getenv( "PATH" );
		if ( path != null ) {
			for ( String entry : path.split( File.pathSeparator ) ) {
				if ( !entry.isBlank() ) {
					directories.add( Paths.get( entry ) );
				}
			}
		}
		SEARCH_DIRECTORIES.forEach( d -> directories.add( Paths.get( d ) ) );
		return new ArrayList<>( directories );
	}

	private static Optional<Path> findExecutable(List<String> names, List<Path> directories) {
		// name first: a mariadbd anywhere beats a mysqld earlier on the PATH
		for ( String name : names ) {
			for ( Path directory : directories ) {
				Path candidate = directory.resolve( name );
				if ( Files.isRegularFile( candidate ) && Files.isExecutable( candidate ) ) {
					return Optional.of( candidate );
				}
			}
		}
		return Optional.empty();
	}

	private static String versionOutput(Path server) {
		try {
			Process process = new ProcessBuilder( server.toString(), "--version" ).redirectErrorStream( true ).start();
			String output = new String( process.getInputStream().readAllBytes(), StandardCharsets.UTF_8 );
			process.waitFor( 10, TimeUnit.SECONDS );
			return output;
		}
		catch (IOException e) {
			return "";
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return "";
		}
	}

	Path server() {
		return server;
	}

	boolean isMariaDb() {
		return mariaDb;
	}

	/**
	 * @return a new empty directory below this JVM's base directory, with a short name (see {@link #baseDirectory()})
	 */
	synchronized Path newServerDirectory() throws IOException {
		return Files.createDirectory( baseDirectory().resolve( "s" + serverDirectories.incrementAndGet() ) );
	}

	/**
	 * Fills {@code dataDirectory} (which must not exist) with a freshly initialised data directory.
	 */
	void createDataDirectory(Path dataDirectory) throws IOException {
		Path source = template();
		try ( Stream<Path> paths = Files.walk( source ) ) {
			for ( Path from : (Iterable<Path>) paths::iterator ) {
				Path to = dataDirectory.resolve( source.relativize( from ).toString() );
				if ( Files.isDirectory( from ) ) {
					Files.createDirectories( to );
				}
				else {
					Files.copy( from, to, StandardCopyOption.COPY_ATTRIBUTES );
				}
			}
		}
		catch (UncheckedIOException e) {
			throw e.getCause();
		}
	}

	/**
	 * @return the command that runs a server on {@code 127.0.0.1:port} with files below {@code directory}
	 */
	List<String> serverCommand(Path dataDirectory, Path runDirectory, int port) {
		List<String> command = new ArrayList<>();
		command.add( server.toString() );
		command.add( "--no-defaults" ); // ignore /etc/mysql/my.cnf and ~/.my.cnf
		command.add( "--datadir=" + dataDirectory );
		command.add( "--port=" + port );
		command.add( "--bind-address=127.0.0.1" );
		// short names: a Unix socket path must stay under about 100 characters
		command.add( "--socket=" + runDirectory.resolve( "s.sock" ) );
		command.add( "--pid-file=" + runDirectory.resolve( "s.pid" ) );
		// Temporary tables of its own (a server-side cursor's result lives in one): nothing else cleaning the shared /tmp
		// can pull a file away from under a running statement.
		command.add( "--tmpdir=" + runDirectory );
		if ( mariaDb ) {
			// MariaDB's installer creates root@127.0.0.1, so no reverse DNS is needed; MySQL only has root@localhost
			command.add( "--skip-name-resolve" );
		}
		addUser( command );
		command.addAll( TUNING );
		command.addAll( binaryLog( dataDirectory, port ) );
		return command;
	}

	/**
	 * A row-based binary log, as online shard moves need to follow the writes made while they copy (MySQL 8
	 * keeps one by default, MariaDB does not). Not flushed at commit, for the same reason as the redo log. The
	 * server id must differ between servers a client follows; the port is unique on this machine and stays
	 * the same when a dedicated server is started again.
	 */
	private static List<String> binaryLog(Path dataDirectory, int port) {
		return List.of(
				"--log-bin=" + dataDirectory.resolve( "binlog" ),
				"--binlog-format=ROW",
				"--server-id=" + port,
				"--sync-binlog=0",
				"--max-binlog-size=" + MAX_BINLOG_SIZE );
	}

	private void addUser(List<String> command) {
		if ( runningAsRoot ) {
			command.add( "--user=root" ); // the server refuses to run as root without it
		}
	}

	/**
	 * Prefers /tmp over java.io.tmpdir: each server's Unix socket lives below this directory, and socket
	 * paths are limited to about 100 characters (macOS's java.io.tmpdir alone takes about 50).
	 */
	private synchronized Path baseDirectory() throws IOException {
		if ( baseDirectory == null ) {
			Path tmp = Paths.get( "/tmp" );
			baseDirectory = Files.isDirectory( tmp ) && Files.isWritable( tmp )
					? Files.createTempDirectory( tmp, "hibernate-shards-db-" )
					: Files.createTempDirectory( "hibernate-shards-db-" );
			ProcessReaper.deleteOnExit( baseDirectory );
		}
		return baseDirectory;
	}

	private synchronized Path template() throws IOException {
		if ( template == null ) {
			long start = System.nanoTime();
			Path directory = baseDirectory().resolve( "template" );
			Path log = baseDirectory().resolve( "install.log" );
			runInstall( directory, log );
			template = directory;
			LOG.info( "Initialised a {} data directory template in {} ms", server.getFileName(),
					TimeUnit.NANOSECONDS.toMillis( System.nanoTime() - start ) );
		}
		return template;
	}

	private void runInstall(Path directory, Path log) throws IOException {
		List<String> command = new ArrayList<>();
		if ( mariaDb ) {
			command.add( installScript.toString() );
			command.add( "--no-defaults" );
			command.add( "--datadir=" + directory );
			command.add( "--auth-root-authentication-method=normal" ); // root without password over TCP
			command.add( "--skip-test-db" );
		}
		else {
			command.add( server.toString() );
			command.add( "--no-defaults" );
			command.add( "--initialize-insecure" ); // root@localhost without password
			command.add( "--datadir=" + directory );
		}
		addUser( command );
		// the template has no binary log: each server starts its own, under its own server id
		command.add( "--skip-log-bin" );
		command.addAll( TUNING );
		Process process = new ProcessBuilder( command )
				.redirectErrorStream( true )
				.redirectOutput( log.toFile() )
				.start();
		ProcessReaper.register( process );
		try {
			boolean finished = process.waitFor( INSTALL_TIMEOUT_SECONDS, TimeUnit.SECONDS );
			if ( !finished || process.exitValue() != 0 ) {
				process.destroyForcibly();
				throw new IllegalStateException( "Could not initialise a data directory with " + command
						+ ( finished ? " (exit code " + process.exitValue() + ")" : " (timed out)" )
						+ "\n" + LogTail.of( log ) );
			}
		}
		catch (InterruptedException e) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new IllegalStateException( "Interrupted while initialising a data directory", e );
		}
		finally {
			ProcessReaper.unregister( process );
		}
	}

	@Override
	public String toString() {
		return server + ( installScript == null ? "" : " with " + installScript );
	}
}
