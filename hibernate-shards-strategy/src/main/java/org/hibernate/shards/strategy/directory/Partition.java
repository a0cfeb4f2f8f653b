package org.hibernate.shards.strategy.directory;

/**
 * A partition of an entity in the directory.
 *
 * @param entity the JPA entity name
 * @param name the partition's name
 * @param value the partition value, as the key function produces it
 * @param virtualShard where its rows live
 */
public record Partition(String entity, String name, String value, int virtualShard) {
}
