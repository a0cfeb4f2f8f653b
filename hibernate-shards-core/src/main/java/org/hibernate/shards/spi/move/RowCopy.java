package org.hibernate.shards.spi.move;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

import org.hibernate.shards.ShardId;

/**
 * The row work of moving one virtual shard (or one partition) from a source to a target physical shard. Every method may be repeated:
 * copying what is there already changes nothing, so a move that stopped half way runs again from the start of a table.
 * Writes to the target run with foreign key checks off, since parents and children of one virtual shard arrive in
 * batches; the source is only read, until {@link #delete} purges it.
 */
public interface RowCopy extends AutoCloseable {

	/** @return the tables whose rows the move may take, parents before children */
	List<ShardedTable> tables();

	/**
	 * Copies every row of the virtual shard in a table from the source to the target, in batches.
	 *
	 * @param progress told the number of rows copied so far after each batch
	 * @return the number of rows copied
	 */
	long copy(ShardedTable table, LongConsumer progress);

	/**
	 * Makes the target agree with the source for the rows with these keys (as {@link ShardedTable#keyColumns()} name
	 * them): rows of the virtual shard the source has are written to the target, those it no longer has are deleted
	 * there. Keys of rows of other virtual shards are ignored.
	 *
	 * @return the number of keys that belonged to the virtual shard
	 */
	int sync(ShardedTable table, Collection<List<Object>> keys);

	/**
	 * Deletes from the target the virtual shard's rows that the source no longer has: after a copy that was interrupted
	 * and ran again while writes went on without a binary log to follow them.
	 *
	 * @return the number of keys that were looked at
	 */
	long prune();

	/** @return each table's rows of the virtual shard on a shard, summarised, by table name */
	Map<String, TableChecksum> checksums(ShardId shard);

	/**
	 * Deletes every row of the virtual shard from a shard, children before parents, in batches: the source once the
	 * placement has switched, or the target when a move is rolled back.
	 *
	 * @return the number of rows deleted
	 */
	long delete(ShardId shard, LongConsumer progress);

	/**
	 * Hashes the virtual shard's rows in a table on a shard, by key, to compare two shards row by row: a whole table
	 * while writes go on (the keys that differ are checked again behind the fence), or only given keys.
	 *
	 * @param keys the keys to hash (as {@link ShardedTable#keyColumns()} name them), or {@code null} for every row
	 * @return a hash of each key's rows (a dependent table's key may have several), by key
	 */
	Map<Object, Long> hashesByKey(ShardedTable table, ShardId shard, Collection<List<Object>> keys);

	/** @return the virtual shard's rows per entity on a shard, by entity name (dependent tables not counted) */
	Map<String, Long> countByEntity(ShardId shard);

	@Override
	void close();
}
