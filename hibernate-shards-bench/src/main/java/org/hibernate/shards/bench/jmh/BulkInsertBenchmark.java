package org.hibernate.shards.bench.jmh;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

import com.zaxxer.hikari.HikariDataSource;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.Transaction;
import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.bench.model.BulkData;
import org.hibernate.shards.bench.model.BulkRow;
import org.hibernate.shards.bench.model.PlainBulkRow;
import org.hibernate.shards.bench.model.SphereBulkRow;
import org.hibernate.shards.bench.support.BenchSettings;
import org.hibernate.shards.bench.support.Factories;
import org.hibernate.shards.bench.support.Schema;
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
 * Inserting {@link #rows} rows (200,000 by default) in one transaction, one shot per iteration on emptied tables.
 * <ul>
 * <li>{@code sharded}: a {@code ShardedSession} over 4 shards, {@code @ShardedId} ids, {@code hibernate.jdbc.batch_size}
 * {@value #BATCH_SIZE} with {@code rewriteBatchedStatements=true}, flush and clear every {@value #CLEAR_EVERY} rows, as
 * Hibernate's batch-processing guide does (the batch size equals the flush interval, so each shard's share of a flush
 * is one batch, and plain Hibernate sends one batch per flush);</li>
 * <li>{@code plain}: the same loop through plain Hibernate into one database (ids assigned by the application);</li>
 * <li>{@code jdbc}: raw JDBC batch inserts of the same rows into the same shards, each shard's batch sent whole when it
 * reaches {@value #JDBC_BATCH_SIZE} rows (the routing is computed before the measurement);</li>
 * <li>{@code shardingsphere}: the Hibernate loop on ShardingSphere-JDBC (ids {@code % 4} name the shard);</li>
 * <li>{@code sharded-1}: the sharded loop over 1 physical shard on the plain database's server (the control).</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BulkInsertBenchmark {
	/** Hibernate's JDBC batch size: the flush interval, so that whatever share of a flush a shard gets is sent as one batch. */
	public static final int BATCH_SIZE = 2_000;
	public static final int CLEAR_EVERY = 2_000;
	/** Rows per batch of the raw JDBC baseline, per shard. */
	public static final int JDBC_BATCH_SIZE = 1_000;
	static final String INSERT = "insert into bulk_row (row_key, payload, amount, created_at, id) values (?, ?, ?, ?, ?)";

	@Param({ "plain", "sharded", "jdbc", "shardingsphere", "sharded-1" })
	public String impl;

	@Param({ "200000" })
	public int rows;

	private BenchSettings settings;
	private SessionFactory factory;
	private LongFunction<Object> newRow;
	private final List<AutoCloseable> resources = new ArrayList<>();
	private HikariDataSource[] pools;
	private byte[] shardOfRow;

	@Setup(Level.Trial)
	public void setUp() {
		settings = BenchSettings.load();
		Map<String, String> batching = Factories.batchSettings( BATCH_SIZE );
		switch ( impl ) {
			case "sharded":
				factory = Factories.sharded( settings, settings.shardUrls(), "sequential", batching, BulkRow.class );
				newRow = BulkRow::new;
				break;
			case "sharded-1":
				factory = Factories.sharded( settings, List.of( settings.singleShardUrl() ), "sequential", batching, BulkRow.class );
				newRow = BulkRow::new;
				break;
			case "plain": {
				HikariDataSource pool = Factories.pool( settings, settings.plainUrl(), "plain" );
				resources.add( pool );
				factory = Factories.plain( settings, pool, batching, PlainBulkRow.class );
				newRow = i -> new PlainBulkRow( i + 1, i );
				break;
			}
			case "shardingsphere": {
				javax.sql.DataSource sphere = Factories.shardingSphere( settings );
				resources.add( (AutoCloseable) sphere );
				factory = Factories.onShardingSphere( settings, sphere, batching, SphereBulkRow.class );
				newRow = i -> new SphereBulkRow( i + 1, i );
				break;
			}
			case "jdbc":
				setUpJdbc();
				break;
			default:
				throw new IllegalArgumentException( impl );
		}
	}

	/** The shard of every row, as the sharded session routes it, computed once before anything is measured. */
	private void setUpJdbc() {
		shardOfRow = new byte[rows];
		try ( ShardedSessionFactory routing = Factories.sharded( settings, settings.shardUrls(), "sequential", Map.of(), BulkRow.class );
				ShardedSession session = routing.openSession() ) {
			for ( int i = 0; i < rows; i++ ) {
				shardOfRow[i] = (byte) session.getShardIdForObject( new BulkRow( i ) ).getId();
			}
		}
		pools = new HikariDataSource[settings.shardUrls().size()];
		for ( int i = 0; i < pools.length; i++ ) {
			pools[i] = Factories.pool( settings, settings.shardUrls().get( i ), "jdbc-" + i );
			resources.add( pools[i] );
		}
	}

	@Setup(Level.Iteration)
	public void emptyTables() throws SQLException {
		String table = impl.equals( "shardingsphere" ) ? "sphere_bulk_row" : "bulk_row";
		List<String> urls = impl.equals( "plain" ) ? List.of( settings.plainUrl() )
				: impl.equals( "sharded-1" ) ? List.of( settings.singleShardUrl() ) : settings.shardUrls();
		for ( String url : urls ) {
			try ( Connection connection = java.sql.DriverManager.getConnection( url, settings.username(), settings.password() ) ) {
				Schema.truncate( connection, table );
			}
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		Factories.close( factory );
		resources.forEach( Factories::close );
	}

	@Benchmark
	public long insert() throws SQLException {
		return pools != null ? insertWithJdbc() : insertWithHibernate();
	}

	private long insertWithHibernate() {
		try ( Session session = factory.openSession() ) {
			Transaction transaction = session.beginTransaction();
			for ( int i = 0; i < rows; i++ ) {
				session.persist( newRow.apply( i ) );
				if ( ( i + 1 ) % CLEAR_EVERY == 0 ) {
					session.flush();
					session.clear();
				}
			}
			transaction.commit();
		}
		return rows;
	}

	private long insertWithJdbc() throws SQLException {
		int shards = pools.length;
		Connection[] connections = new Connection[shards];
		PreparedStatement[] statements = new PreparedStatement[shards];
		int[] pending = new int[shards];
		try {
			for ( int s = 0; s < shards; s++ ) {
				connections[s] = pools[s].getConnection();
				connections[s].setAutoCommit( false );
				statements[s] = connections[s].prepareStatement( INSERT );
			}
			for ( int i = 0; i < rows; i++ ) {
				int s = shardOfRow[i];
				PreparedStatement insert = statements[s];
				insert.setString( 1, BulkData.key( i ) );
				insert.setString( 2, BulkData.payload( i ) );
				insert.setInt( 3, BulkData.amount( i ) );
				insert.setTimestamp( 4, Timestamp.valueOf( BulkData.createdAt( i ) ) );
				insert.setLong( 5, i + 1 );
				insert.addBatch();
				if ( ++pending[s] == JDBC_BATCH_SIZE ) {
					insert.executeBatch();
					pending[s] = 0;
				}
			}
			for ( int s = 0; s < shards; s++ ) {
				if ( pending[s] > 0 ) {
					statements[s].executeBatch();
				}
				connections[s].commit();
			}
		}
		finally {
			for ( int s = 0; s < shards; s++ ) {
				if ( statements[s] != null ) {
					statements[s].close();
				}
				if ( connections[s] != null ) {
					connections[s].setAutoCommit( true );
					connections[s].close();
				}
			}
		}
		return rows;
	}
}
