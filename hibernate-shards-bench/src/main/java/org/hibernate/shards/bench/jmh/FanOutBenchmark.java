package org.hibernate.shards.bench.jmh;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.shards.bench.model.PlainPost;
import org.hibernate.shards.bench.model.Post;
import org.hibernate.shards.bench.model.SpherePost;
import org.hibernate.shards.bench.support.BenchSettings;
import org.hibernate.shards.bench.support.Factories;
import org.hibernate.shards.bench.support.SqlRecorder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The 20 newest posts over all shards ({@code order by createdAt desc, id desc}, 20 rows), one session per query.
 * <ul>
 * <li>{@code sharded-sequential}, {@code sharded-parallel}: a {@code ShardedSession} with either access strategy;</li>
 * <li>{@code jdbc-parallel}: hand-written JDBC sending the sharded query's own per-shard SQL to the 4 shards on 4
 * threads, then merging the rows in memory and keeping the top 20;</li>
 * <li>{@code shardingsphere}: Hibernate on ShardingSphere-JDBC, same query over its copy of the same rows;</li>
 * <li>{@code shard-N}: the same query through plain Hibernate on shard N's database alone (its rows only).</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FanOutBenchmark {
	static final int LIMIT = 20;

	@Param({ "sharded-sequential", "sharded-parallel", "jdbc-parallel", "shardingsphere", "shard-0", "shard-1", "shard-2", "shard-3" })
	public String impl;

	private SessionFactory factory;
	private String hql;
	private Class<?> type;
	private final List<AutoCloseable> resources = new ArrayList<>();
	// jdbc-parallel
	private HikariDataSource[] pools;
	private ExecutorService executor;
	private String shardSql;
	private int parameterCount;
	private int createdColumn;
	private int idColumn;

	@Setup(Level.Trial)
	public void setUp() throws SQLException {
		BenchSettings settings = BenchSettings.load();
		switch ( impl ) {
			case "sharded-sequential":
			case "sharded-parallel":
				factory = Factories.sharded( settings, settings.shardUrls(), impl.substring( "sharded-".length() ), Map.of(), Post.class );
				hql = "from Post p order by p.createdAt desc, p.id desc";
				type = Post.class;
				break;
			case "shardingsphere": {
				javax.sql.DataSource sphere = Factories.shardingSphere( settings );
				resources.add( (AutoCloseable) sphere );
				factory = Factories.onShardingSphere( settings, sphere, Map.of(), SpherePost.class );
				hql = "from SpherePost p order by p.createdAt desc, p.id desc";
				type = SpherePost.class;
				break;
			}
			case "jdbc-parallel":
				setUpJdbc( settings );
				break;
			default: {
				int shard = Integer.parseInt( impl.substring( "shard-".length() ) );
				HikariDataSource pool = Factories.pool( settings, settings.shardUrls().get( shard ), impl );
				resources.add( pool );
				factory = Factories.plain( settings, pool, Map.of(), PlainPost.class );
				hql = "from PlainPost p order by p.createdAt desc, p.id desc";
				type = PlainPost.class;
			}
		}
	}

	/** Captures the per-shard SQL of the sharded query, then prepares a pool per shard and 4 threads. */
	private void setUpJdbc(BenchSettings settings) throws SQLException {
		SqlRecorder.STATEMENTS.clear();
		try ( SessionFactory recording = Factories.sharded( settings, settings.shardUrls(), "sequential",
				Map.of( AvailableSettings.STATEMENT_INSPECTOR, SqlRecorder.class.getName() ), Post.class );
				Session session = recording.openSession() ) {
			session.createQuery( "from Post p order by p.createdAt desc, p.id desc", Post.class ).setMaxResults( LIMIT ).getResultList();
		}
		List<String> statements = SqlRecorder.STATEMENTS.stream().filter( s -> s.contains( "post" ) ).distinct().toList();
		if ( statements.size() != 1 ) {
			throw new IllegalStateException( "Expected one per-shard statement, recorded " + SqlRecorder.STATEMENTS );
		}
		shardSql = statements.get( 0 );
		parameterCount = (int) shardSql.chars().filter( c -> c == '?' ).count();
		pools = new HikariDataSource[settings.shardUrls().size()];
		for ( int i = 0; i < pools.length; i++ ) {
			pools[i] = Factories.pool( settings, settings.shardUrls().get( i ), "jdbc-" + i );
			resources.add( pools[i] );
		}
		executor = Executors.newFixedThreadPool( pools.length, runnable -> {
			Thread thread = new Thread( runnable, "jdbc-fan-out" );
			thread.setDaemon( true );
			return thread;
		} );
		try ( Connection connection = pools[0].getConnection(); PreparedStatement statement = prepare( connection ); ResultSet rows = statement.executeQuery() ) {
			ResultSetMetaData meta = rows.getMetaData();
			createdColumn = -1;
			idColumn = -1;
			for ( int c = 1; c <= meta.getColumnCount(); c++ ) {
				if ( meta.getColumnName( c ).equalsIgnoreCase( "created_at" ) && createdColumn < 0 ) {
					createdColumn = c - 1;
				}
				if ( meta.getColumnName( c ).equalsIgnoreCase( "id" ) && idColumn < 0 ) {
					idColumn = c - 1;
				}
			}
			if ( createdColumn < 0 || idColumn < 0 ) {
				throw new IllegalStateException( "No created_at/id column in " + shardSql );
			}
		}
	}

	private PreparedStatement prepare(Connection connection) throws SQLException {
		PreparedStatement statement = connection.prepareStatement( shardSql );
		// Hibernate's MariaDB limit clause: "limit ?" or "limit ?,?" (offset first)
		if ( parameterCount == 1 ) {
			statement.setInt( 1, LIMIT );
		}
		else if ( parameterCount == 2 ) {
			statement.setInt( 1, 0 );
			statement.setInt( 2, LIMIT );
		}
		return statement;
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		if ( executor != null ) {
			executor.shutdownNow();
		}
		Factories.close( factory );
		resources.forEach( Factories::close );
	}

	@Benchmark
	public Object top20() throws Exception {
		if ( pools != null ) {
			return jdbcTop20();
		}
		try ( Session session = factory.openSession() ) {
			List<?> rows = session.createQuery( hql, type ).setMaxResults( LIMIT ).getResultList();
			if ( rows.size() != LIMIT ) {
				throw new IllegalStateException( impl + " returned " + rows.size() + " rows" );
			}
			return rows;
		}
	}

	private Object jdbcTop20() throws InterruptedException, ExecutionException {
		List<Future<List<Object[]>>> futures = new ArrayList<>( pools.length );
		for ( HikariDataSource pool : pools ) {
			futures.add( executor.submit( () -> readShard( pool ) ) );
		}
		List<Object[]> all = new ArrayList<>( pools.length * LIMIT );
		for ( Future<List<Object[]>> future : futures ) {
			all.addAll( future.get() );
		}
		Comparator<Object[]> newestFirst = Comparator.<Object[], LocalDateTime>comparing( row -> (LocalDateTime) row[createdColumn] )
				.thenComparing( row -> (Long) row[idColumn] ).reversed();
		all.sort( newestFirst );
		return new ArrayList<>( all.subList( 0, Math.min( LIMIT, all.size() ) ) );
	}

	private List<Object[]> readShard(HikariDataSource pool) throws SQLException {
		try ( Connection connection = pool.getConnection(); PreparedStatement statement = prepare( connection );
				ResultSet rows = statement.executeQuery() ) {
			int columns = rows.getMetaData().getColumnCount();
			List<Object[]> result = new ArrayList<>( LIMIT );
			while ( rows.next() ) {
				Object[] row = new Object[columns];
				for ( int c = 0; c < columns; c++ ) {
					row[c] = rows.getObject( c + 1 );
				}
				result.add( row );
			}
			return result;
		}
	}
}
