package org.hibernate.shards.it.move;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.it.move.model.MvMemo;
import org.hibernate.shards.it.move.model.MvMemoLine;

/**
 * One application thread writing memos while a partition moves: inserts (with lines), updates (the body and a line)
 * and deletes memos of the moving topic ({@value #MOVING_SHARE}%) or of another one. Every write is a transaction in
 * a fresh session that finds what it changes by its shard key, as an application would; one that fails with a
 * retryable error ({@link LoadWriter#retryable}) is retried until it commits. What committed goes to the
 * {@link MemoLedger}.
 * <p>
 * A writer only changes memos it owns (those it was given and those it created), so its ledger entries are exact.
 */
final class MemoWriter implements Runnable {
	static final int MOVING_SHARE = 60;
	/** Ids of memos and lines, unique over every writer and the preload. */
	static final AtomicLong IDS = new AtomicLong( 1_000_000 );

	final String name;
	private final ShardedSessionFactory factory;
	private final MemoLedger ledger;
	private final String moving;
	private final List<String> others;
	private final Duration limit;
	private final AtomicBoolean stop;
	private final SplittableRandom random;
	private final Map<String, List<Long>> ownedByTopic = new HashMap<>();
	private final Map<Long, MemoLedger.Memo> owned = new HashMap<>();
	private final Map<String, List<Long>> createdByTopic = new HashMap<>();
	private long sequence;

	final WriteStats stats = new WriteStats();
	volatile long lastCommitNanos;
	volatile long commits;
	volatile Throwable failure;

	MemoWriter(String name, ShardedSessionFactory factory, MemoLedger ledger, String moving, List<String> others, Duration limit,
			AtomicBoolean stop, long seed) {
		this.name = name;
		this.factory = factory;
		this.ledger = ledger;
		this.moving = moving;
		this.others = others;
		this.limit = limit;
		this.stop = stop;
		this.random = new SplittableRandom( seed );
	}

	/** Gives this writer a memo that exists already (preloaded): it may update it. */
	void own(MemoLedger.Memo memo) {
		owned.put( memo.id(), memo );
		ownedByTopic.computeIfAbsent( memo.topic(), t -> new ArrayList<>() ).add( memo.id() );
	}

	@Override
	public void run() {
		try {
			while ( !stop.get() ) {
				boolean toMoving = random.nextInt( 100 ) < MOVING_SHARE;
				String topic = toMoving ? moving : others.get( random.nextInt( others.size() ) );
				List<Long> mine = ownedByTopic.getOrDefault( topic, List.of() );
				List<Long> created = createdByTopic.getOrDefault( topic, List.of() );
				int dice = random.nextInt( 100 );
				long start = System.nanoTime();
				char kind;
				if ( mine.isEmpty() || dice < 40 ) {
					insert( topic );
					kind = 'i';
				}
				else if ( dice < 80 || created.isEmpty() ) {
					update( mine.get( random.nextInt( mine.size() ) ) );
					kind = 'u';
				}
				else {
					delete( created.get( random.nextInt( created.size() ) ) );
					kind = 'd';
				}
				long now = System.nanoTime();
				lastCommitNanos = now;
				commits++;
				stats.record( toMoving, kind, now - start );
			}
		}
		catch (Throwable e) {
			failure = e;
		}
	}

	private void insert(String topic) {
		long n = ++sequence;
		long id = IDS.incrementAndGet();
		String body = name + " new " + n;
		Map<Long, String> lines = new LinkedHashMap<>();
		for ( int i = 1 + random.nextInt( 2 ); i > 0; i-- ) {
			lines.put( IDS.incrementAndGet(), body + " line " + i );
		}
		untilCommitted( "insert memo " + id, session -> {
			// New entities each attempt: a failed attempt's objects belong to a session that refused them.
			MvMemo memo = new MvMemo( id, topic, body );
			session.persist( memo );
			lines.forEach( (lineId, text) -> session.persist( new MvMemoLine( lineId, memo, text ) ) );
			return null;
		} );
		MemoLedger.Memo written = new MemoLedger.Memo( id, topic, body, lines );
		ledger.written( written );
		own( written );
		createdByTopic.computeIfAbsent( topic, t -> new ArrayList<>() ).add( id );
	}

	private void update(long id) {
		MemoLedger.Memo before = owned.get( id );
		long n = ++sequence;
		String body = name + " edit " + n;
		Map<Long, String> lines = new LinkedHashMap<>( before.lines() );
		Long lineId = lines.isEmpty() ? null : lines.keySet().iterator().next();
		if ( lineId != null ) {
			lines.put( lineId, body + " line" );
		}
		untilCommitted( "update memo " + id, session -> {
			memoByKey( session, before ).setBody( body );
			if ( lineId != null ) {
				linesByKey( session, before ).stream().filter( line -> line.getId() == lineId.longValue() ).findFirst()
						.orElseThrow( () -> missing( "line", lineId ) ).setText( body + " line" );
			}
			return null;
		} );
		MemoLedger.Memo after = new MemoLedger.Memo( id, before.topic(), body, lines );
		owned.put( id, after );
		ledger.written( after );
	}

	private void delete(long id) {
		MemoLedger.Memo memo = owned.get( id );
		untilCommitted( "delete memo " + id, session -> {
			List<MvMemoLine> lines = linesByKey( session, memo );
			if ( lines.size() != memo.lines().size() ) {
				throw new IllegalStateException( name + ": memo " + id + " has " + lines.size() + " lines, its acknowledged writes gave it "
						+ memo.lines().size() );
			}
			lines.forEach( session::remove );
			session.remove( memoByKey( session, memo ) );
			return null;
		} );
		ledger.deleted( id );
		owned.remove( id );
		ownedByTopic.get( memo.topic() ).remove( Long.valueOf( id ) );
		createdByTopic.get( memo.topic() ).remove( Long.valueOf( id ) );
	}

	private MvMemo memoByKey(ShardedSession session, MemoLedger.Memo memo) {
		List<MvMemo> found = session.createSelectionQuery( "from MvMemo m where m.topic = :t and m.id = :id", MvMemo.class )
				.setParameter( "t", memo.topic() ).setParameter( "id", memo.id() ).list();
		if ( found.size() != 1 ) {
			throw found.isEmpty() ? missing( "memo", memo.id() )
					: new IllegalStateException( name + ": memo " + memo.id() + " was found " + found.size() + " times by its key" );
		}
		return found.get( 0 );
	}

	private static List<MvMemoLine> linesByKey(ShardedSession session, MemoLedger.Memo memo) {
		return session.createSelectionQuery( "from MvMemoLine l where l.memo.topic = :t and l.memo.id = :id", MvMemoLine.class )
				.setParameter( "t", memo.topic() ).setParameter( "id", memo.id() ).list();
	}

	private IllegalStateException missing(String what, long id) {
		return new IllegalStateException( name + ": " + what + " " + id + ", whose last write was acknowledged, is not found by its key" );
	}

	/**
	 * Runs one logical write, each attempt a transaction in a new session, until it commits. Only failures that say
	 * nothing was committed and that a retry may pass are retried.
	 */
	private <T> T untilCommitted(String what, Function<ShardedSession, T> work) {
		long deadline = System.nanoTime() + limit.toNanos();
		for ( int attempt = 1; ; attempt++ ) {
			try ( ShardedSession session = factory.openSession() ) {
				return session.fromTransaction( tx -> work.apply( session ) );
			}
			catch (RuntimeException e) {
				String retryable = LoadWriter.retryable( e );
				if ( retryable == null ) {
					throw new IllegalStateException( name + ": " + what + " failed at attempt " + attempt + " with an error that is not retryable: " + e, e );
				}
				if ( System.nanoTime() > deadline ) {
					throw new IllegalStateException( name + ": " + what + " did not commit within " + limit.toSeconds() + " s ("
							+ attempt + " attempts); last failure: " + e, e );
				}
				stats.retried( retryable );
			}
		}
	}
}
