package org.hibernate.shards.internal.failure;

import java.util.Arrays;

import org.hibernate.shards.ShardingException;

/**
 * Runs an action on every item even when some fail, as closing or rolling back several shards must: a shard that
 * fails must not leave the others open. The first failure is thrown once all were tried, the later ones added to it
 * as suppressed, so that none is lost.
 * <pre>{@code
 * TryAll.close( List.of( factory, pool ) );
 * TryAll.forEach( shards, shard -> rollback( shard ) );
 * }</pre>
 */
public final class TryAll {
	private TryAll() {
	}

	/** An action on one item, which may fail with any exception. */
	@FunctionalInterface
	public interface Action<T> {
		void apply(T item) throws Exception;
	}

	/**
	 * Applies the action to every item, in order.
	 *
	 * @throws RuntimeException the first failure, unchanged when it was unchecked, else wrapped in a {@link ShardingException};
	 *         later failures are suppressed in it
	 */
	public static <T> void forEach(Iterable<? extends T> items, Action<? super T> action) {
		RuntimeException first = null;
		for ( T item : items ) {
			try {
				action.apply( item );
			}
			catch (Exception e) {
				if ( first == null ) {
					first = e instanceof RuntimeException runtime ? runtime : new ShardingException( e.getMessage(), e );
				}
				else if ( first != e ) {
					first.addSuppressed( e );
				}
			}
		}
		if ( first != null ) {
			throw first;
		}
	}

	/** Closes every resource, in order; {@code null} entries are skipped. */
	public static void close(Iterable<? extends AutoCloseable> resources) {
		forEach( resources, resource -> {
			if ( resource != null ) {
				resource.close();
			}
		} );
	}

	/** Closes every resource, in order; {@code null} entries are skipped. */
	public static void close(AutoCloseable... resources) {
		close( Arrays.asList( resources ) );
	}
}
