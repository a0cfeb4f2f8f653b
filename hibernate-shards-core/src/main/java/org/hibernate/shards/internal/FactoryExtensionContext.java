package org.hibernate.shards.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.shards.ShardId;
import org.hibernate.shards.internal.routing.EntitySharding;
import org.hibernate.shards.internal.routing.ShardKeyHash;
import org.hibernate.shards.internal.routing.ShardRouter;
import org.hibernate.shards.internal.routing.VirtualShardMap;
import org.hibernate.shards.spi.PartitionLookup;
import org.hibernate.shards.spi.move.PlacementRefresh;

import org.hibernate.shards.spi.ShardConnection;
import org.hibernate.shards.spi.ShardingExtensionContext;

/** What extensions see of a sharded session factory while it is built: its settings, shards, placement and pools. */
final class FactoryExtensionContext implements ShardingExtensionContext {
	private final ShardRouter router;
	private final Map<String, Object> properties;
	private final Map<Class<?>, Object> extensions;
	private final List<AutoCloseable> closeOnShutdown;
	private final ShardedSessionFactoryImpl factory;

	FactoryExtensionContext(ShardedSessionFactoryImpl factory, ShardRouter router, Map<String, Object> properties,
			Map<Class<?>, Object> extensions, List<AutoCloseable> closeOnShutdown) {
		this.factory = factory;
		this.router = router;
		this.properties = properties;
		this.extensions = extensions;
		this.closeOnShutdown = closeOnShutdown;
	}

	@Override
	public Map<String, Object> getSettings() {
		return properties;
	}

	@Override
	public List<ShardId> getShardIds() {
		return router.map().physicalShards();
	}

	@Override
	public DataSource getDataSource(ShardId shard) {
		return factory.pool( shard );
	}

	@Override
	public ShardConnection getConnection(ShardId shard) {
		DataSource pool = factory.pool( shard );
		if ( pool instanceof com.zaxxer.hikari.HikariDataSource hikari ) {
			return new ShardConnection( hikari.getJdbcUrl(), hikari.getUsername(), hikari.getPassword() );
		}
		throw new IllegalStateException( shard + " has no pool of this library's own" );
	}

	@Override
	public org.hibernate.shards.spi.move.VirtualShardRows getVirtualShardRows() {
		return factory.virtualShardRows();
	}

	@Override
	public double getCapacityMb(ShardId shard) {
		return factory.capacityMb( shard );
	}

	@Override
	public int getVirtualShardCount() {
		return router.map().virtualShardCount();
	}

	@Override
	public List<ShardId> getVirtualShardPlacement() {
		List<ShardId> placement = new ArrayList<>();
		for ( int v = 0; v < getVirtualShardCount(); v++ ) {
			placement.add( router.physicalShardOf( v ) );
		}
		return placement;
	}

	@Override
	public void setVirtualShardPlacement(List<ShardId> physicalByVirtual) {
		synchronized ( router ) {
			router.replaceMap( VirtualShardMap.of( physicalByVirtual, router.map().physicalShards() ).withHidden( router.hidden() ) );
		}
	}

	@Override
	public void setVirtualShardPlacement(List<ShardId> physicalByVirtual, Map<ShardId, ? extends java.util.Collection<Integer>> hiddenByShard,
			Map<ShardId, ? extends java.util.Collection<String>> inFlightByShard) {
		synchronized ( router ) {
			router.replaceMap( VirtualShardMap.of( physicalByVirtual, router.map().physicalShards() )
					.withHidden( org.hibernate.shards.internal.routing.HiddenVirtualShards.of( hiddenByShard, inFlightByShard ) ) );
		}
	}

	@Override
	public void setRoutingGuard(Runnable guard) {
		factory.setRoutingGuard( guard );
	}

	@Override
	public void setPartitionLookup(PartitionLookup lookup) {
		router.setPartitionLookup( lookup );
	}

	@Override
	public List<ShardedEntity> getShardedEntities() {
		List<ShardedEntity> entities = new ArrayList<>();
		for ( EntitySharding entity : router.metamodel().all() ) {
			if ( entity.hasKey() ) {
				Class<?> keyType = entity.keyIndex() < 0 ? entity.persister().getIdentifierType().getReturnedClass()
						: entity.persister().getPropertyTypes()[entity.keyIndex()].getReturnedClass();
				entities.add( new ShardedEntity( entity.entityName(), entity.jpaEntityName(), entity.keyName(), keyType,
						entity.functionText(), entity.function(), entity.keyKind() == EntitySharding.KeyKind.ASSOCIATION, entity.shardedId() ) );
			}
		}
		return entities;
	}

	@Override
	public long countRowsOfPartition(String entityName, Object partitionValue) {
		EntitySharding entity = router.metamodel().byEntityName( entityName );
		long count = 0;
		for ( SessionFactory shardFactory : factory.getSessionFactories().values() ) {
			try ( StatelessSession session = shardFactory.openStatelessSession();
					Stream<Object> keys = session.createSelectionQuery(
							"select e." + entity.keyName() + " from " + entityName + " e", Object.class ).getResultStream() ) {
				count += keys.filter( key -> partitionValue == null
						|| key != null && ShardKeyHash.canonicalText( partitionValue )
								.equals( ShardKeyHash.canonicalText( entity.partitionOf( key ) ) ) ).count();
			}
		}
		return count;
	}

	@Override
	public void addPhysicalShard(ShardId shard, String jdbcUrl, double capacityMb, boolean createSchema) {
		factory.addShard( shard, jdbcUrl, capacityMb, createSchema );
	}

	@Override
	public void enableWriteFences(int waitSeconds, PlacementRefresh refresh) {
		factory.enableWriteFences( waitSeconds, refresh );
	}

	@Override
	public <T> void registerExtension(Class<T> type, T extension) {
		extensions.put( type, extension );
	}

	@Override
	public void closeOnShutdown(AutoCloseable resource) {
		closeOnShutdown.add( resource );
	}
}
