package org.hibernate.shards.internal.session;

import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.internal.id.ShardedIdSequence;
import org.hibernate.shards.internal.metrics.ShardMetrics;
import org.hibernate.shards.internal.query.plan.QueryPlanCache;
import org.hibernate.shards.internal.routing.ShardRouter;

/**
 * What a sharded session needs from the factory that opened it, and nothing more: the router, each shard's
 * Hibernate factory, the id sequence and the few settings sessions read. The sharded session factory implements it;
 * sessions depend on this view, not on the factory class, so that the session package does not depend back on it.
 */
public interface ShardedSessionRuntime {
	/** @return the factory as applications see it, which sessions report as theirs */
	ShardedSessionFactory shardedFactory();

	/** @return the router shared by every session of the factory */
	ShardRouter router();

	/** @return the number of physical shards */
	int shardCount();

	/** @return the Hibernate session factory of one physical shard */
	SessionFactoryImplementor sessionFactory(ShardId shard);

	/** @return shard 0's factory, which answers metamodel-level questions: every shard has the same mappings */
	SessionFactoryImplementor firstSessionFactory();

	/** @return the shard's JDBC URL with any password hidden, for messages */
	String shardUrl(ShardId shard);

	/**
	 * @return the exception the application sees for a shard's failure (see
	 *         {@link org.hibernate.shards.internal.failure.ShardFailures}); a failure to reach the shard also makes the
	 *         requests that follow fail fast for a while
	 */
	RuntimeException failure(ShardId shard, RuntimeException failure);

	/** @return where routing decisions, merges and failures are counted; {@link ShardMetrics#NONE} without a registry */
	ShardMetrics metrics();

	/** @return the sequence that {@link org.hibernate.shards.annotations.ShardedId} values are drawn from */
	ShardedIdSequence idSequence();

	/** @return whether references between entities are checked to stay on one shard */
	boolean crossShardChecks();

	/**
	 * @return whether the shards are MySQL or MariaDB: merges then compare strings by the database's collation keys
	 *         ({@code WEIGHT_STRING}) and follow its AVG rounding, and result streams use Connector/J's streaming fetch size
	 */
	boolean isMySqlFamily();

	/** @return whether queries return partial results when a shard is unavailable, unless a query says otherwise */
	boolean partialResultsByDefault();

	/** @return the offset plus limit beyond which a cross-shard page is logged as deep paging */
	long deepPagingWarningRows();

	/** @return the write fences, or {@code null} when virtual shards cannot move (no partition directory) */
	WriteFences writeFences();

	/** @return the query plans of the factory, shared by its sessions */
	QueryPlanCache queryPlans();
}
