package org.hibernate.shards.internal.move;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;

import javax.sql.DataSource;

import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardingException;
import org.hibernate.shards.internal.routing.ShardRouter;
import org.hibernate.shards.spi.move.RowCopy;
import org.hibernate.shards.spi.move.ShardedTable;
import org.hibernate.shards.spi.move.VirtualShardRows;

/** The rows of virtual shards of one sharded session factory, for moves. */
public final class MovableRows implements VirtualShardRows {
	private final List<MoveTable> tables;
	private final List<ShardedTable> described;
	private final ShardRouter router;
	private final SessionFactoryImplementor factory;
	private final Function<ShardId, DataSource> pools;

	/** @param pools the application's pools, for the checks made before a move starts */
	public MovableRows(SessionFactoryImplementor factory, ShardRouter router, Function<ShardId, DataSource> pools) {
		this.factory = factory;
		this.router = router;
		this.pools = pools;
		this.tables = MoveTables.of( factory, router.metamodel() );
		this.described = tables.stream().map( MoveTable::table ).toList();
	}

	@Override
	public List<ShardedTable> tables() {
		return described;
	}

	List<MoveTable> moveTables() {
		return tables;
	}

	MoveTable table(ShardedTable table) {
		for ( MoveTable candidate : tables ) {
			if ( candidate.table().equals( table ) ) {
				return candidate;
			}
		}
		throw new IllegalArgumentException( "Not a table of this factory: " + table );
	}

	@Override
	public void requireMovable(ShardId shard) {
		try ( Connection connection = pools.apply( shard ).getConnection() ) {
			for ( MoveTable table : tables ) {
				if ( table.unmovable() != null && hasRows( connection, table ) ) {
					throw new ShardingException( "Virtual shards of " + shard + " cannot be moved: " + table.table().entityName()
							+ " (table " + table.name() + ") has rows there and " + table.unmovable() );
				}
			}
		}
		catch (SQLException e) {
			throw new ShardingException( "Cannot read the tables of " + shard + ": " + e.getMessage(), e );
		}
	}

	private static boolean hasRows(Connection connection, MoveTable table) throws SQLException {
		try ( PreparedStatement select = connection.prepareStatement( "select 1 from " + table.sqlName() + " limit 1" );
				ResultSet result = select.executeQuery() ) {
			return result.next();
		}
	}

	@Override
	public RowCopy open(int virtualShard, ShardId source, ShardId target, int batchSize, Function<ShardId, DataSource> connections) {
		return new VirtualShardCopy( this, virtualShard, source, target, batchSize, connections );
	}

	/** The virtual shard of a row from its shard key column's value, as routing would place an entity with that key. */
	int virtualShardOfKeyColumn(MoveTable table, Object columnValue) {
		Object value = table.keyMapping().getJdbcJavaType().wrap( columnValue, factory.getWrapperOptions() );
		Object key = table.keyMapping().convertToDomainValue( value );
		return router.virtualShardOfKeyValue( table.sharding(), key );
	}
}
