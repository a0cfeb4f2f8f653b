package org.hibernate.shards.internal.routing;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardKeyException;
import org.hibernate.shards.ShardingConfigurationException;
import org.hibernate.shards.ShardingException;
import org.hibernate.shards.internal.id.ShardedIdLayout;
import org.hibernate.shards.spi.strategy.ShardStrategy;
import org.hibernate.shards.spi.strategy.ShardStrategyContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns values into shards: a shard-key value into a virtual shard, a sharded id into its
 * virtual shard, a virtual shard into its physical shard, and an id of any other kind into the shards that may
 * hold it. Shared by all sessions of a factory; it holds no per-session state and does no I/O.
 */
public final class ShardRouter {
	private static final Logger LOG = LoggerFactory.getLogger( ShardRouter.class );

	private volatile ShardingMetamodel metamodel;
	private final ShardStrategy strategy;
	private volatile VirtualShardMap map;
	private volatile org.hibernate.shards.spi.PartitionLookup lookup;

	/**
	 * @param strategies builds the strategies from a context that always answers with this router's current map
	 */
	public ShardRouter(VirtualShardMap map, Map<String, Object> settings, Function<ShardStrategyContext, ShardStrategy> strategies) {
		this.map = map;
		this.strategy = strategies.apply( new LiveContext( settings ) );
		if ( strategy == null ) {
			throw new ShardingConfigurationException( "The shard strategy factory returned no strategies" );
		}
	}

	/** What strategies see: always the router's current map. */
	private final class LiveContext implements ShardStrategyContext {
		private final Map<String, Object> settings;

		LiveContext(Map<String, Object> settings) {
			this.settings = settings;
		}

		@Override
		public List<ShardId> getShardIds() {
			return map.physicalShards();
		}

		@Override
		public List<ShardId> getActiveShardIds() {
			return map.activeShards();
		}

		@Override
		public int getVirtualShardCount() {
			return map.virtualShardCount();
		}

		@Override
		public ShardId getShardIdForVirtualShard(int virtualShard) {
			return map.physicalShardOf( virtualShard );
		}

		@Override
		public List<Integer> getVirtualShardsOf(ShardId shard) {
			return map.virtualShardsOf( shard );
		}

		@Override
		public Map<String, Object> getSettings() {
			return settings;
		}
	}

	public ShardingMetamodel metamodel() {
		return metamodel;
	}

	/** Gives the router the entities' sharding, once the shards' mappings are built. */
	public void attach(ShardingMetamodel metamodel) {
		this.metamodel = metamodel;
	}

	public ShardStrategy strategy() {
		return strategy;
	}

	public VirtualShardMap map() {
		return map;
	}

	/** Routes partition values through a directory from now on; {@code null} to hash them all. */
	public void setPartitionLookup(org.hibernate.shards.spi.PartitionLookup lookup) {
		this.lookup = lookup;
	}

	/** @return the virtual shards whose rows each physical shard keeps out of sight while they move */
	public HiddenVirtualShards hidden() {
		return map.hidden();
	}

	/** Replaces the placement of virtual shards; sessions route by the new map from their next operation. */
	public synchronized void replaceMap(VirtualShardMap newMap) {
		if ( newMap.virtualShardCount() != map.virtualShardCount() ) {
			throw new IllegalArgumentException( "The number of virtual shards cannot change" );
		}
		this.map = newMap;
	}

	public ShardId physicalShardOf(int virtualShard) {
		return map.physicalShardOf( virtualShard );
	}

	/**
	 * A key value's virtual shard: the key function groups it into a partition, which the directory places (when there
	 * is one and it knows the partition) or the hash places.
	 *
	 * @param value a non-association shard-key value
	 * @throws ShardKeyException when the value is null or the key function cannot map it
	 */
	public int virtualShardOfKeyValue(EntitySharding entity, Object value) {
		if ( value == null ) {
			throw new ShardKeyException( "The shard key " + entity.entityName() + "." + entity.keyName()
					+ " is null; set it before the entity is persisted" );
		}
		Object partition = entity.partitionOf( value );
		if ( partition == null ) {
			throw new ShardKeyException( "The key function of " + entity.entityName() + "." + entity.keyName()
					+ " maps '" + value + "' to no partition" );
		}
		org.hibernate.shards.spi.PartitionLookup directory = lookup;
		int virtualShard = directory == null ? -1 : directory.virtualShardOf( entity.entityName(), partition );
		if ( virtualShard < 0 ) {
			virtualShard = ShardKeyHash.virtualShard( partition, map.virtualShardCount() );
		}
		if ( LOG.isDebugEnabled() ) {
			LOG.debug( "{}.{}={} -> virtual shard {} -> {}", entity.entityName(), entity.keyName(), value, virtualShard,
					physicalShardOf( virtualShard ) );
		}
		return virtualShard;
	}

	/** @return the virtual shard a sharded id names, or -1 when no virtual shard of this factory has it */
	public int virtualShardOfShardedId(Object id) {
		if ( !( id instanceof Long value ) || value <= 0 ) {
			return -1;
		}
		int virtualShard = ShardedIdLayout.virtualShardOf( value );
		return virtualShard < map.virtualShardCount() ? virtualShard : -1;
	}

	/**
	 * @return the shards that may hold the entity with this id, in the order to look: one shard for a sharded id
	 *         or an id that is the shard key, the resolution strategy's answer otherwise, empty when none can
	 */
	public List<ShardId> shardsForId(EntitySharding entity, Object id) {
		if ( entity.shardedId() ) {
			int virtualShard = virtualShardOfShardedId( id );
			List<ShardId> shards = virtualShard < 0 ? List.of() : List.of( physicalShardOf( virtualShard ) );
			if ( LOG.isDebugEnabled() ) {
				LOG.debug( "{}#{}: sharded id -> virtual shard {} -> {}", entity.entityName(), id, virtualShard, shards );
			}
			return shards;
		}
		if ( entity.keyKind() == EntitySharding.KeyKind.VALUE && entity.keyIndex() < 0 ) {
			return List.of( physicalShardOf( virtualShardOfKeyValue( entity, id ) ) );
		}
		List<ShardId> shards = strategy.resolution().selectShardIdsForId( entity.entityName(), id );
		LOG.debug( "{}#{}: resolution strategy -> {}", entity.entityName(), id, shards );
		return shards;
	}

	/** @return the virtual shard the selection strategy chooses for a new top-level entity */
	public int selectVirtualShard(EntitySharding entity, Object instance) {
		int virtualShard = strategy.selection().selectVirtualShardForNewObject( instance );
		if ( virtualShard < 0 || virtualShard >= map.virtualShardCount() ) {
			throw new ShardingException( strategy.selection().getClass().getName() + " chose virtual shard " + virtualShard
					+ " for a new " + entity.entityName() + ", but virtual shards are numbered 0 to " + ( map.virtualShardCount() - 1 ) );
		}
		if ( LOG.isDebugEnabled() ) {
			LOG.debug( "new {}: selection strategy -> virtual shard {} -> {}", entity.entityName(), virtualShard, physicalShardOf( virtualShard ) );
		}
		return virtualShard;
	}
}
