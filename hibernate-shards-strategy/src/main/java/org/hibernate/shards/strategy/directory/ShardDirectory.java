package org.hibernate.shards.strategy.directory;

import java.util.List;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.spi.ShardedSessionFactoryImplementor;

/**
 * The partition directory: a dictionary, kept in a control database, that maps the partitions of each entity (the
 * values its key function produces) to virtual shards, and virtual shards to physical shards. Partitions can be created
 * and placed without redeploying, and every application instance sharing the control database converges on the same
 * map within {@code hibernate.shards.directory.refresh_seconds}. Routing reads an in-memory copy, never the database.
 * <pre>{@code
 * ShardDirectory directory = ShardDirectory.of(factory);
 * directory.setupTable("User", "nickname", "default", 0, "PREFIX(3)");   // values without a partition: virtual shard 0
 * directory.addPartition("User", "mar", "mar", 17);   // every nickname starting with "mar" lives on virtual shard 17
 * }</pre>
 * Every method validates before it writes: an invalid call changes nothing and throws a
 * {@link ShardDirectoryException} saying why.
 */
public interface ShardDirectory {

	/**
	 * @return the directory of a factory built with {@code hibernate.shards.directory.enabled=true}
	 * @throws ShardDirectoryException when the factory has no directory
	 */
	static ShardDirectory of(ShardedSessionFactory factory) {
		ShardDirectory directory = factory.unwrap( ShardedSessionFactoryImplementor.class ).getExtension( ShardDirectory.class );
		if ( directory == null ) {
			throw new ShardDirectoryException( "This sharded session factory has no partition directory: set "
					+ DirectorySettings.ENABLED + "=true and put hibernate-shards-strategy on the class path" );
		}
		return directory;
	}

	/**
	 * Registers an entity in the directory.
	 *
	 * @param entity the JPA entity name, e.g. {@code User}
	 * @param keyProperty its shard key attribute, as mapped
	 * @param defaultPartition the partition (by name) for values that have none, or {@code null} to hash them
	 * @param function its key function as configured ({@code @ShardKey(function)} or
	 *        {@code hibernate.shards.entity.<Entity>.function}), e.g. {@code PREFIX(3)}; {@code null} or {@code HASH()} for none
	 */
	void setupTable(String entity, String keyProperty, String defaultPartition, String function);

	/**
	 * Registers an entity and creates its default partition, placed on a virtual shard: values that have no partition
	 * of their own live there (HSCALE's {@code SETUP_TABLE('users', 'nickname', 'users_default', 1, 'PREFIX(3)')}).
	 *
	 * @param defaultPartition the default partition's name
	 * @param virtualShard where values without a partition of their own live
	 */
	void setupTable(String entity, String keyProperty, String defaultPartition, int virtualShard, String function);

	/**
	 * Places a partition on a virtual shard. Rows already stored under its value (in the default partition, or where
	 * their hash put them) go with it: a partition move, awaited (see {@link #movePartition}).
	 *
	 * @param name the partition's name, unique within the entity
	 * @param value the partition value, as the key function produces it (for {@code PREFIX(3)}: {@code "mar"})
	 */
	void addPartition(String entity, String name, String value, int virtualShard);

	/**
	 * Removes a partition: its values are placed by the default partition, or hashed, from now on. Its rows go there
	 * too: a partition move, awaited.
	 */
	void removePartition(String entity, String name);

	/**
	 * Places a partition on another virtual shard, with its rows (HSCALE's {@code MOVE_PARTITION}): the move that
	 * {@code ShardAdmin.movePartition} starts, awaited.
	 *
	 * @throws ShardDirectoryException when the entity, partition or virtual shard does not exist, the rows cannot move
	 *         (their ids carry their virtual shard), or the move stopped (it can be resumed or rolled back through
	 *         {@code ShardAdmin})
	 */
	void movePartition(String entity, String name, int virtualShard);

	/** @return the entity's partitions, by name */
	List<Partition> listPartitions(String entity);

	/** @return the entities set up in the directory ({@link #setupTable}), by JPA name, in alphabetical order */
	List<String> listTables();

	/**
	 * Places a virtual shard on a physical shard, with its rows: a move, as {@code ShardAdmin.moveVirtualShard} makes
	 * it (copy, fence, switch, purge), awaited. An empty virtual shard moves the same way, so that no write made with a
	 * stale copy of the directory lands on its old shard.
	 *
	 * @throws ShardDirectoryException when the virtual or physical shard does not exist, or the move stopped (it can be
	 *         resumed through {@code ShardAdmin})
	 */
	void assignVirtualShard(int virtualShard, ShardId physicalShard);

	/** @return the version of the directory this instance routes by; every change increments it */
	long version();

	/** Reads the directory again now, instead of waiting for the refresh interval. */
	void refresh();
}
