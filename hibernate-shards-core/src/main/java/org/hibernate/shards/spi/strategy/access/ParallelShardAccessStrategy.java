package org.hibernate.shards.spi.strategy.access;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardUnavailableException;
import org.hibernate.shards.ShardingException;

/**
 * Asks all shards at once on a bounded pool of daemon threads, and waits at most a timeout for all of them.
 * Results reach the exit strategy in the order the shards answer. When the timeout passes, unfinished shard
 * operations are cancelled and the call fails with a {@link ShardUnavailableException} naming the shards that
 * did not answer. A single-shard call runs on the calling thread: a thread hop would only add latency.
 */
public final class ParallelShardAccessStrategy implements ShardAccessStrategy {
	private static final AtomicInteger POOLS = new AtomicInteger();

	private final ExecutorService executor;
	private final long timeoutNanos;

	/**
	 * @param threads the pool size, at least 1
	 * @param timeout how long one call may wait for all its shards
	 */
	public ParallelShardAccessStrategy(int threads, Duration timeout) {
		if ( threads < 1 ) {
			throw new IllegalArgumentException( "A parallel access strategy needs at least one thread, not " + threads );
		}
		if ( timeout.isNegative() || timeout.isZero() ) {
			throw new IllegalArgumentException( "The parallel access timeout must be positive, not " + timeout );
		}
		this.timeoutNanos = timeout.toNanos();
		this.executor = new ThreadPoolExecutor( threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemonThreads() );
		( (ThreadPoolExecutor) executor ).allowCoreThreadTimeOut( true );
	}

	private static ThreadFactory daemonThreads() {
		int pool = POOLS.incrementAndGet();
		AtomicInteger count = new AtomicInteger();
		return runnable -> {
			Thread thread = new Thread( runnable, "hibernate-shards-" + pool + "-" + count.incrementAndGet() );
			thread.setDaemon( true );
			return thread;
		};
	}

	@Override
	public <T> void apply(List<ShardId> shards, ShardOperation<T> operation, ExitStrategy<T> exitStrategy) {
		if ( shards.size() == 1 ) {
			ShardId shard = shards.get( 0 );
			exitStrategy.addResult( shard, operation.execute( shard ) );
			return;
		}
		CompletionService<T> completion = new ExecutorCompletionService<>( executor );
		Map<Future<T>, ShardId> pending = new IdentityHashMap<>();
		for ( ShardId shard : shards.subList( 1, shards.size() ) ) {
			pending.put( completion.submit( () -> operation.execute( shard ) ), shard );
		}
		long deadline = System.nanoTime() + timeoutNanos;
		// The first shard runs on the calling thread while the pool runs the others: one hand-off fewer per call.
		ShardId first = shards.get( 0 );
		try {
			if ( exitStrategy.addResult( first, operation.execute( first ) ) ) {
				settle( pending.keySet(), false );
				return;
			}
		}
		catch (RuntimeException | Error e) {
			settle( pending.keySet(), false );
			throw e;
		}
		boolean timedOut = false;
		try {
			while ( !pending.isEmpty() ) {
				Future<T> done = completion.poll( deadline - System.nanoTime(), TimeUnit.NANOSECONDS );
				if ( done == null ) {
					timedOut = true;
					throw timedOut( pending.values() );
				}
				ShardId shard = pending.remove( done );
				if ( exitStrategy.addResult( shard, resultOf( done ) ) ) {
					return;
				}
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			timedOut = true;
			throw new ShardingException( "Interrupted while waiting for shards " + pending.values(), e );
		}
		finally {
			settle( pending.keySet(), timedOut );
		}
	}

	/**
	 * Shard operations still running after an early exit or a failure run on shard sessions the caller goes on using, so
	 * they are allowed to finish (their results are ignored) before the call returns: a shard session is never used by
	 * two threads at once. Only after a timeout are they interrupted, and the caller is told to discard the session.
	 */
	private static void settle(Iterable<? extends Future<?>> running, boolean interrupt) {
		for ( Future<?> future : running ) {
			if ( interrupt ) {
				future.cancel( true );
				continue;
			}
			try {
				future.get();
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (ExecutionException | java.util.concurrent.CancellationException ignored) {
				// a result nobody waits for any more
			}
		}
	}

	private static <T> T resultOf(Future<T> done) throws InterruptedException {
		try {
			return done.get();
		}
		catch (ExecutionException e) {
			Throwable cause = e.getCause();
			if ( cause instanceof RuntimeException runtime ) {
				// The failure happened on a pool thread: keep its type, and add where the caller was.
				runtime.addSuppressed( new ShardingException( "Rethrown on the calling thread" ) );
				throw runtime;
			}
			if ( cause instanceof Error error ) {
				throw error;
			}
			throw new ShardingException( "A shard operation failed", cause );
		}
	}

	private ShardUnavailableException timedOut(Iterable<ShardId> late) {
		List<ShardId> shards = new ArrayList<>();
		late.forEach( shards::add );
		shards.sort( null );
		return new ShardUnavailableException(
				shards.get( 0 ),
				"No answer from " + shards + " within " + Duration.ofNanos( timeoutNanos ).toMillis()
						+ " ms (hibernate.shards.parallel.timeout_ms); their work was interrupted, so close this session "
						+ "and open a new one",
				null
		);
	}

	@Override
	public void close() {
		executor.shutdownNow();
	}
}
