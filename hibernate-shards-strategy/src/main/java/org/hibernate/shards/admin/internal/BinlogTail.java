package org.hibernate.shards.admin.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

/** TEMPORARY placeholder until the real tail lands: never available. */
public final class BinlogTail implements AutoCloseable {
	public record Position(String file, long offset) {
	}

	public static Optional<String> unavailableReason(Connection connection) throws SQLException {
		return Optional.of( "placeholder" );
	}

	public static Position currentPosition(Connection connection) throws SQLException {
		throw new UnsupportedOperationException();
	}

	public BinlogTail(String jdbcUrl, String user, String password, DataSource metadata, Map<String, List<String>> keyColumnsByTable, Position from) {
	}

	public void start(Duration connectTimeout) {
	}

	public boolean awaitPosition(Position position, Duration timeout) throws InterruptedException {
		return false;
	}

	public Map<String, Set<List<Object>>> drain() {
		return Map.of();
	}

	public Optional<Exception> failure() {
		return Optional.empty();
	}

	@Override
	public void close() {
	}
}
