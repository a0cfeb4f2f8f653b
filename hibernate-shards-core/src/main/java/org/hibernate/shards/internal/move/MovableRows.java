package org.hibernate.shards.internal.move;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
	private final MoveSql sql;
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
		this.sql = MoveSql.of( factory.getJdbcServices().getDialect() );
		this.described = tables.stream().map( MoveTable::table ).toList();
	}

	@Override
	public List<ShardedTable> tables() {
		return described;
	}

	List<MoveTable> moveTables() {
		return tables;
	}

	MoveSql sql() {
		return sql;
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
	public Map<String, Map<Integer, Long>> rowsByVirtualShard(ShardId shard) {
		Map<String, Map<Integer, Long>> counts = new LinkedHashMap<>();
		// The virtual shard of each key of a table whose rows others follow (a parent without a sharded id).
		Map<MoveTable, Map<Object, Integer>> placed = new HashMap<>();
		try ( Connection connection = pools.apply( shard ).getConnection() ) {
			for ( MoveTable table : tables ) {
				Map<Integer, Long> byVirtualShard = new TreeMap<>();
				MoveTable decider = table.rule() == MoveTable.Rule.PARENT || table.rule() == MoveTable.Rule.OWNER ? table.parent() : table;
				if ( decider.rule() == MoveTable.Rule.SHARDED_ID ) {
					String column = decider == table ? table.keyColumn() : table.memberColumn();
					try ( PreparedStatement select = connection.prepareStatement( "select " + sql.virtualShardOf( column ) + ", count(*) from "
							+ table.sqlName() + " group by " + sql.virtualShardOf( column ) ); ResultSet result = select.executeQuery() ) {
						while ( result.next() ) {
							byVirtualShard.put( result.getInt( 1 ), result.getLong( 2 ) );
						}
					}
				}
				else if ( decider.rule() != MoveTable.Rule.UNKNOWN ) {
					Map<Object, Integer> keys = table.keepsSet() ? placed.computeIfAbsent( table, t -> new HashMap<>() ) : null;
					Map<Object, Integer> parents = decider == table ? null : placed.getOrDefault( decider, Map.of() );
					try ( PreparedStatement select = sql.streaming( connection, "select " + table.keyColumn() + ", " + table.memberColumn()
							+ " from " + table.sqlName() ); ResultSet result = select.executeQuery() ) {
						while ( result.next() ) {
							Object member = result.getObject( 2 );
							Integer virtualShard = member == null ? null : parents == null ? (Integer) virtualShardOfKeyColumn( table, member )
									: parents.get( ScopedRowCopy.normalize( member ) );
							if ( virtualShard != null ) {
								byVirtualShard.merge( virtualShard, 1L, Long::sum );
								if ( keys != null ) {
									keys.put( ScopedRowCopy.normalize( result.getObject( 1 ) ), virtualShard );
								}
							}
						}
					}
				}
				counts.put( table.name(), byVirtualShard );
			}
			return counts;
		}
		catch (SQLException e) {
			throw new ShardingException( "Cannot count the rows of " + shard + " by virtual shard: " + e.getMessage(), e );
		}
	}

	@Override
	public RowCopy open(int virtualShard, ShardId source, ShardId target, int batchSize, Function<ShardId, DataSource> connections) {
		return new ScopedRowCopy( this, MoveScope.virtualShard( this, virtualShard ), source, target, batchSize, connections );
	}

	@Override
	public RowCopy openPartition(String entityName, String partitionValue, ShardId source, ShardId target, int batchSize,
			Function<ShardId, DataSource> connections) {
		MoveTable root = tables.stream().filter( table -> !table.table().dependent() && table.table().entityName().equals( entityName ) )
				.findFirst().orElseThrow( () -> new ShardingException( "No table holds rows of " + entityName + " by itself (is it a subclass? "
						+ "partitions belong to the root entity)" ) );
		if ( root.rule() == MoveTable.Rule.SHARDED_ID && root.valueColumn() != null ) {
			// Its rows cannot change virtual shard: the move takes none, and stops if the partition has any.
			root = root.byKeyValue();
		}
		else if ( root.rule() != MoveTable.Rule.KEY_VALUE ) {
			throw new ShardingException( "A partition of " + entityName + " cannot move: its rows' virtual shard is not told by its shard "
					+ "key's value" );
		}
		MoveScope scope = MoveScope.partition( this, root, partitionValue );
		for ( MoveTable table : tables ) {
			if ( scope.covers( table ) && table.unmovable() != null && !table.table().equals( root.table() ) ) {
				throw new ShardingException( "A partition of " + entityName + " cannot move: " + table.table().entityName() + " (table "
						+ table.name() + ") lives with it and " + table.unmovable() );
			}
		}
		return new ScopedRowCopy( this, scope, source, target, batchSize, connections );
	}

	/** The partition of a row from its shard key column's value, canonical as the directory stores partition values. */
	String partitionOfKeyColumn(MoveTable table, Object columnValue) {
		Object value = table.keyMapping().getJdbcJavaType().wrap( columnValue, factory.getWrapperOptions() );
		Object key = table.keyMapping().convertToDomainValue( value );
		Object partition = key == null ? null : table.sharding().partitionOf( key );
		return partition == null ? null : org.hibernate.shards.internal.routing.ShardKeyHash.canonicalText( partition );
	}

	/** The virtual shard of a row from its shard key column's value, as routing would place an entity with that key. */
	int virtualShardOfKeyColumn(MoveTable table, Object columnValue) {
		Object value = table.keyMapping().getJdbcJavaType().wrap( columnValue, factory.getWrapperOptions() );
		Object key = table.keyMapping().convertToDomainValue( value );
		return router.virtualShardOfKeyValue( table.sharding(), key );
	}
}
