package org.hibernate.shards.test.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates several servers at once: each spends most of its start-up waiting, so starting them in
 * parallel costs little more than starting one.
 */
final class Parallel {

	/** Creates one resource; may block for a long time. */
	@FunctionalInterface
	interface Factory<R> {
		R create(int index) throws Exception;
	}

	private Parallel() {
	}

	/**
	 * @return {@code count} resources in index order; if any creation fails, those that succeeded are
	 *         closed and the first failure is thrown
	 */
	static <R extends AutoCloseable> List<R> create(int count, Factory<R> factory) {
		if ( count == 1 ) {
			return List.of( createOne( factory, 0 ) );
		}
		AtomicInteger threadNumber = new AtomicInteger();
		ExecutorService executor = Executors.newFixedThreadPool( Math.min( count, 8 ), runnable -> {
			Thread thread = new Thread( runnable, "hibernate-shards-test-start-" + threadNumber.incrementAndGet() );
			thread.setDaemon( true );
			return thread;
		} );
		try {
			List<Future<R>> futures = new ArrayList<>();
			for ( int i = 0; i < count; i++ ) {
				int index = i;
				futures.add( executor.submit( () -> factory.create( index ) ) );
			}
			List<R> created = new ArrayList<>();
			RuntimeException failure = null;
			for ( Future<R> future : futures ) {
				try {
					created.add( future.get() );
				}
				catch (ExecutionException e) {
					failure = addFailure( failure, e.getCause() );
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					failure = addFailure( failure, e );
				}
			}
			if ( failure != null ) {
				Closing.closeAll( created );
				throw failure;
			}
			return created;
		}
		finally {
			executor.shutdownNow();
		}
	}

	private static <R> R createOne(Factory<R> factory, int index) {
		try {
			return factory.create( index );
		}
		catch (RuntimeException e) {
			throw e;
		}
		catch (Exception e) {
			throw new IllegalStateException( e.getMessage(), e );
		}
	}

	private static RuntimeException addFailure(RuntimeException first, Throwable next) {
		if ( first == null ) {
			return next instanceof RuntimeException runtime
					? runtime
					: new IllegalStateException( next.getMessage(), next );
		}
		first.addSuppressed( next );
		return first;
	}
}
