package org.hibernate.shards.internal.session;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.hibernate.Hibernate;
import org.hibernate.proxy.HibernateProxy;
import org.hibernate.proxy.LazyInitializer;
import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardKeyException;
import org.hibernate.shards.internal.id.ShardedIdLayout;
import org.hibernate.shards.internal.routing.EntitySharding;
import org.hibernate.shards.internal.routing.ShardRouter;

/**
 * Where entity instances of one sharded session live. It asks the {@link ShardRouter} for every value-to-shard
 * decision and adds what only the session knows: which shard session manages an instance, the virtual shard
 * decided for each new entity, and the virtual shard of the top-level operation whose cascade is running.
 */
final class EntityPlacement {
	/** Parent chains longer than this are not followed: a guard against cycles of keyless entities. */
	private static final int MAX_PARENT_DEPTH = 16;
	/** Virtual shards boxed once: the identity map holds one per new entity, and {@code Integer.valueOf} caches only up to 127. */
	private static final Integer[] BOXED = new Integer[1 << ShardedIdLayout.VIRTUAL_SHARD_BITS];

	static {
		for ( int i = 0; i < BOXED.length; i++ ) {
			BOXED[i] = i;
		}
	}

	private final ShardRouter router;
	private final ShardSessions sessions;
	/**
	 * The session's identity map of new entities to the virtual shard decided for them. A persist decides once, where
	 * it starts (the sharded session, or the shard session's interceptor for a cascaded entity); Hibernate then asks
	 * for the same instance's shard when it generates the id and when it schedules the insert, and both read the
	 * decision here. Kept until the entity is removed or detached or the session cleared: for an entity without a
	 * shard key it is the only record of where it went.
	 */
	private final Map<Object, Integer> placed = new IdentityHashMap<>();
	private int operationVirtualShard = -1;

	EntityPlacement(ShardRouter router, ShardSessions sessions) {
		this.router = router;
		this.sessions = sessions;
	}

	ShardRouter router() {
		return router;
	}

	EntitySharding sharding(Object entity) {
		return router.metamodel().of( entity );
	}

	/** Runs a top-level operation whose cascaded keyless children should join the given virtual shard. */
	/** @return the virtual shard the persist under way was routed to, or -1 outside one */
	int operationVirtualShard() {
		return operationVirtualShard;
	}

	<T> T withOperationVirtualShard(int virtualShard, java.util.function.Supplier<T> operation) {
		int outer = operationVirtualShard;
		operationVirtualShard = virtualShard;
		try {
			return operation.get();
		}
		finally {
			operationVirtualShard = outer;
		}
	}

	/** @return the physical shard an instance lives on or is routed to, or {@code null} when that is unknown */
	ShardId shardOf(Object entity) {
		if ( entity instanceof HibernateProxy proxy ) {
			ShardId shard = sessions.shardOfInnerSession( proxy.getHibernateLazyInitializer().getSession() );
			if ( shard != null ) {
				return shard;
			}
		}
		ShardId managing = sessions.shardManaging( entity );
		if ( managing != null ) {
			return managing;
		}
		int virtualShard = virtualShardOf( entity );
		return virtualShard < 0 ? null : router.physicalShardOf( virtualShard );
	}

	/** @return the virtual shard an instance lives on, or -1 when that cannot be told from memory */
	int virtualShardOf(Object entity) {
		return virtualShardOf( entity, 0 );
	}

	private int virtualShardOf(Object entity, int depth) {
		if ( entity instanceof HibernateProxy proxy ) {
			LazyInitializer lazy = proxy.getHibernateLazyInitializer();
			if ( lazy.isUninitialized() ) {
				// Reading the key would load the entity; the id alone may tell.
				EntitySharding sharding = router.metamodel().byEntityName( lazy.getEntityName() );
				return sharding.shardedId() ? router.virtualShardOfShardedId( lazy.getInternalIdentifier() ) : -1;
			}
			entity = lazy.getImplementation();
		}
		EntitySharding sharding = sharding( entity );
		switch ( sharding.keyKind() ) {
			case VALUE: {
				Object value = sharding.keyValue( entity );
				return value == null ? -1 : router.virtualShardOfKeyValue( sharding, value );
			}
			case ASSOCIATION: {
				Object parent = sharding.keyValue( entity );
				return parent == null || depth >= MAX_PARENT_DEPTH ? -1 : virtualShardOf( parent, depth + 1 );
			}
			default:
				break;
		}
		if ( sharding.shardedId() ) {
			Object id = sharding.id( entity );
			if ( id != null ) {
				return router.virtualShardOfShardedId( id );
			}
		}
		Integer remembered = placed.get( entity );
		if ( remembered != null ) {
			return remembered;
		}
		if ( depth < MAX_PARENT_DEPTH ) {
			for ( int index : sharding.associationIndexes() ) {
				Object parent = sharding.propertyValue( entity, index );
				if ( parent != null ) {
					int virtualShard = virtualShardOf( parent, depth + 1 );
					if ( virtualShard >= 0 ) {
						return virtualShard;
					}
				}
			}
		}
		return -1;
	}

	/** @return the virtual shard an entity's sharded id names, or -1 when it has no sharded id (yet) */
	int virtualShardOfId(Object entity) {
		EntitySharding sharding = sharding( entity );
		Object id = sharding.shardedId() ? sharding.id( entity ) : null;
		return id == null ? -1 : router.virtualShardOfShardedId( id );
	}

	/**
	 * The virtual shard of an entity about to be persisted: the one already decided for this instance, else a new
	 * decision, recorded for the calls that follow.
	 *
	 * @throws ShardKeyException when the shard key is null
	 */
	int placeNew(Object entity) {
		entity = Hibernate.unproxy( entity );
		Integer decided = placed.get( entity );
		if ( decided != null ) {
			return decided;
		}
		int virtualShard = decideNew( entity );
		placed.put( entity, BOXED[virtualShard] );
		return virtualShard;
	}

	/**
	 * Chooses the virtual shard of a new entity: its key; else the id it already carries; else the parent it
	 * references; else the top-level operation it is cascaded from; else the selection strategy.
	 */
	private int decideNew(Object entity) {
		EntitySharding sharding = sharding( entity );
		switch ( sharding.keyKind() ) {
			case VALUE:
				return router.virtualShardOfKeyValue( sharding, sharding.keyValue( entity ) );
			case ASSOCIATION: {
				Object parent = sharding.keyValue( entity );
				if ( parent == null ) {
					throw new ShardKeyException( "The shard key " + sharding.entityName() + "." + sharding.keyName()
							+ " is null; set the association before the entity is persisted" );
				}
				int virtualShard = virtualShardOf( parent );
				return virtualShard >= 0 ? virtualShard : placeWith( parent );
			}
			default:
				break;
		}
		int virtualShard = virtualShardOf( entity );
		if ( virtualShard < 0 ) {
			virtualShard = placeNextToManagedParent( sharding, entity );
		}
		if ( virtualShard < 0 ) {
			virtualShard = operationVirtualShard >= 0 ? operationVirtualShard : router.selectVirtualShard( sharding, entity );
		}
		return virtualShard;
	}

	/** A parent with no derivable virtual shard: live on a virtual shard of its physical shard, or place it first. */
	private int placeWith(Object parent) {
		ShardId shard = shardOf( parent );
		if ( shard == null ) {
			return placeNew( parent );
		}
		return router.map().virtualShardsOf( shard ).get( 0 );
	}

	private int placeNextToManagedParent(EntitySharding sharding, Object entity) {
		for ( int index : sharding.associationIndexes() ) {
			Object parent = sharding.propertyValue( entity, index );
			ShardId shard = parent == null ? null : shardOf( parent );
			if ( shard != null ) {
				List<Integer> virtualShards = router.map().virtualShardsOf( shard );
				if ( !virtualShards.isEmpty() ) {
					return virtualShards.get( 0 );
				}
			}
		}
		return -1;
	}

	void forget(Object entity) {
		placed.remove( entity );
	}

	void clear() {
		placed.clear();
	}
}
