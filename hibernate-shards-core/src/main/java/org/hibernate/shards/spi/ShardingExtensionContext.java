package org.hibernate.shards.spi;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.hibernate.shards.ShardId;

/** What an extension may see and change of the sharded session factory being built. */
public interface ShardingExtensionContext {

	/** @return every configuration value */
	Map<String, Object> getSettings();

	/** @return the physical shards */
	List<ShardId> getShardIds();

	/** @return the connection pool of a physical shard */
	DataSource getDataSource(ShardId shard);

	/** @return how a physical shard is reached: its URL and credentials, as this instance configures them */
	ShardConnection getConnection(ShardId shard);

	/**
	 * Opens a physical shard that the configuration does not list, while the application runs, numbered next after the
	 * open ones; opening one that is open already does nothing. Its credentials and other settings come from this
	 * instance's configuration (the shared ones, and {@code hibernate.shards.<n>.*} for its number if given).
	 *
	 * @param createSchema whether to create the mapped tables on it (once, by the administrator who adds it)
	 */
	void addPhysicalShard(ShardId shard, String jdbcUrl, double capacityMb, boolean createSchema);

	/** @return which rows belong to which virtual shard, and how a move copies them */
	org.hibernate.shards.spi.move.VirtualShardRows getVirtualShardRows();

	/** @return the most data and index, in MB, a physical shard should hold ({@code hibernate.shards.<n>.capacity_mb}), or 0 for no limit */
	double getCapacityMb(ShardId shard);

	int getVirtualShardCount();

	/** @return the physical shard of each virtual shard, indexed by virtual shard */
	List<ShardId> getVirtualShardPlacement();

	/** Places virtual shards anew (same count); sessions route by the new placement from their next operation. */
	void setVirtualShardPlacement(List<ShardId> physicalByVirtual);

	/**
	 * Runs a check each time a session is opened, before it routes anything: the partition directory's lease, which
	 * refuses to route by a placement that may have been changed and purged without this instance knowing. It must be
	 * cheap when all is well (one clock read).
	 *
	 * @param guard throws when sessions must not be opened now
	 */
	void setRoutingGuard(Runnable guard);

	/**
	 * Places virtual shards anew and replaces what is hidden, in one step: a query reads both at once, so it never routes
	 * by the new placement while hiding by the old copies, or the other way round.
	 *
	 * @param hiddenByShard per physical shard, the virtual shards whose rows there are a move's copies or leftovers
	 * @param inFlightByShard per physical shard, the entities (Hibernate names) some of whose rows there are a partition
	 *        move's copies or leftovers
	 */
	void setVirtualShardPlacement(List<ShardId> physicalByVirtual, Map<ShardId, ? extends java.util.Collection<Integer>> hiddenByShard,
			Map<ShardId, ? extends java.util.Collection<String>> inFlightByShard);

	/** Routes partition values through a directory from now on. */
	void setPartitionLookup(PartitionLookup lookup);

	/** @return the sharded entities: entity name, shard key attribute, JPA entity name and key function text */
	List<ShardedEntity> getShardedEntities();

	/**
	 * Counts the stored rows of an entity whose shard key falls in a partition, by reading every key on every shard and
	 * applying the key function. An administrative check, proportional to the entity's size.
	 *
	 * @param partitionValue the partition value, or {@code null} to count every row of the entity
	 */
	long countRowsOfPartition(String entityName, Object partitionValue);

	/**
	 * Turns write fences on, so that virtual shards can move while applications write: creates the fence table on every
	 * shard (see {@link org.hibernate.shards.spi.move.FenceTable}) and makes every write transaction pass the fence of
	 * each virtual shard it writes to.
	 *
	 * @param waitSeconds how long a write waits for a mover that holds a fence before it fails
	 * @param refresh called when a write met a fence that says its virtual shard has left
	 */
	void enableWriteFences(int waitSeconds, org.hibernate.shards.spi.move.PlacementRefresh refresh);

	/** Makes an object reachable through {@link ShardedSessionFactoryImplementor#getExtension(Class)}. */
	<T> void registerExtension(Class<T> type, T extension);

	/** Closes a resource when the factory closes, before the pools close. */
	void closeOnShutdown(AutoCloseable resource);

	/**
	 * One entity with a shard key.
	 *
	 * @param entityName Hibernate's entity name (the class name)
	 * @param jpaEntityName the JPA entity name ({@code @Entity(name)}, or the simple class name)
	 * @param keyAttribute the shard key attribute
	 * @param keyType the shard key's Java type (for an association key, the associated entity's class)
	 * @param function the key function's text, or {@code null} for the default hash
	 * @param keyFunction the key function, or {@code null} for the default hash
	 * @param associationKey whether the key is an association (the entity lives with the associated one)
	 * @param shardedId whether its ids are {@link org.hibernate.shards.annotations.ShardedId}s, which carry their virtual shard
	 */
	record ShardedEntity(String entityName, String jpaEntityName, String keyAttribute, Class<?> keyType, String function,
			org.hibernate.shards.spi.key.ShardKeyFunction keyFunction, boolean associationKey, boolean shardedId) {
	}
}
