package org.hibernate.shards.internal.session;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import jakarta.persistence.EntityNotFoundException;
import jakarta.persistence.FindOption;
import org.hibernate.KeyType;
import org.hibernate.Session;
import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardKeyException;
import org.hibernate.shards.internal.metrics.ShardMetrics;
import org.hibernate.shards.internal.routing.EntitySharding;
import org.hibernate.shards.internal.routing.ShardRouter;
import org.hibernate.shards.spi.strategy.access.ShardAccessStrategy;
import org.hibernate.shards.spi.strategy.access.ShardOperation;
import org.hibernate.type.descriptor.java.CoercionException;

/**
 * Entity operations of a sharded session: each finds the shard an entity lives on (or goes to) and runs the
 * operation on that shard's session. An id that does not name its shard is looked for with the resolution
 * strategy's shards, through the access strategy, stopping at the first shard that has it.
 */
final class EntityOperations {
	private final ShardSessions sessions;
	private final EntityPlacement placement;
	private final ShardRouter router;
	private final ShardAccessStrategy access;
	private final ShardMetrics metrics;

	EntityOperations(ShardSessions sessions) {
		this.sessions = sessions;
		this.placement = sessions.placement();
		this.router = placement.router();
		this.access = router.strategy().access();
		this.metrics = sessions.factory().metrics();
	}

	/** Runs an entity operation on the one shard it was routed to (or that manages the instance), counting it. */
	<T> T onShard(ShardId shard, Function<Session, T> work) {
		metrics.routed( shard );
		return sessions.call( shard, work );
	}

	void persist(Object entity, java.util.function.Consumer<Session> persist) {
		requireEntity( entity, "persist" );
		int virtualShard = placement.placeNew( entity );
		ShardId shard = router.physicalShardOf( virtualShard );
		placement.withOperationVirtualShard( virtualShard, () -> onShard( shard, session -> {
			persist.accept( session );
			return null;
		} ) );
	}

	<T> T merge(T entity, Function<Session, T> merge) {
		requireEntity( entity, "merge" );
		ShardId managing = sessions.shardManaging( entity );
		if ( managing != null ) {
			return onShard( managing, merge );
		}
		EntitySharding sharding = placement.sharding( entity );
		Object id = sharding.id( entity );
		int virtualShard = id == null ? -1 : existingVirtualShard( sharding, entity, id );
		ShardId shard;
		if ( virtualShard >= 0 ) {
			shard = router.physicalShardOf( virtualShard );
		}
		else {
			shard = id == null ? null : findShardHolding( sharding, id );
			if ( shard == null ) {
				virtualShard = placement.placeNew( entity );
				shard = router.physicalShardOf( virtualShard );
			}
		}
		int operationShard = virtualShard;
		ShardId target = shard;
		return placement.withOperationVirtualShard( operationShard, () -> onShard( target, merge ) );
	}

	/** Plain Hibernate's answer to a null entity (rather than a NullPointerException from placing it). */
	private static void requireEntity(Object entity, String operation) {
		if ( entity == null ) {
			throw new IllegalArgumentException( "Entity to " + operation + " may not be null" );
		}
	}

	/**
	 * The virtual shard of a detached entity that has an id. With a sharded id the id decides; if the shard key
	 * now points elsewhere, the key was changed, which would silently copy the entity to another shard.
	 */
	private int existingVirtualShard(EntitySharding sharding, Object entity, Object id) {
		if ( !sharding.shardedId() ) {
			return placement.virtualShardOf( entity );
		}
		int fromId = router.virtualShardOfShardedId( id );
		if ( sharding.hasKey() && fromId >= 0 ) {
			int fromKey = placement.virtualShardOf( entity );
			if ( fromKey >= 0 && !router.physicalShardOf( fromKey ).equals( router.physicalShardOf( fromId ) ) ) {
				throw new ShardKeyException( "The shard key " + sharding.entityName() + "." + sharding.keyName() + " of "
						+ sharding.entityName() + "#" + id + " was changed: the entity lives on " + router.physicalShardOf( fromId )
						+ " but its key now routes to " + router.physicalShardOf( fromKey ) + ". An entity cannot move between "
						+ "shards by assignment; remove it and persist a copy with the new key instead. Nothing was written." );
			}
		}
		return fromId;
	}

	/** @return the shard whose session manages the entity or, for a detached entity, where it lives */
	ShardId locate(Object entity) {
		ShardId shard = placement.shardOf( entity );
		if ( shard != null ) {
			return shard;
		}
		EntitySharding sharding = placement.sharding( entity );
		Object id = sharding.id( entity );
		return id == null ? null : findShardHolding( sharding, id );
	}

	private ShardId findShardHolding(EntitySharding sharding, Object id) {
		Object found = firstFound( router.shardsForId( sharding, id ), session -> session.find( sharding.entityName(), id ) );
		// The entity found is now managed by the session of the shard that holds it.
		return found == null ? null : sessions.shardManaging( found );
	}


	/** Finds by id on the one shard the id names, or on the resolution strategy's shards until one has it. */
	<T> T find(String entityName, Object id, FindOption[] options, Function<Session, T> find) {
		if ( id == null ) {
			throw new IllegalArgumentException( "The id to find a " + entityName + " by is null" );
		}
		EntitySharding sharding = router.metamodel().byEntityName( entityName );
		if ( isNaturalIdLookup( options ) ) {
			return firstFound( shardsForNaturalId( sharding, id ), find );
		}
		return firstFound( router.shardsForId( sharding, convertedId( sharding, id, IllegalArgumentException::new ) ), find );
	}

	/**
	 * @param refusal makes the exception plain Hibernate throws for an id it cannot convert, from a message and a cause
	 * @return the id as the identifier's Java type, converted as Hibernate converts it (an Integer or a String of digits
	 *         for a Long id): routing an id of another type would find nothing where Hibernate refuses
	 */
	private static Object convertedId(EntitySharding sharding, Object id, BiFunction<String, Throwable, RuntimeException> refusal) {
		org.hibernate.metamodel.mapping.EntityIdentifierMapping identifier = sharding.persister().getIdentifierMapping();
		Class<?> type = identifier.getJavaType().getJavaTypeClass();
		if ( identifier.isVirtual() || type.isInstance( id ) ) {
			return id;
		}
		RuntimeException failure = null;
		try {
			Object converted = identifier.getJavaType().coerce( id );
			if ( type.isInstance( converted ) ) {
				return converted;
			}
		}
		catch (RuntimeException e) {
			failure = e;
		}
		throw refusal.apply( "The id '" + id + "' (" + id.getClass().getName() + ") cannot be converted to the identifier type of "
				+ sharding.entityName() + ", " + type.getName(), failure );
	}

	private static boolean isNaturalIdLookup(FindOption[] options) {
		return options != null && Arrays.asList( options ).contains( KeyType.NATURAL );
	}

	private List<ShardId> shardsForNaturalId(EntitySharding sharding, Object naturalId) {
		if ( sharding.naturalIdIsKey() ) {
			return List.of( router.physicalShardOf( router.virtualShardOfKeyValue( sharding, naturalId ) ) );
		}
		return router.map().activeShards();
	}

	<T> T firstFound(List<ShardId> shards, Function<Session, T> find) {
		if ( shards.isEmpty() ) {
			return null;
		}
		if ( shards.size() == 1 ) {
			return onShard( shards.get( 0 ), find );
		}
		metrics.fannedOut( shards );
		org.hibernate.shards.internal.routing.HiddenVirtualShards hidden = router.hidden();
		if ( !hidden.isEmpty() && !shards.stream().allMatch( hidden::clearOn ) ) {
			return liveOne( shards, find );
		}
		List<T> found = new ArrayList<>( 1 );
		access.apply( shards, ShardOperation.cancellable( shard -> sessions.call( shard, find ), sessions::cancel ), (shard, result) -> {
			if ( result != null ) {
				found.add( result );
				return true;
			}
			return false;
		} );
		return found.isEmpty() ? null : found.get( 0 );
	}

	/**
	 * While a move runs, a row may exist on two shards (the copy and the source): every shard is asked, and the row
	 * found where the placement puts it is the one; the others are detached again.
	 */
	private <T> T liveOne(List<ShardId> shards, Function<Session, T> find) {
		T live = null;
		for ( ShardId shard : shards ) {
			T result = sessions.call( shard, find );
			if ( result == null ) {
				continue;
			}
			int virtualShard = placement.virtualShardOf( result );
			if ( live == null && ( virtualShard < 0 || router.physicalShardOf( virtualShard ).equals( shard ) ) ) {
				live = result;
			}
			else {
				sessions.call( shard, session -> {
					session.detach( result );
					return null;
				} );
			}
		}
		return live;
	}

	/**
	 * A reference on the one shard the id names; when the id does not name a shard, the entity is found instead,
	 * since a proxy must belong to the session of the shard that holds the row.
	 */
	<T> T getReference(String entityName, Object id, Function<Session, T> reference, Function<Session, T> find) {
		if ( id == null ) {
			throw new IllegalArgumentException( "The id of the " + entityName + " to reference is null" );
		}
		EntitySharding sharding = router.metamodel().byEntityName( entityName );
		List<ShardId> shards = router.shardsForId( sharding, convertedId( sharding, id, IllegalArgumentException::new ) );
		if ( shards.size() == 1 ) {
			return onShard( shards.get( 0 ), reference );
		}
		T found = firstFound( shards, find );
		if ( found == null ) {
			throw new EntityNotFoundException( "No " + entityName + " with id " + id + " on any shard" );
		}
		return found;
	}

	/**
	 * Loads several ids, one batch per shard, and returns them in the order of the ids asked for. Every id is checked
	 * before any shard is asked: an id of another type fails with {@link CoercionException}, as in plain Hibernate 7.3,
	 * and a null id with {@link IllegalArgumentException} (where plain Hibernate fails an assertion).
	 *
	 * @param load loads some ids on a shard's session, as its {@code findMultiple} does: a list of the same size and order
	 */
	<E> List<E> findMultiple(String entityName, List<?> ids, BiFunction<Session, List<Object>, List<E>> load) {
		EntitySharding sharding = router.metamodel().byEntityName( entityName );
		List<Object> routed = new ArrayList<>( ids.size() );
		for ( int i = 0; i < ids.size(); i++ ) {
			if ( ids.get( i ) == null ) {
				throw new IllegalArgumentException( "The id at position " + i + " of the " + sharding.entityName() + " ids to find is null" );
			}
			routed.add( convertedId( sharding, ids.get( i ), CoercionException::new ) );
		}
		Object[] results = new Object[ids.size()];
		Map<ShardId, List<Integer>> positionsByShard = new LinkedHashMap<>();
		for ( int i = 0; i < ids.size(); i++ ) {
			Object id = ids.get( i );
			List<ShardId> shards = router.shardsForId( sharding, routed.get( i ) );
			if ( shards.size() == 1 ) {
				positionsByShard.computeIfAbsent( shards.get( 0 ), shard -> new ArrayList<>() ).add( i );
			}
			else {
				results[i] = firstFound( shards, session -> load.apply( session, List.of( id ) ).get( 0 ) );
			}
		}
		positionsByShard.forEach( (shard, positions) -> {
			List<Object> shardIds = positions.stream().map( ids::get ).map( Object.class::cast ).toList();
			List<E> loaded = onShard( shard, session -> load.apply( session, shardIds ) );
			for ( int i = 0; i < positions.size(); i++ ) {
				results[positions.get( i )] = loaded.get( i );
			}
		} );
		@SuppressWarnings("unchecked")
		List<E> list = (List<E>) Arrays.asList( results );
		return list;
	}
}
