package org.hibernate.shards.test.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A MySQL-protocol server reachable over TCP with an account that may create databases.
 * This base class is a server the extension does not control (it cannot be stopped or started);
 * subclasses add lifecycle.
 */
public class DatabaseServer implements AutoCloseable {

	/**
	 * Connector/J settings every URL gets. rewriteBatchedStatements lets JDBC batches become multi-row INSERTs. The
	 * connect and socket timeouts are the library's to set (hibernate.shards.connect_timeout_ms, socket_timeout_ms), so
	 * that tests see its defaults; a URL that sets them wins over the defaults.
	 */
	private static final Map<String, String> DEFAULT_URL_PARAMETERS = Map.of(
			"useSSL", "false",
			"allowPublicKeyRetrieval", "true",
			"rewriteBatchedStatements", "true"
	);
	private static final String[] PARAMETER_ORDER = {
			"useSSL", "allowPublicKeyRetrieval", "rewriteBatchedStatements"
	};

	private final String hostAndPort;
	private final String username;
	private final String password;
	private final Map<String, String> urlParameters;
	private volatile ServerVersion version;

	/**
	 * @param hostAndPort e.g. {@code 127.0.0.1:3306} or {@code [::1]:3306}
	 * @param extraUrlParameters Connector/J settings that override or add to the defaults
	 */
	public DatabaseServer(String hostAndPort, String username, String password, Map<String, String> extraUrlParameters) {
		this.hostAndPort = hostAndPort;
		this.username = username;
		this.password = password == null ? "" : password;
		Map<String, String> parameters = new LinkedHashMap<>();
		for ( String name : PARAMETER_ORDER ) {
			parameters.put( name, DEFAULT_URL_PARAMETERS.get( name ) );
		}
		parameters.putAll( extraUrlParameters );
		this.urlParameters = parameters;
	}

	public String hostAndPort() {
		return hostAndPort;
	}

	public String username() {
		return username;
	}

	public String password() {
		return password;
	}

	/**
	 * @param database the default database of the URL, or {@code ""} for none
	 * @return a Connector/J URL without credentials
	 */
	public String jdbcUrl(String database) {
		return jdbcUrl( database, Map.of() );
	}

	/**
	 * @param overrides Connector/J settings that replace this server's for this URL only
	 */
	String jdbcUrl(String database, Map<String, String> overrides) {
		Map<String, String> parameters = new LinkedHashMap<>( urlParameters );
		parameters.putAll( overrides );
		String query = parameters.entrySet().stream()
				.map( e -> e.getValue() == null ? e.getKey() : e.getKey() + "=" + e.getValue() )
				.collect( Collectors.joining( "&" ) );
		return "jdbc:mysql://" + hostAndPort + "/" + database + "?" + query;
	}

	public Connection connect(String database) throws SQLException {
		return DriverManager.getConnection( jdbcUrl( database ), username, password );
	}

	/**
	 * @return the server version, queried once and then remembered (so it is known while stopped)
	 */
	public ServerVersion version() {
		ServerVersion known = version;
		if ( known == null ) {
			try ( Connection connection = connect( "" );
					Statement statement = connection.createStatement();
					ResultSet rs = statement.executeQuery( "SELECT VERSION()" ) ) {
				rs.next();
				known = new ServerVersion( rs.getString( 1 ) );
				version = known;
			}
			catch (SQLException e) {
				throw new IllegalStateException( "Cannot read the version of " + this + ": " + e.getMessage(), e );
			}
		}
		return known;
	}

	public boolean canStopAndStart() {
		return false;
	}

	/** Stops the server; see {@link org.hibernate.shards.test.ShardDatabase#stop()}. */
	public void stop() {
		throw cannotStopAndStart();
	}

	/** Starts the server again; see {@link org.hibernate.shards.test.ShardDatabase#start()}. */
	public void start() {
		throw cannotStopAndStart();
	}

	/** Sends a signal to the server process ({@code STOP}, {@code CONT}). */
	public void signal(String signal) {
		throw cannotStopAndStart();
	}

	private UnsupportedOperationException cannotStopAndStart() {
		return new UnsupportedOperationException(
				this + " cannot be stopped and started: only servers the extension starts itself (local mariadbd)"
						+ " for a class annotated @MySqlShards(dedicated = true) can" );
	}

	/** Releases what this object owns; a server the extension did not start is left running. */
	@Override
	public void close() {
	}

	@Override
	public String toString() {
		return "MySQL-protocol server " + hostAndPort;
	}
}
