package org.hibernate.shards.it.move;

import java.util.List;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.VirtualShardMovingException;
import org.hibernate.shards.it.move.model.MvAccount;

/**
 * One application thread reading accounts from the ledger while a virtual shard moves, by id and by a query on the
 * shard key, each read in a fresh session. An account whose insert was acknowledged before the read began, and whose
 * delete had not begun when the read ended, must be found, once, with its e-mail.
 * <p>
 * One miss is allowed, because the directory documents it: an instance routes by its copy of the placement, which may
 * be {@code refresh_seconds} old. A reader whose factory still placed the virtual shard on its old shard when the read
 * began reads there, and does not see an account inserted on the new shard ({@code movedTo}) since. That is counted as
 * a stale read. Any other miss (in particular of an account written to the shard the reader routed to, or written
 * before the switch) is a failure.
 */
final class LoadReader implements Runnable {
	final String name;
	private final ShardedSessionFactory factory;
	private final LoadLedger ledger;
	private final ShardId movedTo;
	private final AtomicBoolean stop;
	private final SplittableRandom random;

	final Queue<String> problems = new ConcurrentLinkedQueue<>();
	volatile long reads;
	volatile long staleReads;
	volatile long retried;
	volatile Throwable failure;

	LoadReader(String name, ShardedSessionFactory factory, LoadLedger ledger, ShardId movedTo, AtomicBoolean stop, long seed) {
		this.name = name;
		this.factory = factory;
		this.ledger = ledger;
		this.movedTo = movedTo;
		this.stop = stop;
		this.random = new SplittableRandom( seed );
	}

	@Override
	public void run() {
		try {
			while ( !stop.get() ) {
				LoadLedger.Visible entry = ledger.any( random, random.nextBoolean() );
				if ( entry == null ) {
					Thread.onSpinWait();
					continue;
				}
				read( entry, random.nextBoolean() );
				reads++;
			}
		}
		catch (Throwable e) {
			failure = e;
		}
	}

	private void read(LoadLedger.Visible entry, boolean byId) {
		LoadLedger.Account account = entry.inserted;
		ShardId routedAtStart = factory.getShardIdForVirtualShard( account.virtualShard() );
		long start = System.nanoTime();
		List<MvAccount> found;
		try ( ShardedSession session = factory.openSession() ) {
			if ( byId ) {
				MvAccount one = session.find( MvAccount.class, account.id() );
				found = one == null ? List.of() : List.of( one );
			}
			else {
				found = session.createQuery( "from MvAccount where email = :email", MvAccount.class ).setParameter( "email", account.email() )
						.getResultList();
			}
		}
		catch (RuntimeException e) {
			if ( e instanceof VirtualShardMovingException ) {
				retried++;
				return;
			}
			throw new IllegalStateException( name + ": reading account " + account.id() + ( byId ? " by id" : " by e-mail" ) + " failed: " + e, e );
		}
		long end = System.nanoTime();
		String how = ( byId ? "by id" : "by e-mail" ) + " through " + name + " (routed to " + routedAtStart + " when the read began)";
		if ( found.size() > 1 ) {
			problems.add( found.size() + " accounts found for " + account.email() + " " + how );
		}
		else if ( found.size() == 1 && ( found.get( 0 ).getId() != account.id() || !found.get( 0 ).getEmail().equals( account.email() ) ) ) {
			problems.add( "account " + account.id() + " read " + how + " came back as " + found.get( 0 ).getId() + "/" + found.get( 0 ).getEmail() );
		}
		else if ( found.isEmpty() && entry.acknowledgedNanos < start && entry.deleteStartedNanos > end ) {
			// Routed to the old shard, written on the new one. The other way round is a failure: the copy holds such rows.
			if ( account.writtenTo().equals( movedTo ) && !routedAtStart.equals( movedTo ) ) {
				staleReads++;
			}
			else {
				problems.add( "account " + account.id() + " (virtual shard " + account.virtualShard() + ", inserted on " + account.writtenTo()
						+ " " + ( start - entry.acknowledgedNanos ) / 1_000_000 + " ms before the read) is missing when read " + how );
			}
		}
	}
}
