package org.hibernate.shards.spi.move;

import java.util.List;
import java.util.function.Function;

import javax.sql.DataSource;

import org.hibernate.shards.ShardId;

/**
 * Which rows belong to a virtual shard, and how to copy, compare and remove them with plain SQL: what a mover needs
 * from the mappings. A row's virtual shard is told by the row alone: a {@link org.hibernate.shards.annotations.ShardedId}
 * carries it, a shard key value hashes (or is placed by the directory) to it, a shard key association follows the
 * associated row, and a dependent table's row follows its owner.
 */
public interface VirtualShardRows {

	/** @return every table that holds rows of virtual shards, parents before children */
	List<ShardedTable> tables();

	/**
	 * Checks that the rows of a virtual shard on a physical shard can be told apart from the others'.
	 *
	 * @throws org.hibernate.shards.ShardingException naming the entity and what to change, when a table has rows whose
	 *         virtual shard cannot be told (an entity with neither a {@code @ShardedId} nor a {@code @ShardKey}) or a
	 *         mapping a move cannot copy (a composite primary key)
	 */
	void requireMovable(ShardId shard);

	/**
	 * Counts a physical shard's rows by virtual shard, in one pass over each table: what a rebalance weighs.
	 *
	 * @return by table name, the rows of each virtual shard that has some
	 */
	java.util.Map<String, java.util.Map<Integer, Long>> rowsByVirtualShard(ShardId shard);

	/**
	 * Starts the row work of one move.
	 *
	 * @param batchSize rows per statement
	 * @param connections where the row work takes its connections to each physical shard: not the application's pool,
	 *        whose connections may all be held by writers waiting at the fence the mover holds
	 */
	RowCopy open(int virtualShard, ShardId source, ShardId target, int batchSize, Function<ShardId, DataSource> connections);

	/**
	 * Starts the row work of one partition's move: the rows of an entity whose key function gives the partition value,
	 * and the rows that live with them (shard key associations to it, collection and joined tables).
	 *
	 * @param entityName the entity's Hibernate name
	 * @param partitionValue the partition value, canonical as the directory stores it
	 * @throws org.hibernate.shards.ShardingException when the entity's rows are not placed by their key's value (a
	 *         {@code @ShardedId} carries their virtual shard) or a table living with it cannot be moved
	 */
	RowCopy openPartition(String entityName, String partitionValue, ShardId source, ShardId target, int batchSize,
			Function<ShardId, DataSource> connections);
}
