package org.hibernate.shards.bench.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts what the database servers receive, from their global status counters ({@code Questions} and {@code Com_*}),
 * summed over the servers: the statements (round trips) one operation costs. The counters are global per server, so
 * nothing else may run meanwhile; the statements that read the counters are subtracted.
 */
public final class StatementCounter implements AutoCloseable {
	private final List<Connection> connections = new java.util.ArrayList<>();

	/**
	 * @param serverUrls one database URL per server (the shards' URLs: one shard per server). The counter keeps one
	 *        connection per server open, so that reading the counters costs exactly one statement per server.
	 */
	public StatementCounter(BenchSettings settings, List<String> serverUrls) throws SQLException {
		for ( String url : serverUrls ) {
			connections.add( DriverManager.getConnection( url, settings.username(), settings.password() ) );
		}
	}

	public Map<String, Long> snapshot() throws SQLException {
		Map<String, Long> total = new TreeMap<>();
		for ( Connection connection : connections ) {
			try ( Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery( "show global status where Variable_name = 'Questions'"
							+ " or Variable_name like 'Com\\\\_%'" ) ) {
				while ( rows.next() ) {
					long value;
					try {
						value = Long.parseLong( rows.getString( 2 ) );
					}
					catch (NumberFormatException e) {
						continue;
					}
					if ( value != 0 ) {
						total.merge( rows.getString( 1 ), value, Long::sum );
					}
				}
			}
		}
		return total;
	}

	/**
	 * @return per operation: {@code Questions} and every {@code Com_*} counter that moved, ordered by how much
	 */
	public Map<String, Double> perOperation(Map<String, Long> before, Map<String, Long> after, int operations) {
		Map<String, Double> result = new LinkedHashMap<>();
		after.entrySet().stream()
				.map( e -> Map.entry( e.getKey(), e.getValue() - before.getOrDefault( e.getKey(), 0L )
						// the snapshot itself: one show status per server (a Questions and a Com_show_status each)
						- ( e.getKey().equals( "Questions" ) || e.getKey().equals( "Com_show_status" ) ? connections.size() : 0 ) ) )
				.filter( e -> e.getValue() > 0 )
				.sorted( Map.Entry.<String, Long>comparingByValue().reversed() )
				.forEach( e -> result.put( e.getKey(), (double) e.getValue() / operations ) );
		return result;
	}

	@Override
	public void close() throws SQLException {
		for ( Connection connection : connections ) {
			connection.close();
		}
	}
}
