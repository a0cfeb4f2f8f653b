package org.hibernate.shards;

/**
 * A physical shard could not be reached, or did not answer in time. Names the shard and its URL
 * (never the password). Operations routed to other shards are not affected, and the shard is used
 * again as soon as it accepts connections.
 */
public class ShardUnavailableException extends ShardingException {
	private final ShardId shardId;

	public ShardUnavailableException(ShardId shardId, String message, Throwable cause) {
		super( message, cause );
		this.shardId = shardId;
	}

	/** @return the shard that could not be reached */
	public ShardId getShardId() {
		return shardId;
	}
}
