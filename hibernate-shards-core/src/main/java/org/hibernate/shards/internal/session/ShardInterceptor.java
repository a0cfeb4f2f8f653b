package org.hibernate.shards.internal.session;

import java.util.Collection;
import java.util.Map;

import org.hibernate.Hibernate;
import org.hibernate.Interceptor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.shards.CrossShardAssociationException;
import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardKeyException;
import org.hibernate.shards.internal.id.ShardedIdSequence;
import org.hibernate.shards.internal.id.ShardedIdSource;
import org.hibernate.shards.internal.routing.EntitySharding;
import org.hibernate.type.Type;

/**
 * The sharded session's eyes inside one shard session. Hibernate calls it as entities are persisted and
 * flushed, before their SQL is executed, so it can refuse what would write wrong data: a null or changed
 * shard key, an entity persisted on the wrong shard, a reference to an entity on another shard. It also lets
 * the {@link org.hibernate.shards.internal.id.ShardedIdGenerator} learn an entity's virtual shard.
 */
public final class ShardInterceptor implements Interceptor, ShardedIdSource {
	private final ShardId shard;
	private final EntityPlacement placement;
	private final ShardedIdSequence idSequence;
	private final boolean checkAssociations;
	private final WriteFences fences;
	/** The virtual shards whose fence this shard session's current transaction has passed: it holds their shared locks. */
	private final java.util.BitSet fenced = new java.util.BitSet();
	/** Every routing decision this shard session's writes rest on was made after this {@link System#nanoTime()}. */
	private final long openedAt = System.nanoTime();
	/** The placement this shard session opened with: references that part under a newer one may only have been moved apart. */
	private final org.hibernate.shards.internal.routing.VirtualShardMap openedWith;

	ShardInterceptor(ShardId shard, EntityPlacement placement, ShardedIdSequence idSequence, boolean checkAssociations, WriteFences fences) {
		this.shard = shard;
		this.placement = placement;
		this.openedWith = placement.router().map();
		this.idSequence = idSequence;
		this.checkAssociations = checkAssociations;
		this.fences = fences;
	}

	/**
	 * Passes the write fence of an entity's virtual shard, once per transaction; an entity whose virtual shard cannot
	 * be told passes the fences of every virtual shard this shard holds.
	 *
	 * @return the entity's virtual shard by the placement that passed, or -1 when it cannot be told (or fences are off)
	 */
	int beforeWrite(SharedSessionContractImplementor session, Object entity) {
		if ( fences == null ) {
			return -1;
		}
		int virtualShard = entity == null ? -1 : placement.virtualShardOf( entity );
		if ( virtualShard < 0 ) {
			// Placed with its owner, which is not loaded (a proxy): routed no earlier than this shard session opened.
			beforeBulkWrite( session, openedAt );
			return -1;
		}
		// Routed when persisted or loaded, written now: the rows may have moved in between (an O(1) look at the placement).
		requirePlacedHere( entity, virtualShard );
		while ( !fenced.get( virtualShard ) ) {
			boolean parted = fences.pass( session, shard, new int[] { virtualShard }, WriteFences.ROUTED_AGAIN );
			fenced.set( virtualShard );
			if ( parted ) {
				// A partition of this virtual shard moved: the placement now shows it, so where the entity goes is decided again.
				virtualShard = placement.virtualShardOf( entity );
				requirePlacedHere( entity, virtualShard );
			}
		}
		return virtualShard;
	}

	/**
	 * Passes the write fence of a new entity's virtual shard, and refuses it when its sharded id names another virtual
	 * shard than the one its key is placed on now: the id was given by the placement of the moment it was persisted,
	 * and a partition may have changed virtual shard since (within one physical shard only the directory changes, so
	 * the fence alone does not tell). Its row would be found by id in one place and by key in another.
	 */
	void beforeInsert(SharedSessionContractImplementor session, Object entity) {
		int virtualShard = beforeWrite( session, entity );
		int named = virtualShard < 0 ? -1 : placement.virtualShardOfId( entity );
		if ( named >= 0 && named != virtualShard ) {
			throw WriteFences.idElsewhere( entity, named, virtualShard, shard );
		}
	}

	private void requirePlacedHere(Object entity, int virtualShard) {
		ShardId placed = placement.router().physicalShardOf( virtualShard );
		if ( !placed.equals( shard ) ) {
			throw WriteFences.routedElsewhere( entity, virtualShard, shard, placed );
		}
	}

	/**
	 * Passes the write fences of the entities whose version a lock mode increments when the transaction completes
	 * ({@code OPTIMISTIC_FORCE_INCREMENT}, {@code PESSIMISTIC_FORCE_INCREMENT}): Hibernate writes those increments
	 * without the events that pass the fences for other writes. Passing a fence any time before the commit is enough:
	 * its shared lock is held until then.
	 */
	void beforeCommit(SharedSessionContractImplementor session) {
		if ( fences == null ) {
			return;
		}
		for ( java.util.Map.Entry<Object, org.hibernate.engine.spi.EntityEntry> entry
				: session.getPersistenceContextInternal().reentrantSafeEntityEntries() ) {
			org.hibernate.LockMode mode = entry.getValue().getLockMode();
			if ( mode == org.hibernate.LockMode.OPTIMISTIC_FORCE_INCREMENT || mode == org.hibernate.LockMode.PESSIMISTIC_FORCE_INCREMENT ) {
				beforeWrite( session, entry.getKey() );
			}
		}
	}

	/**
	 * Passes the write fences of every virtual shard this shard holds: for statements that may write to any of them.
	 *
	 * @param routedAt the {@link System#nanoTime()} by which the statement was routed here (no later than its routing)
	 */
	void beforeBulkWrite(SharedSessionContractImplementor session, long routedAt) {
		if ( fences == null ) {
			return;
		}
		int[] virtualShards = WriteFences.unchecked( placement.router().map().virtualShardsOf( shard ), fenced::get );
		if ( virtualShards.length > 0 ) {
			fences.pass( session, shard, virtualShards, routedAt );
			for ( int v : virtualShards ) {
				fenced.set( v );
			}
		}
	}

	@Override
	public void afterTransactionCompletion(org.hibernate.Transaction transaction) {
		// The shared locks ended with the transaction: the next one passes the fences again.
		fenced.clear();
	}

	public ShardId shard() {
		return shard;
	}

	@Override
	public long nextShardedId(Object entity) {
		int virtualShard = placement.placeNew( entity );
		requireThisShard( entity, virtualShard );
		return idSequence.next( virtualShard );
	}

	@Override
	public boolean onPersist(Object entity, Object id, Object[] state, String[] propertyNames, Type[] types) {
		EntitySharding sharding = placement.sharding( entity );
		if ( sharding.keyKind() == EntitySharding.KeyKind.VALUE && sharding.keyIndex() >= 0 && state[sharding.keyIndex()] == null ) {
			throw new ShardKeyException( "The shard key " + sharding.entityName() + "." + sharding.keyName()
					+ " is null; set it before the entity is persisted" );
		}
		// Also covers cascaded children, which never pass through the sharded session's own routing.
		requireThisShard( entity, placement.placeNew( entity ) );
		checkReferences( sharding, entity, id, state );
		return false;
	}

	@Override
	public boolean onFlushDirty(Object entity, Object id, Object[] currentState, Object[] previousState,
			String[] propertyNames, Type[] types) {
		EntitySharding sharding = placement.sharding( entity );
		int key = sharding.keyIndex();
		if ( sharding.hasKey() && key >= 0 && previousState != null && keyChanged( types[key], previousState[key], currentState[key] ) ) {
			throw new ShardKeyException( "The shard key " + sharding.entityName() + "." + sharding.keyName() + " of "
					+ sharding.entityName() + "#" + id + " changed from '" + describe( previousState[key] ) + "' to '"
					+ describe( currentState[key] ) + "'; an entity cannot move between shards by assignment. "
					+ "Remove it and persist a copy with the new key instead. Nothing was written." );
		}
		checkReferences( sharding, entity, id, currentState );
		return false;
	}

	private static boolean keyChanged(Type type, Object before, Object after) {
		// For associations Hibernate's entity types compare ids, so a proxy and its entity count as equal.
		return !type.isEqual( before, after );
	}

	private void requireThisShard(Object entity, int virtualShard) {
		ShardId target = placement.router().physicalShardOf( virtualShard );
		if ( !target.equals( shard ) ) {
			EntitySharding sharding = placement.sharding( entity );
			throw new CrossShardAssociationException( "A new " + sharding.entityName()
					+ ( sharding.hasKey() ? " with shard key " + sharding.keyName() + "='" + describe( sharding.keyValue( entity ) ) + "'" : "" )
					+ " belongs on " + target + " (virtual shard " + virtualShard + ") but is being persisted on " + shard
					+ " through an association with an entity there. Co-locate it with @ShardKey on that association, "
					+ "or persist it on its own. Nothing was written." );
		}
	}

	/**
	 * Before a persist (also a cascaded one) of an instance: one this shard session does not manage but another shard
	 * holds (its session manages it, it is a proxy of it, or it is detached with an id that says so) would reach this
	 * shard through a reference across shards, which Hibernate would only call a detached entity. New instances are
	 * left to {@link #onPersist}, which routes them.
	 */
	void beforeCascadedPersist(SharedSessionContractImplementor session, Object entity) {
		if ( !checkAssociations || session.getPersistenceContextInternal().isEntryFor( entity ) ) {
			return;
		}
		EntitySharding sharding = placement.sharding( entity );
		Object id = sharding.id( entity );
		if ( id == null && !( entity instanceof org.hibernate.proxy.HibernateProxy ) ) {
			return;
		}
		ShardId other = placement.shardOf( entity );
		if ( other != null && !other.equals( shard ) ) {
			int routed = placement.operationVirtualShard();
			if ( routed >= 0 && !placement.router().physicalShardOf( routed ).equals( shard ) ) {
				// The persist was routed here by the placement of a moment ago, and its virtual shard has moved since: not a
				// reference across shards but a stale route, which a retry routes anew.
				throw new org.hibernate.shards.VirtualShardMovingException( routed, shard, "Virtual shard " + routed + " moved to "
						+ placement.router().physicalShardOf( routed ) + " while this persist was routed to " + shard
						+ "; nothing was written. Retry the transaction.", null );
			}
			requireSamePlacement( sharding, id, other );
			throw new CrossShardAssociationException( sharding.entityName() + "#" + id + " lives on " + other + ", but a cascade "
					+ "from an entity on " + shard + " would persist it there: a cascading association of that entity (an element "
					+ "added to a loaded collection, say) references it across shards. A reference cannot span two databases: put "
					+ "@ShardKey on the association to keep them on one shard, or store only the id. Nothing was written." );
		}
	}

	private void checkReferences(EntitySharding sharding, Object entity, Object id, Object[] state) {
		if ( !checkAssociations ) {
			return;
		}
		for ( int index : sharding.associationIndexes() ) {
			checkReference( sharding, id, index, state[index] );
		}
		for ( int index : sharding.collectionIndexes() ) {
			Object collection = state[index];
			// Never initialise a lazy collection just to check it: what was loaded came from this shard.
			if ( collection != null && Hibernate.isInitialized( collection ) ) {
				Iterable<?> elements = collection instanceof Map<?, ?> map ? map.values() : (Collection<?>) collection;
				for ( Object element : elements ) {
					checkReference( sharding, id, index, element );
				}
			}
		}
	}

	private void checkReference(EntitySharding sharding, Object id, int index, Object referenced) {
		if ( referenced == null ) {
			return;
		}
		ShardId other = placement.shardOf( referenced );
		if ( other != null && !other.equals( shard ) ) {
			if ( index == sharding.keyIndex() ) {
				// Through its @ShardKey an entity goes where the referenced one lives: they can only part when the placement
				// moved while the transaction wrote them (the referenced one was routed anew). A retry routes both anew.
				throw new org.hibernate.shards.VirtualShardMovingException( placement.virtualShardOf( referenced ), shard, sharding.entityName()
						+ ( id == null ? "" : "#" + id ) + " was routed to " + shard + " with its '" + sharding.propertyName( index )
						+ "', which the placement now puts on " + other + ": a virtual shard moved while this transaction wrote; "
						+ "nothing was written. Retry the transaction.", null );
			}
			requireSamePlacement( sharding, id, other );
			String target = placement.sharding( referenced ).entityName();
			throw new CrossShardAssociationException( sharding.entityName() + ( id == null ? "" : "#" + id ) + " on " + shard
					+ " references " + target + " on " + other + " through '" + sharding.propertyName( index )
					+ "'. A reference cannot span two databases: put @ShardKey on the association to keep them on one shard, "
					+ "or store only the id. Nothing was written." );
		}
	}

	/**
	 * Two entities this session wrote that the placement now puts on different shards were routed together before a
	 * virtual shard moved, when the placement changed since this shard session opened: a retry routes them anew (and
	 * reports a real reference across shards as such).
	 */
	private void requireSamePlacement(EntitySharding sharding, Object id, ShardId other) {
		if ( placement.router().map() != openedWith ) {
			throw new org.hibernate.shards.VirtualShardMovingException( -1, shard, sharding.entityName() + ( id == null ? "" : "#" + id )
					+ " and an entity it references were routed to " + shard + ", and the placement, changed since by a move, puts one on "
					+ other + "; nothing was written. Retry the transaction.", null );
		}
	}

	private static String describe(Object value) {
		if ( value == null ) {
			return "null";
		}
		if ( value instanceof org.hibernate.proxy.HibernateProxy proxy ) {
			return proxy.getHibernateLazyInitializer().getEntityName() + "#" + proxy.getHibernateLazyInitializer().getInternalIdentifier();
		}
		return String.valueOf( value );
	}
}
