package org.hibernate.shards.internal.query;

import java.util.List;
import java.util.function.Function;

import org.hibernate.Session;
import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardedSession;
import org.hibernate.query.sqm.tree.SqmStatement;
import org.hibernate.query.sqm.tree.select.SqmSelectStatement;
import org.hibernate.shards.internal.query.plan.MutationPlan;
import org.hibernate.shards.internal.query.plan.SelectPlan;
import org.hibernate.shards.internal.query.plan.ShardValues;
import org.hibernate.shards.spi.strategy.access.ShardAccessStrategy;

/** What a sharded query needs from the session that created it. */
public interface QueryContext {

	ShardedSession session();

	/** A session of shard 0 used only to parse and validate queries and hold their bindings; it never executes them. */
	Session planningSession();

	/** Runs work on a shard's session, translating failures to reach the shard. */
	<T> T onShard(ShardId shard, Function<Session, T> work);

	/** Cancels the statement running on a shard's session, from another thread; best effort. */
	void cancel(ShardId shard);

	/** Like {@link #onShard}, for a statement that writes: it first passes the write fences of the shard's virtual shards. */
	<T> T onShardForWrite(ShardId shard, Function<Session, T> work);

	/** Called as a query starts executing: reads the placement once, for routing it and for what its shards hide. */
	void pinPlacement();

	/**
	 * Called once the targets are known: reads once what each shard hides while virtual shards move, for every shard
	 * the query asks; and refuses a query over several shards that reads an entity whose rows on some of them are a
	 * moving virtual shard's copies and cannot be told apart from the live rows in SQL (see {@code HiddenCopies}).
	 *
	 * @throws org.hibernate.shards.ShardedQueryException naming the entity and what to do
	 */
	void requireLiveRowsOnly(org.hibernate.query.sqm.tree.SqmStatement<?> statement, List<ShardId> targets);

	/** @return the physical shards that hold data, in shard order */
	List<ShardId> activeShards();

	ShardAccessStrategy access();

	/**
	 * The plan of a selection, shared by executions and sessions: the factory's cached plan for an HQL text and result
	 * type, planned anew for a criteria query.
	 *
	 * @param queryText the HQL text, or {@code null}
	 * @param resultType the type the query was created with, or {@code null}
	 */
	SelectPlan selectPlan(SqmSelectStatement<?> statement, String queryText, Class<?> resultType);

	/**
	 * The plan of an update or delete, cached like {@link #selectPlan}.
	 *
	 * @throws org.hibernate.shards.ShardKeyException for an update of the shard key
	 */
	MutationPlan mutationPlan(SqmStatement<?> statement, String queryText);

	/** @return the decisions that map the values bound to a query to shards, for its routing */
	ShardValues shardValues();

	/** @return offset + limit above which a query's deep paging is worth a warning */
	long deepPagingWarningThreshold();

	/**
	 * Opens a shard query's result stream so that the driver streams rows rather than reading them all first.
	 *
	 * @param values whether the rows hold plain values only, no entity
	 */
	<X> java.util.stream.Stream<X> openStream(Session session, org.hibernate.query.Query<X> query, boolean values);

	/** @return whether queries return partial results unless told otherwise ({@code hibernate.shards.query.partial_results}) */
	boolean partialResultsByDefault();

	/** @return where routing decisions and merges are counted */
	org.hibernate.shards.internal.metrics.ShardMetrics metrics();

	/** Called when a write fails, so the transaction cannot commit half of it. */
	void markRollbackOnly();
}
