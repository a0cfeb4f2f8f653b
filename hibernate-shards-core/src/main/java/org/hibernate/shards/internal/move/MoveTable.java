package org.hibernate.shards.internal.move;

import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.shards.internal.routing.EntitySharding;
import org.hibernate.shards.spi.move.ShardedTable;

/**
 * One table as a move sees it: how its rows are keyed, and how a row's virtual shard is told from one of its columns.
 *
 * @param table what callers see
 * @param sqlName the name as SQL writes it (quoted where the mapping quotes it)
 * @param keyColumn the primary key column of an entity table, the owner's foreign key of a dependent one (SQL form)
 * @param rule how a row's virtual shard is told
 * @param memberColumn the column the rule reads (SQL form)
 * @param parent the table whose rows decide: the associated entity's table for {@link Rule#PARENT}, the owner's for
 *        {@link Rule#OWNER}
 * @param sharding the entity's routing, for {@link Rule#KEY_VALUE}
 * @param keyMapping the shard key's JDBC mapping, to turn a column value into the key value routing hashes
 * @param unmovable why rows of this table cannot be moved, or {@code null}
 * @param valueColumn the column of a shard key value (SQL form), also when a sharded id decides; {@code null} when none
 */
record MoveTable(ShardedTable table, String sqlName, String keyColumn, Rule rule, String memberColumn, MoveTable parent,
		EntitySharding sharding, JdbcMapping keyMapping, String unmovable, String valueColumn) {

	/** How a row's virtual shard is told. */
	enum Rule {
		/** The primary key is a sharded id, which carries the virtual shard. */
		SHARDED_ID,
		/** A shard key column, hashed or placed by the directory. */
		KEY_VALUE,
		/** A shard key association: the row lives with the associated row. */
		PARENT,
		/** A dependent table: the row lives with its owner. */
		OWNER,
		/** Nothing in the row tells. */
		UNKNOWN
	}

	String name() {
		return table.name();
	}

	/**
	 * @return this entity table seen by its shard key's value: a table whose sharded ids decide its rows' virtual shard,
	 *         for a partition's move, which may take none of its rows (their ids carry their virtual shard)
	 */
	MoveTable byKeyValue() {
		return new MoveTable( table, sqlName, keyColumn, Rule.KEY_VALUE, valueColumn, null, sharding, keyMapping,
				"its ids carry their virtual shard (@ShardedId), so its rows cannot change virtual shard", valueColumn );
	}

	/** @return whether membership needs the set of the parent's member keys, not just the column's value */
	boolean followsSet() {
		return ( rule == Rule.PARENT || rule == Rule.OWNER ) && parent.rule() != Rule.SHARDED_ID;
	}

	/** @return whether the table's own member keys must be remembered, for the tables that follow it */
	boolean keepsSet() {
		return !table.dependent() && rule != Rule.SHARDED_ID;
	}
}
