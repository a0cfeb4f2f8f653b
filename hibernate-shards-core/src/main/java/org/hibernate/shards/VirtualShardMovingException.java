package org.hibernate.shards;

/**
 * A write met the fence of a virtual shard that is being moved to another physical shard, or has just been moved.
 * Nothing of the transaction was committed; the transaction is marked for rollback. Retry it (in a new session): by the
 * time this is thrown the factory routes by the new placement, or the move's final, short pause is still running.
 * <pre>{@code
 * for (int attempt = 1; ; attempt++) {
 *     try (ShardedSession session = factory.openSession()) {
 *         session.inTransaction(tx -> ...);
 *         break;
 *     }
 *     catch (VirtualShardMovingException e) {
 *         if (attempt == 3) throw e;
 *     }
 * }
 * }</pre>
 */
public class VirtualShardMovingException extends ShardingException {
	private final int virtualShard;
	private final ShardId shardId;

	public VirtualShardMovingException(int virtualShard, ShardId shardId, String message, Throwable cause) {
		super( message, cause );
		this.virtualShard = virtualShard;
		this.shardId = shardId;
	}

	/** @return the virtual shard whose writes are fenced */
	public int getVirtualShard() {
		return virtualShard;
	}

	/** @return the physical shard whose fence the write met: the virtual shard's old place */
	public ShardId getShardId() {
		return shardId;
	}
}
