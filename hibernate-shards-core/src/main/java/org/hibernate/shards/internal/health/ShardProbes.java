package org.hibernate.shards.internal.health;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import javax.sql.DataSource;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.health.ShardHealth;
import org.hibernate.shards.internal.failure.ShardFailures;

/**
 * Probes shards for a health check: each probe asks the shard's data source for a connection (so a shard failing fast
 * is down at once, and a failure to connect opens its circuit as any other would) and checks it with
 * {@link Connection#isValid}. All shards are probed at once, on threads of their own, and the check waits for them until
 * one timeout has passed: a shard that has not answered by then is down, its probe left to end by itself (bounded by the
 * shard's socket timeout). While it runs, later checks wait for that same probe instead of starting another, so a hung
 * shard holds one thread, however often the application checks.
 */
public final class ShardProbes implements AutoCloseable {
	private final Function<ShardId, DataSource> dataSources;
	private final long timeoutNanos;
	private final Map<ShardId, Probe> probes = new ConcurrentHashMap<>();
	private final ExecutorService threads = Executors.newCachedThreadPool( runnable -> {
		Thread thread = new Thread( runnable, "hibernate-shards-health" );
		thread.setDaemon( true );
		return thread;
	} );

	/**
	 * @param dataSources where each shard's sessions take connections
	 * @param timeout how long a check waits for each shard
	 */
	public ShardProbes(Function<ShardId, DataSource> dataSources, Duration timeout) {
		this.dataSources = dataSources;
		this.timeoutNanos = timeout.toNanos();
	}

	/** @return each shard's health, in the order given, within about one timeout */
	public List<ShardHealth> probe(List<ShardId> shards) {
		List<Probe> started = new ArrayList<>( shards.size() );
		for ( ShardId shard : shards ) {
			started.add( probes.compute( shard, (id, running) -> running != null && !running.answer.isDone() ? running : new Probe( id ) ) );
		}
		long deadline = System.nanoTime() + timeoutNanos;
		List<ShardHealth> health = new ArrayList<>( started.size() );
		for ( Probe probe : started ) {
			health.add( probe.await( deadline ) );
		}
		return health;
	}

	@Override
	public void close() {
		threads.shutdownNow();
	}

	/**
	 * Takes a dead connection out of the pool rather than give it back: HikariCP hands out a connection used less than
	 * half a second ago without checking it, so frequent checks would otherwise meet the same dead connection for ever.
	 */
	private static void evict(DataSource dataSource, Connection connection) throws SQLException {
		if ( dataSource.isWrapperFor( com.zaxxer.hikari.HikariDataSource.class ) ) {
			dataSource.unwrap( com.zaxxer.hikari.HikariDataSource.class ).evictConnection( connection );
		}
		else {
			connection.close();
		}
	}

	/** One probe of one shard; its answer is {@code null} when the shard is up, else what went wrong. */
	private final class Probe {
		final ShardId shard;
		final long startedAt = System.nanoTime();
		final CompletableFuture<String> answer;
		volatile long endedAt;

		Probe(ShardId shard) {
			this.shard = shard;
			this.answer = CompletableFuture.supplyAsync( this::run, threads );
		}

		private String run() {
			int validSeconds = (int) Math.max( 1, TimeUnit.NANOSECONDS.toSeconds( timeoutNanos + 999_999_999L ) );
			try {
				DataSource dataSource = dataSources.apply( shard );
				Connection connection = dataSource.getConnection();
				if ( connection.isValid( validSeconds ) ) {
					connection.close();
					return null;
				}
				evict( dataSource, connection );
				return "its connection did not prove valid";
			}
			catch (SQLException | RuntimeException e) {
				return ShardFailures.rootMessage( e );
			}
			finally {
				endedAt = System.nanoTime();
			}
		}

		ShardHealth await(long deadline) {
			try {
				String problem = answer.get( Math.max( 0, deadline - System.nanoTime() ), TimeUnit.NANOSECONDS );
				return new ShardHealth( shard, problem == null, Duration.ofNanos( endedAt - startedAt ), problem );
			}
			catch (TimeoutException e) {
				long waited = System.nanoTime() - startedAt;
				return new ShardHealth( shard, false, Duration.ofNanos( waited ), "no answer to a probe started "
						+ TimeUnit.NANOSECONDS.toMillis( waited ) + " ms ago (hibernate.shards.health.timeout_ms is "
						+ TimeUnit.NANOSECONDS.toMillis( timeoutNanos ) + ")" );
			}
			catch (ExecutionException e) {
				return new ShardHealth( shard, false, Duration.ofNanos( System.nanoTime() - startedAt ), ShardFailures.rootMessage( e.getCause() ) );
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return new ShardHealth( shard, false, Duration.ofNanos( System.nanoTime() - startedAt ), "the health check was interrupted" );
			}
		}
	}
}
