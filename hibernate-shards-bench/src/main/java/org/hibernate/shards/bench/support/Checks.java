package org.hibernate.shards.bench.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import org.hibernate.shards.bench.jmh.EntityBenchmark;
import org.hibernate.shards.bench.jmh.FanOutBenchmark;
import org.hibernate.shards.bench.model.CustomerData;
import org.hibernate.shards.bench.report.Measurement;

/**
 * Two checks that explain the measurements rather than make them, run in the runner's JVM before the benchmarks:
 * <ul>
 * <li>{@link #statementsPerOperation}: what each implementation sends to the servers per operation, from the servers'
 * own counters: if two implementations send the same statements, a difference in time is not a difference in work
 * given to the databases;</li>
 * <li>{@link #topology}: raw JDBC, no Hibernate, no library (table {@code probe}, shaped like {@code customer}): one row read by id (and one row inserted and committed)
 * on one database versus spread over the 4 servers, in alternating rounds so that a change in the machine's load hits
 * both alike. It tells what spreading work over 4 database processes costs on this machine by itself.</li>
 * </ul>
 */
public final class Checks {
	public static final List<String> IMPLS = List.of( "plain", "sharded-1", "sharded", "shardingsphere" );
	public static final List<String> WORKLOADS = List.of( "find", "persist", "merge" );

	private Checks() {
	}

	/** @return impl -> workload -> counter -> per operation; workload {@code top20} for the fan-out query */
	public static Map<String, Map<String, Map<String, Double>>> statementsPerOperation(BenchSettings settings) throws Exception {
		Map<String, Map<String, Map<String, Double>>> result = new LinkedHashMap<>();
		int operations = 300;
		try ( StatementCounter counter = new StatementCounter( settings, settings.shardUrls() ) ) {
			for ( String impl : IMPLS ) {
				Map<String, Map<String, Double>> byWorkload = new LinkedHashMap<>();
				try ( CustomerWorkload workload = EntityBenchmark.workload( impl, settings ) ) {
					settle();
					List<Long> ids = workload.ids();
					List<? extends CustomerData> detached = workload.loadDetached( ids.subList( 0, 100 ) );
					for ( String name : WORKLOADS ) {
						run( workload, name, ids, detached, 50, "Warmed " );
						Map<String, Long> before = counter.snapshot();
						run( workload, name, ids, detached, operations, "Checked " );
						byWorkload.put( name, counter.perOperation( before, counter.snapshot(), operations ) );
					}
				}
				result.put( impl, byWorkload );
			}
			for ( String impl : List.of( "sharded-sequential", "shardingsphere", "jdbc-parallel" ) ) {
				FanOutBenchmark fanOut = new FanOutBenchmark();
				fanOut.impl = impl;
				fanOut.setUp();
				settle();
				try {
					for ( int i = 0; i < 20; i++ ) {
						fanOut.top20();
					}
					Map<String, Long> before = counter.snapshot();
					for ( int i = 0; i < 100; i++ ) {
						fanOut.top20();
					}
					String key = impl.equals( "sharded-sequential" ) ? "sharded" : impl;
					result.computeIfAbsent( key, k -> new LinkedHashMap<>() ).put( "top20", counter.perOperation( before, counter.snapshot(), 100 ) );
				}
				finally {
					fanOut.tearDown();
				}
			}
		}
		return result;
	}

	/** New pools fill to their idle size in the background, and a new connection runs Connector/J's set-up queries: wait. */
	private static void settle() throws InterruptedException {
		Thread.sleep( 1_500 );
	}

	private static void run(CustomerWorkload workload, String name, List<Long> ids, List<? extends CustomerData> detached, int operations,
			String renameTo) {
		for ( int i = 0; i < operations; i++ ) {
			switch ( name ) {
				case "find" -> workload.find( ids.get( ( i * 7919 ) % ids.size() ) );
				case "persist" -> workload.persist();
				default -> {
					CustomerData customer = detached.get( i % detached.size() );
					customer.setName( renameTo + i );
					workload.merge( customer );
				}
			}
		}
	}

	/**
	 * @return variant (e.g. {@code select one row by id, 1 database, 4 threads}) -> µs per operation (wall time divided by
	 *         the operations of all threads), one value per round
	 */
	public static Map<String, Measurement> topology(BenchSettings settings, int rounds, int operations) throws Exception {
		List<HikariDataSource> four = new ArrayList<>();
		Map<String, List<Double>> times = new LinkedHashMap<>();
		java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool( 4 );
		try ( HikariDataSource one = Factories.pool( settings, settings.plainUrl(), "topology-1" ) ) {
			for ( String url : settings.shardUrls() ) {
				four.add( Factories.pool( settings, url, "topology-" + four.size() ) );
			}
			java.util.concurrent.atomic.AtomicLong nextId = new java.util.concurrent.atomic.AtomicLong( 50_000_000 );
			// rows inserted so far, per place: index 0-3 the 4 servers, 4 the single database
			List<List<Long>> stored = new ArrayList<>();
			for ( int i = 0; i < 5; i++ ) {
				stored.add( java.util.Collections.synchronizedList( new ArrayList<>() ) );
			}
			for ( int round = -1; round < rounds; round++ ) {
				for ( String mode : List.of( "insert and commit one row", "select one row by id" ) ) {
					for ( int clients : List.of( 1, 4 ) ) {
						for ( int servers : List.of( 1, 4 ) ) {
							long start = System.nanoTime();
							List<java.util.concurrent.Future<?>> work = new ArrayList<>();
							for ( int c = 0; c < clients; c++ ) {
								int client = c;
								work.add( threads.submit( () -> {
									for ( int i = client; i < operations; i += clients ) {
										// a stable spread of operations over the 4 servers
										int place = servers == 1 ? 4 : (int) ( ( ( i * 2_654_435_761L ) >>> 7 ) & 3 );
										HikariDataSource pool = servers == 1 ? one : four.get( place );
										List<Long> rows = stored.get( place );
										if ( mode.startsWith( "insert" ) ) {
											long id = nextId.getAndIncrement();
											insert( pool, id );
											rows.add( id );
										}
										else {
											select( pool, rows.get( ( i * 7_919 ) % rows.size() ) );
										}
									}
									return null;
								} ) );
							}
							for ( java.util.concurrent.Future<?> future : work ) {
								future.get();
							}
							if ( round >= 0 ) {
								times.computeIfAbsent( variant( mode, servers, clients ), k -> new ArrayList<>() )
										.add( ( System.nanoTime() - start ) / 1e3 / operations );
							}
						}
					}
				}
			}
		}
		finally {
			threads.shutdownNow();
			four.forEach( HikariDataSource::close );
		}
		Map<String, Measurement> result = new LinkedHashMap<>();
		times.forEach( (name, values) -> result.put( name, new Measurement( "topology", name, "jdbc", 1, "us/op", values ) ) );
		return result;
	}

	public static String variant(String mode, int servers, int clients) {
		return mode + ", " + ( servers == 1 ? "1 database" : "spread over the 4 servers" ) + ", " + clients + ( clients == 1 ? " thread" : " threads" );
	}

	private static void insert(HikariDataSource pool, long id) throws SQLException {
		try ( Connection connection = pool.getConnection() ) {
			connection.setAutoCommit( false );
			try ( PreparedStatement insert = connection.prepareStatement(
					"insert into probe (city, created_at, email, name, score, id) values (?, ?, ?, ?, ?, ?)" ) ) {
				insert.setString( 1, CustomerData.city( id ) );
				insert.setTimestamp( 2, Timestamp.valueOf( CustomerData.createdAt( id ) ) );
				insert.setString( 3, CustomerData.email( id ) );
				insert.setString( 4, CustomerData.name( id ) );
				insert.setInt( 5, CustomerData.score( id ) );
				insert.setLong( 6, id );
				insert.executeUpdate();
			}
			connection.commit();
			connection.setAutoCommit( true );
		}
	}

	/** Reads one stored row by primary key. */
	private static void select(HikariDataSource pool, long id) throws SQLException {
		try ( Connection connection = pool.getConnection();
				PreparedStatement select = connection.prepareStatement(
						"select city, created_at, email, name, score from probe where id = ?" ) ) {
			select.setLong( 1, id );
			try ( ResultSet rows = select.executeQuery() ) {
				while ( rows.next() ) {
					rows.getString( 3 );
				}
			}
		}
	}
}
