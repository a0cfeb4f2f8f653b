package org.hibernate.shards.test.internal;

import java.sql.Connection;
import java.sql.SQLException;

import org.hibernate.shards.test.ShardDatabase;

/**
 * One database on one server.
 */
final class ShardDatabaseImpl implements ShardDatabase {

	private final int index;
	private final DatabaseServer server;
	private final String name;

	ShardDatabaseImpl(int index, DatabaseServer server, String name) {
		this.index = index;
		this.server = server;
		this.name = name;
	}

	DatabaseServer server() {
		return server;
	}

	String name() {
		return name;
	}

	@Override
	public int index() {
		return index;
	}

	@Override
	public String jdbcUrl() {
		return server.jdbcUrl( name );
	}

	@Override
	public String username() {
		return server.username();
	}

	@Override
	public String password() {
		return server.password();
	}

	@Override
	public String serverVersion() {
		return server.version().raw();
	}

	@Override
	public boolean isMariaDb() {
		return server.version().isMariaDb();
	}

	@Override
	public boolean canStopAndStart() {
		return server.canStopAndStart();
	}

	@Override
	public void stop() {
		server.stop();
	}

	@Override
	public void start() {
		server.start();
	}

	@Override
	public void freeze() {
		server.signal( "STOP" );
	}

	@Override
	public void thaw() {
		server.signal( "CONT" );
	}

	@Override
	public Connection openConnection() throws SQLException {
		return server.connect( name );
	}

	@Override
	public String toString() {
		return ( index < 0 ? "extra database " : "shard " + index + " " ) + name + " on " + server;
	}
}
