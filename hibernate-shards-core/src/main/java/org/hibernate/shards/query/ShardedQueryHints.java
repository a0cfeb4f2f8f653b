package org.hibernate.shards.query;

/**
 * Query hints understood by queries of a {@link org.hibernate.shards.ShardedSession}, set with
 * {@code query.setHint(name, value)}.
 */
public final class ShardedQueryHints {
	private ShardedQueryHints() {
	}

	/**
	 * {@code true} to answer with the rows of the shards that could be reached when others cannot (unreachable, or their
	 * statement timed out): {@code getResultList()} then returns a {@link PartialResultList} naming the failed shards.
	 * Without it (the default), one failed shard fails the query with an exception naming the shard.
	 * The factory-wide default is {@code hibernate.shards.query.partial_results}.
	 */
	public static final String PARTIAL_RESULTS = "org.hibernate.shards.partial_results";
}
