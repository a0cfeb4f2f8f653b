package org.hibernate.shards.internal.routing;

import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.persistence.metamodel.Attribute;
import jakarta.persistence.metamodel.EntityType;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.proxy.HibernateProxy;
import org.hibernate.shards.ShardingConfigurationException;
import org.hibernate.shards.annotations.ShardKey;
import org.hibernate.shards.annotations.ShardedId;
import org.hibernate.shards.cfg.ShardedSettings;
import org.hibernate.shards.internal.cfg.SettingNames;
import org.hibernate.type.CollectionType;
import org.hibernate.type.Type;

/**
 * The sharding view of every mapped entity: its shard key, whether its id is sharded, and its associations.
 * Built once from one shard's factory (all shards share the mappings); lookups by class are one map read.
 */
public final class ShardingMetamodel {
	private final Map<String, EntitySharding> byName = new ConcurrentHashMap<>();
	private final Map<Class<?>, EntitySharding> byClass = new ConcurrentHashMap<>();

	/**
	 * @param settings the configuration: {@code hibernate.shards.entity.<JpaEntityName>.function} overrides the annotation
	 * @param functions makes key functions from their text
	 */
	public ShardingMetamodel(SessionFactoryImplementor factory, Map<String, Object> settings, KeyFunctions functions) {
		java.util.Set<String> jpaNames = new java.util.HashSet<>();
		factory.getMappingMetamodel().forEachEntityDescriptor( persister -> {
			EntitySharding sharding = describe( factory, persister, settings, functions );
			jpaNames.add( sharding.jpaEntityName() );
			byName.put( sharding.entityName(), sharding );
			if ( persister.getMappedClass() != null && persister.getMappedClass() != Map.class ) {
				byClass.put( persister.getMappedClass(), sharding );
			}
		} );
		settings.keySet().forEach( key -> {
			String named = SettingNames.entityOfFunctionSetting( key );
			if ( named != null && !jpaNames.contains( named ) ) {
				throw new ShardingConfigurationException( key + "='" + settings.get( key ) + "': there is no entity named '" + named
						+ "' (entity names: " + new java.util.TreeSet<>( jpaNames ) + ")" );
			}
		} );
	}

	private static EntitySharding describe(SessionFactoryImplementor factory, EntityPersister persister, Map<String, Object> settings,
			KeyFunctions functions) {
		String entityName = persister.getEntityName();
		String[] names = persister.getPropertyNames();
		Type[] types = persister.getPropertyTypes();
		List<Integer> associations = new ArrayList<>();
		List<Integer> collections = new ArrayList<>();
		for ( int i = 0; i < types.length; i++ ) {
			if ( types[i] instanceof org.hibernate.type.EntityType ) {
				associations.add( i );
			}
			else if ( types[i] instanceof CollectionType collection && collection.getElementType( factory ).isEntityType() ) {
				collections.add( i );
			}
		}

		EntitySharding.KeyKind keyKind = EntitySharding.KeyKind.NONE;
		String keyName = null;
		int keyIndex = -1;
		boolean shardedId = false;
		String functionText = null;
		String functionWhere = null;
		Class<?> keyType = null;
		EntityType<?> jpaType = persister.getMappedClass() == null ? null : jpaEntity( factory, persister.getMappedClass() );
		if ( jpaType != null ) {
			for ( Attribute<?, ?> attribute : jpaType.getAttributes() ) {
				Member member = attribute.getJavaMember();
				ShardKey key = annotation( member, ShardKey.class );
				if ( key != null ) {
					if ( keyName != null ) {
						throw new ShardingConfigurationException( "Entity " + entityName + " has two @ShardKey attributes, '"
								+ keyName + "' and '" + attribute.getName() + "'; an entity has exactly one shard key" );
					}
					keyName = attribute.getName();
					keyKind = keyKindOf( entityName, attribute );
					keyType = attribute.getJavaType();
					if ( !key.function().isBlank() ) {
						functionText = key.function();
						functionWhere = "@ShardKey(function) on " + entityName + "." + keyName;
					}
					keyIndex = indexOf( names, keyName );
				}
				if ( annotation( member, ShardedId.class ) != null ) {
					shardedId = true;
				}
			}
		}
		String jpaEntityName = jpaType != null ? jpaType.getName() : entityName;
		Object configured = settings.get( ShardedSettings.entityFunction( jpaEntityName ) );
		if ( configured != null && !configured.toString().isBlank() ) {
			functionText = configured.toString();
			functionWhere = ShardedSettings.entityFunction( jpaEntityName );
			if ( keyKind == EntitySharding.KeyKind.NONE ) {
				throw new ShardingConfigurationException( functionWhere + "='" + functionText + "': entity " + jpaEntityName
						+ " has no @ShardKey for a function to apply to" );
			}
		}
		org.hibernate.shards.spi.key.ShardKeyFunction function = null;
		if ( functionText != null ) {
			if ( keyKind == EntitySharding.KeyKind.ASSOCIATION ) {
				throw functionOnAssociation( functionWhere, functionText, entityName + "." + keyName );
			}
			function = functions.create( functionText, keyType, functionWhere );
		}
		return new EntitySharding( entityName, persister, keyKind, keyName, keyIndex, shardedId,
				associations.stream().mapToInt( Integer::intValue ).toArray(),
				collections.stream().mapToInt( Integer::intValue ).toArray(),
				keyKind == EntitySharding.KeyKind.VALUE && keyIndex >= 0 && persister.hasNaturalIdentifier()
						&& persister.getNaturalIdentifierProperties().length == 1
						&& persister.getNaturalIdentifierProperties()[0] == keyIndex,
				function, function == null ? null : functionText, jpaEntityName );
	}

	private static EntityType<?> jpaEntity(SessionFactoryImplementor factory, Class<?> mappedClass) {
		try {
			return factory.getMetamodel().entity( mappedClass );
		}
		catch (IllegalArgumentException notAnEntityClass) {
			return null;
		}
	}

	private static EntitySharding.KeyKind keyKindOf(String entityName, Attribute<?, ?> attribute) {
		String where = entityName + "." + attribute.getName();
		switch ( attribute.getPersistentAttributeType() ) {
			case BASIC:
				requireValueKeyType( where, attribute.getJavaType() );
				return EntitySharding.KeyKind.VALUE;
			case MANY_TO_ONE:
			case ONE_TO_ONE:
				return EntitySharding.KeyKind.ASSOCIATION;
			default:
				throw notAKey( where, attribute.getPersistentAttributeType().toString() );
		}
	}

	/**
	 * The rules for what a {@code @ShardKey} declares, applied by reflection before any pool opens
	 * ({@link ShardingAnnotations}) and to the mapping once it is built (for entities not mapped by annotated classes).
	 *
	 * @throws ShardingConfigurationException for a value key of a type the hash cannot place
	 */
	static void requireValueKeyType(String where, Class<?> type) {
		if ( !ShardKeyHash.supports( type ) ) {
			throw new ShardingConfigurationException( "@ShardKey on " + where + " of type " + type.getName()
					+ ": a shard key must be a number, string, character, boolean, enum, UUID, date or time, or byte[]" );
		}
	}

	/** @return the refusal of a key that is neither a value nor a to-one association (a collection, an embeddable) */
	static ShardingConfigurationException notAKey(String where, String kind) {
		return new ShardingConfigurationException( "@ShardKey on " + where + " (" + kind
				+ "): a shard key is a basic attribute or a to-one association" );
	}

	/** @return the refusal of a key function on an association key */
	static ShardingConfigurationException functionOnAssociation(String functionWhere, String functionText, String where) {
		return new ShardingConfigurationException( functionWhere + "='" + functionText + "': the shard key " + where
				+ " is an association, which places the entity with the associated one; a key function applies to values only" );
	}

	private static int indexOf(String[] names, String name) {
		for ( int i = 0; i < names.length; i++ ) {
			if ( names[i].equals( name ) ) {
				return i;
			}
		}
		return -1; // the id attribute
	}

	/** Finds an annotation on the attribute's member, or on the field behind a getter and the getter of a field. */
	private static <A extends java.lang.annotation.Annotation> A annotation(Member member, Class<A> type) {
		if ( member instanceof Field field ) {
			A found = field.getAnnotation( type );
			return found != null ? found : onGetter( field, type );
		}
		if ( member instanceof Method method ) {
			A found = method.getAnnotation( type );
			return found != null ? found : onField( method, type );
		}
		return null;
	}

	private static <A extends java.lang.annotation.Annotation> A onGetter(Field field, Class<A> type) {
		String name = field.getName();
		String capitalized = Character.toUpperCase( name.charAt( 0 ) ) + name.substring( 1 );
		for ( String getter : new String[] { "get" + capitalized, "is" + capitalized } ) {
			try {
				return field.getDeclaringClass().getDeclaredMethod( getter ).getAnnotation( type );
			}
			catch (NoSuchMethodException e) {
				// try the next form
			}
		}
		return null;
	}

	private static <A extends java.lang.annotation.Annotation> A onField(Method getter, Class<A> type) {
		String name = getter.getName().replaceFirst( "^(get|is)", "" );
		if ( name.isEmpty() ) {
			return null;
		}
		name = Character.toLowerCase( name.charAt( 0 ) ) + name.substring( 1 );
		try {
			return getter.getDeclaringClass().getDeclaredField( name ).getAnnotation( type );
		}
		catch (NoSuchFieldException e) {
			return null;
		}
	}

	/**
	 * @return the sharding view of an entity instance (or proxy)
	 * @throws IllegalArgumentException when the object is not an entity
	 */
	public EntitySharding of(Object entity) {
		if ( entity instanceof HibernateProxy proxy ) {
			return byEntityName( proxy.getHibernateLazyInitializer().getEntityName() );
		}
		return of( entity.getClass() );
	}

	public EntitySharding of(Class<?> type) {
		EntitySharding found = byClass.get( type );
		if ( found == null ) {
			// A subclass the factory knows under its superclass's mapping (e.g. a bytecode-enhanced or anonymous subclass).
			for ( Class<?> c = type.getSuperclass(); c != null && found == null; c = c.getSuperclass() ) {
				found = byClass.get( c );
			}
			if ( found == null ) {
				throw new IllegalArgumentException( "Not an entity: " + type.getName() );
			}
			byClass.put( type, found );
		}
		return found;
	}

	public EntitySharding byEntityName(String entityName) {
		EntitySharding found = byName.get( entityName );
		if ( found == null ) {
			throw new IllegalArgumentException( "Unknown entity name: " + entityName );
		}
		return found;
	}

	public Iterable<EntitySharding> all() {
		return byName.values();
	}
}
