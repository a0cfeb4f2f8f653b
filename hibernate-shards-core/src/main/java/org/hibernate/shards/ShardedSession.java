package org.hibernate.shards;

import java.util.List;
import java.util.Map;

import org.hibernate.Session;
import org.hibernate.query.NativeQuery;

/**
 * A Hibernate {@link Session} whose entities live on several physical shards. Entity operations are routed
 * to one shard; a method that cannot be honoured across shards throws {@link UnsupportedOperationException}
 * naming what to use instead (native SQL without a shard, {@link ShardedQueryException}). Not thread-safe, like any
 * session.
 */
public interface ShardedSession extends Session {

	/**
	 * @param entity a managed, detached or new entity
	 * @return the physical shard the entity lives on (or is routed to), or {@code null} when that cannot be told
	 *         without asking the databases (a detached entity with neither a shard key nor a sharded id)
	 */
	ShardId getShardIdForObject(Object entity);

	/**
	 * @param entity a managed, detached or new entity
	 * @return the virtual shard the entity lives on, or -1 when that cannot be told
	 */
	int getVirtualShardIdForObject(Object entity);

	/**
	 * Native SQL on one physical shard: the query of that shard's own session, with all of {@link NativeQuery}, run in
	 * this session's transaction like any other work on that shard. A failure names the shard. While virtual shards can
	 * move (the partition directory is on), {@code executeUpdate} first passes the write fences of every virtual shard the
	 * shard holds, in the transaction, and fails with {@link VirtualShardMovingException} if one is moving; and SQL on a
	 * shard that holds a moving virtual shard's copies or leftovers is refused until the move is done. The SQL is the
	 * application's: it is not checked to touch only rows that belong on that shard.
	 * <pre>{@code
	 * session.createNativeQuery(ShardId.of(2), "update customer set name = upper(name) where email like :p")
	 *        .setParameter("p", "a%")
	 *        .executeUpdate();
	 * }</pre>
	 *
	 * @throws IllegalArgumentException for a shard the factory does not have
	 */
	NativeQuery<?> createNativeQuery(ShardId shard, String sql);

	/** As {@link #createNativeQuery(ShardId, String)}, with a result type: an entity, a scalar type, {@code Object[]}. */
	<R> NativeQuery<R> createNativeQuery(ShardId shard, String sql, Class<R> resultType);

	/** As {@link #createNativeQuery(ShardId, String, Class)}, for a named native query ({@code @NamedNativeQuery}). */
	<R> NativeQuery<R> createNamedNativeQuery(ShardId shard, String name, Class<R> resultType);

	/**
	 * A native read on every physical shard that holds data, through the access strategy: each shard runs the SQL with the
	 * named parameters, and the rows are concatenated in shard order (no merge: an {@code order by}, a {@code limit} or an
	 * aggregate applies per shard). Only reads are run: a statement that is not a SELECT, WITH, VALUES, TABLE, SHOW,
	 * DESCRIBE or EXPLAIN, or that names INSERT, UPDATE, DELETE, CALL, INTO and the like, is refused with
	 * {@link ShardedQueryException} before any shard is asked; run writes with {@link #createNativeQuery(ShardId, String)}
	 * on each shard. Refused too while a virtual shard is moving, whose copies native SQL would read twice.
	 * <pre>{@code
	 * List<Long> counts = session.nativeQueryOnEveryShard("select count(*) from customer where name like :p", Long.class,
	 *         Map.of("p", "A%"));   // one count per shard
	 * }</pre>
	 */
	<R> List<R> nativeQueryOnEveryShard(String sql, Class<R> resultType, Map<String, ?> parameters);
}
