package org.hibernate.shards.it.move;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.VirtualShardMovingException;
import org.hibernate.shards.it.move.model.MvAccount;
import org.hibernate.shards.it.move.model.MvBoard;
import org.hibernate.shards.it.move.model.MvInvoice;
import org.hibernate.shards.it.move.model.MvMemo;
import org.hibernate.shards.it.move.model.MvMemoLine;
import org.hibernate.shards.it.move.model.MvPin;

/**
 * Threads of one instance writing, each transaction in a new session, a new row of one kind with a child that lives
 * with it, under the partition value they are given. What committed goes to the ledger; a write refused with a
 * {@link VirtualShardMovingException} committed nothing and is counted, not retried (the next write is a new row); any
 * other failure is kept, and {@link #check()} fails with it.
 */
final class RaceWriters implements AutoCloseable {

	/** The kinds of rows written, each an entity placed by a partitioned key and a child living with it. */
	enum Kind {
		/** Ids carry their virtual shard (@ShardedId), and so do the invoices' that live with the account. */
		ACCOUNT( "MvAccount", "mv_account", "mv_invoice", "email", "select c.id from MvInvoice c where c.account.email = :k" ),
		/** Placed by name with an assigned id; the pins that live with a board carry their virtual shard in their ids. */
		BOARD( "MvBoard", "mv_board", "mv_pin", "name", "select c.id from MvPin c where c.board.name = :k" ),
		/** Placed by topic, nothing carries a virtual shard: the rows follow their partition anywhere. */
		MEMO( "MvMemo", "mv_memo", "mv_memo_line", "topic", "select c.id from MvMemoLine c where c.memo.topic = :k" );

		final String entity;
		final String table;
		final String childTable;
		final String parentsByKey;
		final String childrenByKey;

		Kind(String entity, String table, String childTable, String key, String childrenByKey) {
			this.entity = entity;
			this.table = table;
			this.childTable = childTable;
			this.parentsByKey = "select e.id from " + entity + " e where e." + key + " = :k";
			this.childrenByKey = childrenByKey;
		}

		Class<?> parentClass() {
			return switch ( this ) {
				case ACCOUNT -> MvAccount.class;
				case BOARD -> MvBoard.class;
				case MEMO -> MvMemo.class;
			};
		}

		Class<?> childClass() {
			return switch ( this ) {
				case ACCOUNT -> MvInvoice.class;
				case BOARD -> MvPin.class;
				case MEMO -> MvMemoLine.class;
			};
		}

		/** @return whether the ids of the rows or of their children carry their virtual shard */
		boolean tied() {
			return this != MEMO;
		}
	}

	/** A write the instance was told is committed: the parent's shard key, its id and its child's id. */
	record Written(Kind kind, String key, long parentId, long childId) {
	}

	private record Target(Kind kind, String value) {
	}

	/** Assigned ids of boards and memos and of memo lines, unique in this test. */
	private static final AtomicLong IDS = new AtomicLong( 7_000_000 );

	private final ShardedSessionFactory factory;
	private final List<Thread> threads = new ArrayList<>();
	private final Queue<Written> committed = new ConcurrentLinkedQueue<>();
	private final Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
	private final AtomicInteger refused = new AtomicInteger();
	private final AtomicInteger busy = new AtomicInteger();
	private final AtomicLong sequence = new AtomicLong();
	private volatile Target target;
	private volatile boolean stop;

	private RaceWriters(ShardedSessionFactory factory) {
		this.factory = factory;
	}

	static RaceWriters start(ShardedSessionFactory factory, int threads) {
		RaceWriters writers = new RaceWriters( factory );
		for ( int i = 0; i < threads; i++ ) {
			Thread thread = new Thread( writers::run, "race-writer-" + i );
			thread.setDaemon( true );
			writers.threads.add( thread );
			thread.start();
		}
		return writers;
	}

	/** From now on every thread writes rows of this kind under this partition value. */
	void write(Kind kind, String value) {
		target = new Target( kind, value );
	}

	/** Stops writing and returns once no write is in flight. */
	void pause() {
		target = null;
		long deadline = System.nanoTime() + 30_000_000_000L;
		while ( busy.get() > 0 ) {
			if ( System.nanoTime() > deadline ) {
				throw new AssertionError( "A write of the race writers did not end within 30 s" );
			}
			MoveFixture.sleep( 5 );
		}
	}

	List<Written> committed() {
		return List.copyOf( committed );
	}

	int refused() {
		return refused.get();
	}

	/** @throws AssertionError with the first write that failed otherwise than with VirtualShardMovingException */
	void check() {
		Throwable first = unexpected.peek();
		if ( first != null ) {
			throw new AssertionError( unexpected.size() + " writes failed with an error that is not VirtualShardMovingException; the first: " + first,
					first );
		}
	}

	private void run() {
		while ( !stop ) {
			busy.incrementAndGet();
			Target current = target;
			try {
				if ( current != null ) {
					committed.add( writeOne( current ) );
				}
			}
			catch (VirtualShardMovingException e) {
				refused.incrementAndGet();
			}
			catch (RuntimeException e) {
				if ( isMoving( e ) ) {
					refused.incrementAndGet();
				}
				else {
					unexpected.add( e );
				}
			}
			finally {
				busy.decrementAndGet();
			}
			MoveFixture.sleep( current == null ? 5 : 25 );
		}
	}

	private static boolean isMoving(Throwable e) {
		for ( Throwable cause = e; cause != null; cause = cause.getCause() ) {
			if ( cause instanceof VirtualShardMovingException ) {
				return true;
			}
		}
		return false;
	}

	private Written writeOne(Target target) {
		long n = sequence.incrementAndGet();
		try ( ShardedSession session = factory.openSession() ) {
			return session.fromTransaction( tx -> switch ( target.kind() ) {
				case ACCOUNT -> {
					MvAccount account = new MvAccount( target.value() + "-" + n + "@race.example", "account " + n );
					session.persist( account );
					MvInvoice invoice = new MvInvoice( account, BigDecimal.TEN, LocalDateTime.of( 2026, 5, 1, 12, 0 ) );
					session.persist( invoice );
					yield new Written( Kind.ACCOUNT, account.getEmail(), account.getId(), invoice.getId() );
				}
				case BOARD -> {
					MvBoard board = new MvBoard( IDS.incrementAndGet(), target.value() );
					session.persist( board );
					MvPin pin = new MvPin( board, "pin " + n );
					session.persist( pin );
					yield new Written( Kind.BOARD, target.value(), board.getId(), pin.getId() );
				}
				case MEMO -> {
					MvMemo memo = new MvMemo( IDS.incrementAndGet(), target.value(), "memo " + n );
					session.persist( memo );
					MvMemoLine line = new MvMemoLine( IDS.incrementAndGet(), memo, "line " + n );
					session.persist( line );
					yield new Written( Kind.MEMO, target.value(), memo.getId(), line.getId() );
				}
			} );
		}
	}

	@Override
	public void close() {
		stop = true;
		for ( Thread thread : threads ) {
			try {
				thread.join( 30_000 );
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}
}
