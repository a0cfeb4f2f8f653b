package org.hibernate.shards.test;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One database (schema) created fresh for a test class on a MySQL-protocol server.
 */
public interface ShardDatabase {

	/**
	 * @return the 0-based shard index, or {@code -1} for a database from
	 *         {@link ShardDatabases#createExtraDatabase(String)}
	 */
	int index();

	/**
	 * @return a Connector/J URL ({@code jdbc:mysql://…}) whose default database is this one
	 */
	String jdbcUrl();

	/**
	 * @return the user to connect with
	 */
	String username();

	/**
	 * @return the password to connect with (possibly empty, never {@code null})
	 */
	String password();

	/**
	 * @return the version as {@code SELECT VERSION()} reports it, e.g. {@code 10.11.19-MariaDB-0+deb12u1}
	 */
	String serverVersion();

	/**
	 * @return whether the server is MariaDB rather than MySQL
	 */
	boolean isMariaDb();

	/**
	 * @return {@code true} only for servers the extension started itself for a class declared
	 *         {@code @MySqlShards(dedicated = true)}
	 */
	boolean canStopAndStart();

	/**
	 * Kills the server process (as a crash would) and returns once its port refuses connections.
	 * Open connections break; committed data survives. Does nothing if the server is already stopped.
	 *
	 * @throws UnsupportedOperationException if {@link #canStopAndStart()} is {@code false}
	 */
	void stop();

	/**
	 * Starts the server again on the same port with the same data and returns once it accepts
	 * connections. Does nothing if it is running.
	 *
	 * @throws UnsupportedOperationException if {@link #canStopAndStart()} is {@code false}
	 */
	void start();

	/**
	 * Suspends the server process ({@code SIGSTOP}): it keeps its port and its connections open and answers nothing,
	 * as a hung server or a network that drops packets does, until {@link #thaw()}.
	 *
	 * @throws UnsupportedOperationException if {@link #canStopAndStart()} is {@code false}
	 */
	void freeze();

	/** Lets a frozen server run again ({@code SIGCONT}). */
	void thaw();

	/**
	 * @return a new plain JDBC connection to this database; the caller closes it
	 * @throws SQLException if the server cannot be reached
	 */
	Connection openConnection() throws SQLException;
}
