package org.hibernate.shards.demo;

import java.util.List;

import org.hibernate.shards.ShardId;

/**
 * What a demo run did and found, for callers (the test) that check it rather than read the printout.
 *
 * @param usersLoaded users persisted
 * @param commentsLoaded comments persisted (cascaded from their users)
 * @param loadMillis time spent loading
 * @param stats row counts read back from every shard
 * @param lookups the users looked up by id and by e-mail
 * @param queries the answers of the cross-shard queries
 * @param growth the rebalance onto the standby shard, with the background writer's outcome
 * @param grown row counts read back from every shard after it
 */
public record DemoResult(int usersLoaded, int commentsLoaded, long loadMillis, ShardStats stats, List<Lookup> lookups,
		CrossShardQueries queries, Growth growth, ShardStats grown) {

	/** @return the cross-shard count: the sum of the per-shard user counts */
	public long totalUsers() {
		return stats.totalUsers();
	}

	/**
	 * One user found twice, by id and by e-mail, each in a cleared session so that the database answers.
	 *
	 * @param id the id the user got when it was persisted
	 * @param email its e-mail, the shard key and natural id
	 * @param expectedShard the shard its id names: the physical shard of virtual shard {@code id & 1023}
	 * @param emailFoundById the e-mail of the user found by id, {@code null} if none was found
	 * @param shardById the shard that returned it
	 * @param microsById how long {@code find(User.class, id)} took
	 * @param idFoundByEmail the id of the user found by e-mail, {@code null} if none was found
	 * @param shardByEmail the shard that returned it
	 * @param microsByEmail how long {@code find(User.class, email, KeyType.NATURAL)} took
	 */
	public record Lookup(long id, String email, ShardId expectedShard,
			String emailFoundById, ShardId shardById, long microsById,
			Long idFoundByEmail, ShardId shardByEmail, long microsByEmail) {
	}
}
