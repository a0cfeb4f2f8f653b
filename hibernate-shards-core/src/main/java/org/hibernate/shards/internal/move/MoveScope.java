package org.hibernate.shards.internal.move;

import org.hibernate.shards.internal.id.ShardedIdLayout;

/** Which rows one move takes: a whole virtual shard's, or one partition's of an entity and of what lives with it. */
interface MoveScope {

	/** @return whether rows of the table can belong to the move (a partition's move leaves other entities alone) */
	boolean covers(MoveTable table);

	/** @return the table as the move reads it (a partition's move reads a table with sharded ids by its key's value) */
	default MoveTable view(MoveTable table) {
		return table;
	}

	/** @return whether a row whose sharded id (or whose parent's) is {@code id} belongs to the move */
	boolean carries(Object id);

	/** @return whether a row whose shard key column holds {@code value} belongs to the move */
	boolean keyMember(MoveTable table, Object value);

	/** @return a condition on a sharded id column that keeps a page of keys to the move's rows, or {@code null} */
	String shardedIdFilter(MoveSql sql, String column);

	/** @return what moves, for messages: "virtual shard 5", "partition 'mar' of User" */
	String describe();

	static MoveScope virtualShard(MovableRows rows, int virtualShard) {
		long mask = ( 1L << ShardedIdLayout.VIRTUAL_SHARD_BITS ) - 1;
		return new MoveScope() {
			@Override
			public boolean covers(MoveTable table) {
				return true;
			}

			@Override
			public boolean carries(Object id) {
				return id instanceof Number number && ( number.longValue() & mask ) == virtualShard;
			}

			@Override
			public boolean keyMember(MoveTable table, Object value) {
				return rows.virtualShardOfKeyColumn( table, value ) == virtualShard;
			}

			@Override
			public String shardedIdFilter(MoveSql sql, String column) {
				return sql.virtualShardOf( column ) + " = " + virtualShard;
			}

			@Override
			public String describe() {
				return "virtual shard " + virtualShard;
			}
		};
	}

	/**
	 * @param root the partitioned entity's table; the tables that follow it (shard key associations, collection and
	 *        joined tables) are covered too
	 * @param partitionValue the partition value, canonical as the directory stores it
	 */
	static MoveScope partition(MovableRows rows, MoveTable root, String partitionValue) {
		return new MoveScope() {
			@Override
			public boolean covers(MoveTable table) {
				MoveTable decider = table;
				for ( int depth = 0; decider != null && depth < 32; depth++ ) {
					if ( decider.table().equals( root.table() ) ) {
						return true;
					}
					decider = decider.rule() == MoveTable.Rule.PARENT || decider.rule() == MoveTable.Rule.OWNER ? decider.parent() : null;
				}
				return false;
			}

			@Override
			public MoveTable view(MoveTable table) {
				return table.table().equals( root.table() ) ? root : table;
			}

			@Override
			public boolean carries(Object id) {
				return false; // rows whose ids carry their virtual shard never change it
			}

			@Override
			public boolean keyMember(MoveTable table, Object value) {
				return table.table().equals( root.table() ) && partitionValue.equals( rows.partitionOfKeyColumn( table, value ) );
			}

			@Override
			public String shardedIdFilter(MoveSql sql, String column) {
				return null;
			}

			@Override
			public String describe() {
				return "partition '" + partitionValue + "' of " + root.table().entityName();
			}
		};
	}
}
