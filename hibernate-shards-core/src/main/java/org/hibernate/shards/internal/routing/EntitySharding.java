package org.hibernate.shards.internal.routing;

import org.hibernate.persister.entity.EntityPersister;

/**
 * What routing needs to know about one entity type, read once from the metamodel at boot.
 *
 * @param entityName Hibernate's entity name
 * @param persister a persister of shard 0's factory, used only to read values from instances
 * @param keyKind how the shard key is held
 * @param keyName the shard key attribute, or {@code null}
 * @param keyIndex the key's index in the persister's property arrays, or -1 when the key is the id
 * @param shardedId whether the id is a {@link org.hibernate.shards.annotations.ShardedId}
 * @param associationIndexes indexes of to-one associations (parents an entity without a key follows)
 * @param collectionIndexes indexes of collections whose elements are entities
 * @param naturalIdIsKey whether the entity's natural id is its (basic) shard key, so a natural-id lookup routes
 * @param function the key function that groups key values into partitions, or {@code null} for the default hash
 * @param functionText the key function as written, or {@code null}
 * @param jpaEntityName the JPA entity name, as settings name it
 */
public record EntitySharding(
		String entityName,
		EntityPersister persister,
		KeyKind keyKind,
		String keyName,
		int keyIndex,
		boolean shardedId,
		int[] associationIndexes,
		int[] collectionIndexes,
		boolean naturalIdIsKey,
		org.hibernate.shards.spi.key.ShardKeyFunction function,
		String functionText,
		String jpaEntityName) {

	/** How an entity's shard key is held. */
	public enum KeyKind {
		/** No {@code @ShardKey}: the entity follows its parent or the selection strategy. */
		NONE,
		/** A basic value hashed onto the virtual shards. */
		VALUE,
		/** A to-one association: the entity lives with the associated entity. */
		ASSOCIATION
	}

	/** @return the entity name without its package, for messages */
	public String simpleName() {
		return entityName.substring( entityName.lastIndexOf( '.' ) + 1 );
	}

	public boolean hasKey() {
		return keyKind != KeyKind.NONE;
	}

	/** @return the shard key's current value in an instance (an entity for association keys) */
	public Object keyValue(Object entity) {
		return keyIndex < 0 ? persister.getIdentifier( entity ) : persister.getPropertyValue( entity, keyIndex );
	}

	/** @return the partition a key value belongs to: the key function's output, or the value itself */
	public Object partitionOf(Object keyValue) {
		return function == null ? keyValue : function.partitionOf( keyValue );
	}

	public Object id(Object entity) {
		return persister.getIdentifier( entity );
	}

	public Object propertyValue(Object entity, int index) {
		return persister.getPropertyValue( entity, index );
	}

	public String propertyName(int index) {
		return persister.getPropertyNames()[index];
	}
}
