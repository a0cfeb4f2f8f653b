package org.hibernate.shards.spi.move;

import java.util.List;

/**
 * A table that holds rows of virtual shards: an entity's table, or one that depends on an entity's rows (a collection
 * table, a joined subclass or secondary table), whose rows belong where their owner belongs.
 *
 * @param name the table's name as the database knows it (without quotes)
 * @param entityName the entity whose rows it holds, or which owns them
 * @param keyColumns the columns whose values identify the rows a change touched: the primary key for an entity
 *        table, the owner's foreign key for a dependent table (without quotes)
 * @param dependent whether rows belong to an owner row of another table
 */
public record ShardedTable(String name, String entityName, List<String> keyColumns, boolean dependent) {
}
