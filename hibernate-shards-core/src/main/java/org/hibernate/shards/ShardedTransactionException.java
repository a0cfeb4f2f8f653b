package org.hibernate.shards;

import java.util.List;

/**
 * A sharded transaction that failed part way through its commit: some shards committed, others did not.
 * Commits across shards are not atomic (there is no two-phase commit); this exception tells exactly
 * which shards hold the transaction's writes so that the application can compensate.
 */
public class ShardedTransactionException extends ShardingException {
	private final List<ShardId> committed;
	private final List<ShardId> notCommitted;

	public ShardedTransactionException(String message, List<ShardId> committed, List<ShardId> notCommitted, Throwable cause) {
		super( message, cause );
		this.committed = List.copyOf( committed );
		this.notCommitted = List.copyOf( notCommitted );
	}

	/** @return the shards whose part of the transaction was committed */
	public List<ShardId> getCommittedShards() {
		return committed;
	}

	/** @return the shards whose part of the transaction was rolled back or whose state is unknown */
	public List<ShardId> getNotCommittedShards() {
		return notCommitted;
	}
}
