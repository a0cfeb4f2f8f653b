package org.hibernate.shards.spi;

/**
 * Looks partition values up in a directory instead of hashing them. Consulted on every routing decision, so an
 * implementation answers from memory, never from a database.
 */
@FunctionalInterface
public interface PartitionLookup {
	/**
	 * @param entityName the entity's Hibernate name
	 * @param partitionValue the key function's output for a shard-key value
	 * @return the virtual shard of that partition, or -1 to place the value by its hash
	 */
	int virtualShardOf(String entityName, Object partitionValue);
}
