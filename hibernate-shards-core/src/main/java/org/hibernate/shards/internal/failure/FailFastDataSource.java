package org.hibernate.shards.internal.failure;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

import javax.sql.DataSource;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.hibernate.shards.ShardId;
import org.slf4j.LoggerFactory;

/**
 * One shard's pool as its session factory sees it: once the shard fails to give a connection, further requests fail
 * at once (instead of each waiting the pool's connection timeout) while a background probe asks the shard for a
 * connection every {@value #PROBE_MILLIS} ms; the first answer closes the circuit and the shard is used again. After
 * {@code failFastMillis} without an answer, one caller tries again itself. Other shards are not affected, so work
 * that touches live and dead shards alike keeps the live shards' pace. The circuit is Resilience4j's.
 */
public final class FailFastDataSource implements DataSource {
	private static final org.slf4j.Logger LOG = LoggerFactory.getLogger( FailFastDataSource.class );
	static final long PROBE_MILLIS = 250;

	private final ShardId shard;
	private final DataSource pool;
	private final CircuitBreaker circuit;
	private final long failFastMillis;
	private final AtomicBoolean probing = new AtomicBoolean();
	private volatile long failedAt;

	/**
	 * @param failFastMillis how long requests fail at once after a failure, unless a probe finds the shard first
	 */
	public FailFastDataSource(ShardId shard, DataSource pool, long failFastMillis) {
		this.shard = shard;
		this.pool = pool;
		this.failFastMillis = failFastMillis;
		this.circuit = CircuitBreaker.of( "hibernate-shards-" + shard.getId(), CircuitBreakerConfig.custom()
				.slidingWindowType( CircuitBreakerConfig.SlidingWindowType.COUNT_BASED )
				.slidingWindowSize( 1 )
				.minimumNumberOfCalls( 1 )
				.failureRateThreshold( 100 )
				.permittedNumberOfCallsInHalfOpenState( 1 )
				.waitDurationInOpenState( Duration.ofMillis( failFastMillis ) )
				.recordException( ShardFailures::isConnectionFailure )
				.build() );
	}

	@Override
	public Connection getConnection() throws SQLException {
		return connect( null, null );
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return connect( username, password );
	}

	private Connection connect(String username, String password) throws SQLException {
		if ( !circuit.tryAcquirePermission() ) {
			throw new SQLTransientConnectionException( "it failed to give a connection " + ( System.currentTimeMillis() - failedAt )
					+ " ms ago; requests fail at once for up to " + failFastMillis + " ms (hibernate.shards.fail_fast_ms) while it is probed "
					+ "in the background, and it is used again as soon as it answers", "08001" );
		}
		long start = System.nanoTime();
		try {
			Connection connection = username == null ? pool.getConnection() : pool.getConnection( username, password );
			circuit.onSuccess( System.nanoTime() - start, TimeUnit.NANOSECONDS );
			return connection;
		}
		catch (SQLException | RuntimeException e) {
			record( System.nanoTime() - start, e );
			throw e;
		}
	}

	/**
	 * Takes note of a failure to reach the shard met after a connection was handed out (a statement or a commit on a
	 * connection that broke, a read that timed out): the requests that follow fail fast too.
	 */
	public void failed(Throwable failure) {
		if ( ShardFailures.isConnectionFailure( failure ) ) {
			record( 0, failure );
		}
	}

	/** Counts a failure; once it opens the circuit, requests fail fast and the probe starts. */
	private void record(long nanos, Throwable failure) {
		circuit.onError( nanos, TimeUnit.NANOSECONDS, failure );
		if ( circuit.getState() == CircuitBreaker.State.OPEN ) {
			failedAt = System.currentTimeMillis();
			probe();
		}
	}

	/** Asks the shard for a connection in the background until it gives one, then closes the circuit. */
	private void probe() {
		if ( !probing.compareAndSet( false, true ) ) {
			return;
		}
		LOG.warn( "{} failed to give a connection: failing fast and probing it every {} ms", shard, PROBE_MILLIS );
		Thread prober = new Thread( () -> {
			try {
				while ( circuit.getState() != CircuitBreaker.State.CLOSED ) {
					try ( Connection connection = pool.getConnection() ) {
						circuit.transitionToClosedState();
						LOG.info( "{} answers again", shard );
						return;
					}
					catch (SQLException | RuntimeException stillDown) {
						Thread.sleep( PROBE_MILLIS );
					}
				}
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			finally {
				probing.set( false );
			}
		}, "hibernate-shards-probe-" + shard.getId() );
		prober.setDaemon( true );
		prober.start();
	}

	@Override
	public PrintWriter getLogWriter() throws SQLException {
		return pool.getLogWriter();
	}

	@Override
	public void setLogWriter(PrintWriter out) throws SQLException {
		pool.setLogWriter( out );
	}

	@Override
	public void setLoginTimeout(int seconds) throws SQLException {
		pool.setLoginTimeout( seconds );
	}

	@Override
	public int getLoginTimeout() throws SQLException {
		return pool.getLoginTimeout();
	}

	@Override
	public Logger getParentLogger() throws SQLFeatureNotSupportedException {
		return pool.getParentLogger();
	}

	@Override
	public <T> T unwrap(Class<T> type) throws SQLException {
		return type.isInstance( this ) ? type.cast( this ) : pool.unwrap( type );
	}

	@Override
	public boolean isWrapperFor(Class<?> type) throws SQLException {
		return type.isInstance( this ) || pool.isWrapperFor( type );
	}
}
