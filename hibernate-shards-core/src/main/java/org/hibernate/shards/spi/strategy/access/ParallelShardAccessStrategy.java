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
 * Asks all shards at once on a bounded pool of daemon threads, and gives each shard's work at most a timeout from the
 * moment it starts (time queued behind other calls' work does not count). Results reach the exit strategy in the order
 * the shards answer. When a shard's work runs past the timeout, its statement is cancelled on the server and its thread
 * interrupted, and the exit strategy is told ({@link ExitStrategy#addTimeout}): by default the call then fails with a
 * {@link ShardUnavailableException} naming the shards that did not answer; in partial-results mode it goes on without
 * them. The call returns only once no work of it runs any more. A single-shard call runs on the calling thread: a
 * thread hop would only add latency.
 */
public final class ParallelShardAccessStrategy implements ShardAccessStrategy {
	private static final AtomicInteger POOLS = new AtomicInteger();

	private final ExecutorService executor;
	/** Cancels statements of late work: a cancel opens a connection to the server, which may hang as the work did. */
	private final ExecutorService canceller;
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
		this.canceller = new ThreadPoolExecutor( 0, threads, 10, TimeUnit.SECONDS, new java.util.concurrent.SynchronousQueue<>(),
				daemonThreads(), new ThreadPoolExecutor.CallerRunsPolicy() );
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
			// One shard: no thread hop. Its socket timeout (hibernate.shards.socket_timeout_ms) bounds the wait.
			ShardId shard = shards.get( 0 );
			exitStrategy.addResult( shard, operation.execute( shard ) );
			return;
		}
		CompletionService<T> completion = new ExecutorCompletionService<>( executor );
		Map<Future<T>, ShardWork<T>> pending = new IdentityHashMap<>();
		Map<Future<T>, ShardWork<T>> abandoned = new IdentityHashMap<>();
		for ( ShardId shard : shards ) {
			ShardWork<T> work = new ShardWork<>( shard, operation );
			pending.put( completion.submit( work ), work );
		}
		// Set while a timeout or an interrupt may end the call: the rest of its work is then interrupted too.
		boolean givingUp = false;
		try {
			while ( !pending.isEmpty() ) {
				Future<T> done = completion.poll( untilNextDeadline( pending.values() ), TimeUnit.NANOSECONDS );
				if ( done == null ) {
					givingUp = true;
					boolean enough = giveUpOnLate( pending, abandoned, exitStrategy );
					givingUp = false;
					if ( enough ) {
						return;
					}
					continue;
				}
				ShardWork<T> work = pending.remove( done );
				if ( exitStrategy.addResult( work.shard, resultOf( done ) ) ) {
					return;
				}
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			givingUp = true;
			throw new ShardingException( "Interrupted while waiting for shards " + pending.values(), e );
		}
		finally {
			settle( pending, givingUp );
			settle( abandoned, true );
		}
	}

	/**
	 * Stops the work of the shards whose deadline passed (their statements are cancelled on the server, off this thread,
	 * and their threads interrupted) and tells the exit strategy, which fails the call by default.
	 *
	 * @return whether the exit strategy has enough
	 */
	private <T> boolean giveUpOnLate(Map<Future<T>, ShardWork<T>> pending, Map<Future<T>, ShardWork<T>> abandoned,
			ExitStrategy<T> exitStrategy) {
		List<ShardId> late = new ArrayList<>();
		long now = System.nanoTime();
		for ( var entry : List.copyOf( pending.entrySet() ) ) {
			ShardWork<T> work = entry.getValue();
			long start = work.startedAt;
			if ( start != 0 && now - start >= timeoutNanos ) {
				pending.remove( entry.getKey() );
				abandoned.put( entry.getKey(), work );
				canceller.execute( () -> work.operation.cancel( work.shard ) );
				entry.getKey().cancel( true );
				late.add( work.shard );
			}
		}
		if ( late.isEmpty() ) {
			return false;
		}
		late.sort( null );
		ShardUnavailableException timeout = timedOut( late );
		for ( ShardId shard : late ) {
			if ( exitStrategy.addTimeout( shard, timeout ) ) {
				return true;
			}
		}
		return false;
	}

	/** @return how long to wait for the next answer: until the earliest deadline of the work that started, at most a timeout */
	private long untilNextDeadline(Iterable<? extends ShardWork<?>> pending) {
		long now = System.nanoTime();
		long wait = timeoutNanos;
		for ( ShardWork<?> work : pending ) {
			long start = work.startedAt;
			if ( start != 0 ) {
				wait = Math.min( wait, start + timeoutNanos - now );
			}
		}
		return Math.max( 0, wait );
	}

	/**
	 * Shard operations still pending run on shard sessions the caller goes on using, or closes: the call returns only
	 * once none runs any more, so no work outlives it and a shard session is never used by two threads at once. Work
	 * not started yet never starts; work running after an early exit or a failure is let finish (its result ignored);
	 * after a timeout it is interrupted, and the wait for work blocked in the database is bounded by its socket timeout
	 * ({@code hibernate.shards.socket_timeout_ms}).
	 */
	private static <T> void settle(Map<Future<T>, ShardWork<T>> pending, boolean interrupt) {
		pending.forEach( (future, work) -> {
			if ( !work.skipIfNotStarted() && interrupt ) {
				future.cancel( true );
			}
		} );
		boolean interrupted = false;
		for ( ShardWork<T> work : pending.values() ) {
			interrupted |= work.awaitEnd();
		}
		if ( interrupted ) {
			Thread.currentThread().interrupt();
		}
	}

	/** One shard's work on a pool thread, which records when it started and lets the caller wait for its end. */
	private static final class ShardWork<T> implements java.util.concurrent.Callable<T> {
		private static final int NEW = 0;
		private static final int RUNNING = 1;
		private static final int ENDED = 2;

		final ShardId shard;
		final ShardOperation<T> operation;
		private final java.util.concurrent.atomic.AtomicInteger state = new java.util.concurrent.atomic.AtomicInteger( NEW );
		volatile long startedAt;

		ShardWork(ShardId shard, ShardOperation<T> operation) {
			this.shard = shard;
			this.operation = operation;
		}

		@Override
		public T call() {
			if ( !state.compareAndSet( NEW, RUNNING ) ) {
				return null; // the call it belonged to has ended
			}
			startedAt = System.nanoTime();
			try {
				return operation.execute( shard );
			}
			finally {
				synchronized ( this ) {
					state.set( ENDED );
					notifyAll();
				}
			}
		}

		/** @return whether the work had not started and now never will */
		boolean skipIfNotStarted() {
			return state.compareAndSet( NEW, ENDED );
		}

		/** Waits until the work has ended, also when interrupted meanwhile; @return whether it was interrupted */
		synchronized boolean awaitEnd() {
			boolean interrupted = false;
			while ( state.get() == RUNNING ) {
				try {
					wait();
				}
				catch (InterruptedException e) {
					interrupted = true;
				}
			}
			return interrupted;
		}

		@Override
		public String toString() {
			return shard.toString();
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

	private ShardUnavailableException timedOut(List<ShardId> late) {
		return new ShardUnavailableException(
				late.get( 0 ),
				"No answer from " + late + " within " + Duration.ofNanos( timeoutNanos ).toMillis()
						+ " ms (hibernate.shards.parallel.timeout_ms); their statements were cancelled",
				null
		);
	}

	@Override
	public String toString() {
		return "parallel (" + ( (ThreadPoolExecutor) executor ).getMaximumPoolSize() + " threads, timeout "
				+ Duration.ofNanos( timeoutNanos ).toMillis() + " ms)";
	}

	@Override
	public void close() {
		executor.shutdownNow();
		canceller.shutdownNow();
	}
}
