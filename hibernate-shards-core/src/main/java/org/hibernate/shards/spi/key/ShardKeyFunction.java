package org.hibernate.shards.spi.key;

/**
 * Groups shard-key values into partitions: values with the same partition value always live on the same virtual shard.
 * Without a partition directory, the partition value is hashed onto the virtual shards; with one, it is looked up.
 * Written as text in {@code @ShardKey(function = "PREFIX(3)")} or {@code hibernate.shards.entity.<Entity>.function}.
 * Implementations are immutable and thread-safe.
 */
@FunctionalInterface
public interface ShardKeyFunction {
	/**
	 * @param keyValue a non-null shard-key value
	 * @return its partition value: a number, string or other value with canonical bytes
	 * @throws org.hibernate.shards.ShardKeyException when the value cannot be mapped (a negative number where none is
	 *         allowed, a value of another type); nothing is written
	 */
	Object partitionOf(Object keyValue);

	/**
	 * Reads a partition value written as text (by an administrator, for a partition directory) and checks that the
	 * function can produce it: {@code MOD(3)} produces 0, 1 and 2 only.
	 *
	 * @return the partition value, equal to what {@link #partitionOf} returns for the keys of that partition
	 * @throws IllegalArgumentException saying why the text is not a partition value of this function
	 */
	default Object partitionFromText(String text) {
		return text;
	}
}
