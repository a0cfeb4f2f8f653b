package org.hibernate.shards.it.move;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

import org.hibernate.shards.ShardId;

/**
 * What the writers of a load test were told is committed: for every account its last acknowledged state, or that it
 * was deleted. The final state of the databases must be exactly this. Readers pick accounts from it too, with the
 * moments that make their checks sound: when the insert was acknowledged and when a delete began.
 */
final class LoadLedger {

	/**
	 * An account as its last acknowledged write left it.
	 *
	 * @param writtenTo the physical shard its insert committed on (for a preloaded one, where the preload put it)
	 * @param invoices amount by invoice id
	 */
	record Account(long id, String email, int virtualShard, ShardId writtenTo, String name, Set<String> tags,
			Map<Long, BigDecimal> invoices) {

		Account {
			tags = Set.copyOf( tags );
			invoices = Map.copyOf( invoices );
		}

		Account updated(String newName, Set<String> newTags, Map<Long, BigDecimal> newInvoices) {
			return new Account( id, email, virtualShard, writtenTo, newName, newTags, newInvoices );
		}
	}

	/** An account readers may look for: committed at {@code acknowledgedNanos}, and gone once a delete began. */
	static final class Visible {
		final Account inserted;
		final long acknowledgedNanos;
		volatile long deleteStartedNanos = Long.MAX_VALUE;

		Visible(Account inserted, long acknowledgedNanos) {
			this.inserted = inserted;
			this.acknowledgedNanos = acknowledgedNanos;
		}
	}

	private final Map<Long, Account> live = new ConcurrentHashMap<>();
	private final Set<Long> deleted = ConcurrentHashMap.newKeySet();
	private final Map<Long, Visible> visibleById = new ConcurrentHashMap<>();
	/** For picking at random; deleted accounts stay in it, their delete moment tells readers to skip them. */
	private final List<Visible> visible = new ArrayList<>();

	/** An insert was acknowledged (or an account preloaded). */
	void inserted(Account account) {
		Visible entry = new Visible( account, System.nanoTime() );
		live.put( account.id(), account );
		visibleById.put( account.id(), entry );
		synchronized ( visible ) {
			visible.add( entry );
		}
	}

	/** An update was acknowledged. */
	void updated(Account account) {
		live.put( account.id(), account );
	}

	/** A delete is about to begin: from now on a reader may miss the account. */
	void deleting(long id) {
		visibleById.get( id ).deleteStartedNanos = System.nanoTime();
	}

	/** A delete was acknowledged. */
	void deleted(long id) {
		live.remove( id );
		deleted.add( id );
	}

	/**
	 * @param recent whether to pick among the last 64 inserted accounts only: those that a stale instance may not see
	 * @return an account that was inserted, at random, or {@code null} when there is none yet
	 */
	Visible any(SplittableRandom random, boolean recent) {
		synchronized ( visible ) {
			int size = visible.size();
			int from = recent ? Math.max( 0, size - 64 ) : 0;
			return size == 0 ? null : visible.get( from + random.nextInt( size - from ) );
		}
	}

	Map<Long, Account> live() {
		return live;
	}

	Set<Long> deleted() {
		return deleted;
	}
}
