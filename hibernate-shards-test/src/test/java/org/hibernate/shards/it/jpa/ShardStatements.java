package org.hibernate.shards.it.jpa;

import java.util.ArrayList;
import java.util.List;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.stat.Statistics;

/**
 * Which shards were asked something since a snapshot: the shards whose own factory prepared a statement (the unit sets
 * {@code hibernate.generate_statistics}). Sessions opened without a statement, such as the planning session that makes
 * entity graphs on shard 0, do not count.
 */
final class ShardStatements {
	private final ShardedSessionFactory factory;
	private final long[] before;

	ShardStatements(ShardedSessionFactory factory) {
		this.factory = factory;
		this.before = new long[factory.getSessionFactories().size()];
		for ( int i = 0; i < before.length; i++ ) {
			before[i] = statistics( i ).getPrepareStatementCount();
		}
	}

	private Statistics statistics(int shard) {
		return factory.getSessionFactories().get( ShardId.of( shard ) ).getStatistics();
	}

	/** @return the shards (ascending) that prepared a statement since the snapshot */
	List<Integer> shardsAsked() {
		List<Integer> asked = new ArrayList<>();
		for ( int i = 0; i < before.length; i++ ) {
			if ( statistics( i ).getPrepareStatementCount() > before[i] ) {
				asked.add( i );
			}
		}
		return asked;
	}
}
