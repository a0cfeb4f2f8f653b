package org.hibernate.shards.demo;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.VirtualShardMovingException;

/**
 * Keeps inserting users, one transaction each, while virtual shards move: what an application does during a
 * rebalance. A write that meets a moving virtual shard's fence fails with {@link VirtualShardMovingException} and is
 * retried, as an application would retry it; afterwards every user it was told was committed must be found.
 */
final class BackgroundWriter implements AutoCloseable {
	private final ShardedSessionFactory factory;
	private final DataGenerator generator;
	private final List<Long> written = new CopyOnWriteArrayList<>();
	private final AtomicInteger retries = new AtomicInteger();
	private final Thread thread;
	private volatile boolean running = true;
	private volatile RuntimeException failure;

	BackgroundWriter(ShardedSessionFactory factory, long seed) {
		this.factory = factory;
		this.generator = new DataGenerator( seed );
		this.thread = new Thread( this::write, "demo-background-writer" );
		thread.setDaemon( true );
		thread.start();
	}

	private void write() {
		try {
			int failedInARow = 0;
			while ( running ) {
				// A new user each time: one whose transaction failed was not stored, and is not retried as the same instance.
				User user = generator.nextUser();
				try ( ShardedSession session = factory.openSession() ) {
					session.inTransaction( tx -> session.persist( user ) );
					written.add( user.getId() );
					failedInARow = 0;
				}
				catch (VirtualShardMovingException e) {
					retries.incrementAndGet();
					if ( ++failedInARow == 10 ) {
						throw e;
					}
				}
				pause(); // an application's pace, not a bulk load
			}
		}
		catch (RuntimeException e) {
			failure = e;
		}
	}

	private static void pause() {
		try {
			Thread.sleep( 5 );
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	/** The users written, each found again by id. */
	record Outcome(int written, int found, int retries) {
	}

	/** Stops writing and looks every user it wrote up by id. */
	Outcome stopAndCheck() {
		close();
		if ( failure != null ) {
			throw failure;
		}
		int found = 0;
		try ( ShardedSession session = factory.openSession() ) {
			for ( Long id : written ) {
				if ( session.find( User.class, id ) != null ) {
					found++;
				}
				session.clear();
			}
		}
		return new Outcome( written.size(), found, retries.get() );
	}

	@Override
	public void close() {
		running = false;
		try {
			thread.join( 60_000 );
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
