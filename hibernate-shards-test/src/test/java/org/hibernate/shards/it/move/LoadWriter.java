package org.hibernate.shards.it.move;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.VirtualShardMovingException;
import org.hibernate.shards.it.KeyRouting;
import org.hibernate.shards.it.move.model.MvAccount;
import org.hibernate.shards.it.move.model.MvInvoice;

/**
 * One application thread writing while a virtual shard moves: inserts, updates and deletes accounts (with tags and
 * invoices) of the moving virtual shard ({@value #MOVING_SHARE}%) or of another one. Every write is a transaction in a
 * fresh session; one that meets a moving virtual shard is retried, as the application would, until it commits. What
 * committed goes to the {@link LoadLedger}; the latency of each write to the moving virtual shard, retries included, is
 * the write pause an application sees.
 * <p>
 * A writer only changes accounts it owns (those it was given and those it created), so its ledger entries are exact:
 * no other writer can change them in between, and an optimistic lock failure would mean a lost write, not a race.
 */
final class LoadWriter implements Runnable {
	static final int MOVING_SHARE = 70;
	private static final AtomicLong KEYS = new AtomicLong();

	final String name;
	private final ShardedSessionFactory factory;
	private final LoadLedger ledger;
	private final int moving;
	private final int[] others;
	/** A logical write that cannot commit within this is a failure, not a pause. */
	private final Duration limit;
	private final AtomicBoolean stop;
	private final SplittableRandom random;
	private final Map<Integer, List<Long>> ownedByVirtualShard = new HashMap<>();
	private final Map<Long, LoadLedger.Account> owned = new HashMap<>();
	private final Set<Long> created = new LinkedHashSet<>();
	private long sequence;

	final WriteStats stats = new WriteStats();
	volatile long lastCommitNanos;
	volatile long commits;
	volatile Throwable failure;

	LoadWriter(String name, ShardedSessionFactory factory, LoadLedger ledger, int moving, int[] others, Duration limit, AtomicBoolean stop,
			long seed) {
		this.name = name;
		this.factory = factory;
		this.ledger = ledger;
		this.moving = moving;
		this.others = others;
		this.limit = limit;
		this.stop = stop;
		this.random = new SplittableRandom( seed );
	}

	/** A new, unique e-mail address that lands on the virtual shard. */
	static String newEmail(int virtualShard) {
		while ( true ) {
			String email = "load-" + KEYS.incrementAndGet() + "@example.com";
			if ( KeyRouting.virtualShard( email, MoveFixture.VIRTUAL ) == virtualShard ) {
				return email;
			}
		}
	}

	/** Gives this writer an account that exists already (preloaded): it may update it. */
	void own(LoadLedger.Account account) {
		owned.put( account.id(), account );
		ownedByVirtualShard.computeIfAbsent( account.virtualShard(), v -> new ArrayList<>() ).add( account.id() );
	}

	@Override
	public void run() {
		try {
			while ( !stop.get() ) {
				boolean toMoving = random.nextInt( 100 ) < MOVING_SHARE;
				int virtualShard = toMoving ? moving : others[random.nextInt( others.length )];
				List<Long> mine = ownedByVirtualShard.getOrDefault( virtualShard, List.of() );
				int dice = random.nextInt( 100 );
				long start = System.nanoTime();
				char kind;
				if ( mine.isEmpty() || dice < 40 ) {
					insert( virtualShard );
					kind = 'i';
				}
				else if ( dice < 80 || !hasCreatedOn( virtualShard ) ) {
					update( mine.get( random.nextInt( mine.size() ) ) );
					kind = 'u';
				}
				else {
					delete( createdOn( virtualShard ) );
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

	private void insert(int virtualShard) {
		long n = ++sequence;
		String email = newEmail( virtualShard );
		String accountName = name + " new " + n;
		Set<String> tags = new LinkedHashSet<>( List.of( "t" + n % 5, "n" + n ) );
		List<BigDecimal> amounts = new ArrayList<>();
		for ( int i = 1 + random.nextInt( 2 ); i > 0; i-- ) {
			amounts.add( amount() );
		}
		LoadLedger.Account account = untilCommitted( "insert " + email, session -> {
			// A new entity each attempt: a failed attempt's objects have ids of a shard that refused them.
			MvAccount entity = new MvAccount( email, accountName );
			entity.getTags().addAll( tags );
			session.persist( entity );
			Map<Long, BigDecimal> invoices = new LinkedHashMap<>();
			for ( BigDecimal amount : amounts ) {
				MvInvoice invoice = new MvInvoice( entity, amount, null );
				session.persist( invoice );
				invoices.put( invoice.getId(), amount );
			}
			ShardId shard = session.getShardIdForObject( entity );
			return new LoadLedger.Account( entity.getId(), email, virtualShard, shard, accountName, tags, invoices );
		} );
		ledger.inserted( account );
		own( account );
		created.add( account.id() );
	}

	private void update(long id) {
		LoadLedger.Account before = owned.get( id );
		long n = ++sequence;
		String newName = name + " renamed " + n;
		Set<String> newTags = new LinkedHashSet<>( before.tags() );
		if ( newTags.size() > 1 ) {
			newTags.remove( newTags.iterator().next() );
		}
		newTags.add( "u" + n );
		Map<Long, BigDecimal> newInvoices = new LinkedHashMap<>( before.invoices() );
		Long invoiceId = newInvoices.isEmpty() ? null : new ArrayList<>( newInvoices.keySet() ).get( random.nextInt( newInvoices.size() ) );
		BigDecimal newAmount = amount();
		if ( invoiceId != null ) {
			newInvoices.put( invoiceId, newAmount );
		}
		untilCommitted( "update account " + id, session -> {
			MvAccount account = require( session.find( MvAccount.class, id ), "account", id );
			account.setName( newName );
			account.getTags().retainAll( newTags );
			account.getTags().addAll( newTags );
			if ( invoiceId != null ) {
				require( session.find( MvInvoice.class, invoiceId ), "invoice", invoiceId ).setAmount( newAmount );
			}
			return null;
		} );
		LoadLedger.Account after = before.updated( newName, newTags, newInvoices );
		owned.put( id, after );
		ledger.updated( after );
	}

	private void delete(long id) {
		LoadLedger.Account account = owned.get( id );
		ledger.deleting( id );
		untilCommitted( "delete account " + id, session -> {
			for ( Long invoiceId : account.invoices().keySet() ) {
				session.remove( require( session.find( MvInvoice.class, invoiceId ), "invoice", invoiceId ) );
			}
			session.remove( require( session.find( MvAccount.class, id ), "account", id ) );
			return null;
		} );
		ledger.deleted( id );
		owned.remove( id );
		created.remove( id );
		List<Long> ids = ownedByVirtualShard.get( account.virtualShard() );
		int at = ids.indexOf( id );
		ids.set( at, ids.get( ids.size() - 1 ) );
		ids.remove( ids.size() - 1 );
	}

	private boolean hasCreatedOn(int virtualShard) {
		return created.stream().anyMatch( id -> owned.get( id ).virtualShard() == virtualShard );
	}

	private long createdOn(int virtualShard) {
		return created.stream().filter( id -> owned.get( id ).virtualShard() == virtualShard ).findFirst().orElseThrow();
	}

	private BigDecimal amount() {
		return BigDecimal.valueOf( random.nextLong( 1, 100_000_000 ), 2 );
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
				String retryable = retryable( e );
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

	/**
	 * @return why the failure may be retried ({@code "fence wait"}, {@code "moved away"} or {@code "lock"}, as
	 *         {@link WriteStats#retried} counts them), or {@code null} when it must not be
	 */
	static String retryable(Throwable e) {
		for ( Throwable cause = e; cause != null; cause = cause.getCause() ) {
			if ( cause instanceof VirtualShardMovingException moving ) {
				// The fence says so with a lock wait timeout as the cause; a fence marked moved has none.
				return moving.getCause() instanceof java.sql.SQLException ? "fence wait" : "moved away";
			}
			if ( cause instanceof jakarta.persistence.LockTimeoutException || cause instanceof jakarta.persistence.PessimisticLockException
					|| cause instanceof org.hibernate.exception.LockAcquisitionException
					|| cause instanceof java.sql.SQLException sql && ( sql.getErrorCode() == 1205 || sql.getErrorCode() == 1213 ) ) {
				return "lock";
			}
		}
		return null;
	}

	private <T> T require(T found, String what, long id) {
		if ( found == null ) {
			throw new IllegalStateException( name + ": " + what + " " + id + ", whose last write was acknowledged, is not found" );
		}
		return found;
	}
}
