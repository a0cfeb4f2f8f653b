package org.hibernate.shards.demo;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.hibernate.StatelessSession;
import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardedSessionFactory;

/**
 * Row counts read from every physical shard with plain SQL, through each shard's own {@code SessionFactory}.
 * (A {@code ShardedSession} does not run cross-shard queries yet, so counting is a fan-out done here: one query per
 * shard, added up in Java.)
 *
 * @param usersPerShard users stored on each physical shard, in shard order
 * @param commentsPerShard comments stored on each physical shard, in shard order
 * @param usersPerVirtualShard users per virtual shard, indexed by virtual shard
 * @param misplacedUsers users whose id names a virtual shard that the factory does not place on the shard holding
 *        them; 0 unless routing is broken
 */
public record ShardStats(Map<ShardId, Long> usersPerShard, Map<ShardId, Long> commentsPerShard, long[] usersPerVirtualShard,
		long misplacedUsers) {

	/**
	 * A {@code @ShardedId} keeps its virtual shard in its low 10 bits, so {@code mod(id, 1024)} (= {@code id & 1023}
	 * for positive ids) is the virtual shard, computed by the database without reading the rows into Java.
	 */
	private static final String USERS_PER_VIRTUAL_SHARD =
			"select mod(id, 1024), count(*) from users group by mod(id, 1024)";

	/** @return the virtual shard a {@code @ShardedId} names: its low 10 bits */
	static int virtualShardOf(long shardedId) {
		return (int) ( shardedId & 1023 );
	}

	static ShardStats collect(ShardedSessionFactory factory) {
		Map<ShardId, Long> users = new LinkedHashMap<>();
		Map<ShardId, Long> comments = new LinkedHashMap<>();
		long[] perVirtualShard = new long[factory.getVirtualShardCount()];
		long[] misplaced = new long[1];
		factory.getSessionFactories().forEach( (shard, shardFactory) -> shardFactory.inStatelessSession( session -> {
			users.put( shard, count( session, "users" ) );
			comments.put( shard, count( session, "comments" ) );
			for ( Object[] row : session.createNativeQuery( USERS_PER_VIRTUAL_SHARD, Object[].class ).getResultList() ) {
				int virtualShard = ( (Number) row[0] ).intValue();
				long rows = ( (Number) row[1] ).longValue();
				if ( virtualShard >= perVirtualShard.length || !factory.getShardIdForVirtualShard( virtualShard ).equals( shard ) ) {
					misplaced[0] += rows;
				}
				else {
					perVirtualShard[virtualShard] += rows;
				}
			}
		} ) );
		return new ShardStats( Collections.unmodifiableMap( users ), Collections.unmodifiableMap( comments ), perVirtualShard,
				misplaced[0] );
	}

	private static long count(StatelessSession session, String table) {
		return session.createNativeQuery( "select count(*) from " + table, Long.class ).getSingleResult();
	}

	/** @return all users on all shards: the sum of the per-shard counts */
	public long totalUsers() {
		return usersPerShard.values().stream().mapToLong( Long::longValue ).sum();
	}

	/** @return all comments on all shards: the sum of the per-shard counts */
	public long totalComments() {
		return commentsPerShard.values().stream().mapToLong( Long::longValue ).sum();
	}
}
