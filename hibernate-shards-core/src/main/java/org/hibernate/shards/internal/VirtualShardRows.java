package org.hibernate.shards.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.hibernate.persister.entity.AbstractEntityPersister;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.shards.ShardingException;
import org.hibernate.shards.internal.id.ShardedIdLayout;
import org.hibernate.shards.internal.routing.EntitySharding;
import org.hibernate.shards.internal.routing.ShardRouter;

/**
 * Counts the rows of one virtual shard on its physical shard. Rows with a sharded id are counted exactly, since the id
 * carries the virtual shard; any row of an entity without one makes the answer unknown.
 */
final class VirtualShardRows {
	private VirtualShardRows() {
	}

	static long count(ShardRouter router, DataSource shard, int virtualShard) {
		long rows = 0;
		try ( Connection connection = shard.getConnection() ) {
			for ( EntitySharding entity : router.metamodel().all() ) {
				EntityPersister persister = entity.persister();
				if ( !persister.getRootEntityName().equals( persister.getEntityName() )
						|| !( persister instanceof AbstractEntityPersister table ) ) {
					continue; // subclasses share their root's table (or are counted through it)
				}
				String sql = entity.shardedId()
						? "select count(*) from " + table.getTableName() + " where mod(" + table.getIdentifierColumnNames()[0] + ", "
								+ ( 1 << ShardedIdLayout.VIRTUAL_SHARD_BITS ) + ") = " + virtualShard
						: "select count(*) from " + table.getTableName();
				try ( PreparedStatement statement = connection.prepareStatement( sql ); ResultSet result = statement.executeQuery() ) {
					result.next();
					long count = result.getLong( 1 );
					if ( !entity.shardedId() && count > 0 ) {
						return -1;
					}
					rows += count;
				}
			}
			return rows;
		}
		catch (SQLException e) {
			throw new ShardingException( "Cannot count the rows of virtual shard " + virtualShard + ": " + e.getMessage(), e );
		}
	}
}
