package org.hibernate.shards.internal.routing;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Transient;
import org.hibernate.shards.ShardingConfigurationException;
import org.hibernate.shards.cfg.ShardedSettings;
import org.hibernate.shards.annotations.ShardKey;
import org.hibernate.shards.annotations.ShardedId;

/**
 * Checks where {@link ShardedId} and {@link ShardKey} are placed on the entity classes, and what a shard key declares,
 * by reflection, before any pool opens or schema tool runs. The metamodel cannot tell some of these mistakes: Hibernate
 * fails inside its own id generator factory for a {@code @ShardedId String}, and a {@code @ShardKey} on a transient
 * attribute or on the sharded id never reaches it, so the entity would silently be keyless. The others (a key of a type
 * the hash cannot place, on a collection, a key function that cannot take the key) the metamodel tells too, but only
 * once every shard's mappings are built, after a {@code hibernate.hbm2ddl.auto} schema action has recreated the tables.
 */
public final class ShardingAnnotations {
	private ShardingAnnotations() {
	}

	/**
	 * @param settings every setting, for the key functions set by {@code hibernate.shards.entity.<Entity>.function}
	 * @throws ShardingConfigurationException naming the entity and attribute of the first misplaced annotation, or the
	 *         key and where its function was written
	 */
	public static void check(Collection<Class<?>> entityClasses, Map<String, Object> settings, KeyFunctions functions) {
		for ( Class<?> entity : entityClasses ) {
			String jpaName = entityName( entity );
			Object configured = settings.get( ShardedSettings.entityFunction( jpaName ) );
			String configuredFunction = configured == null || configured.toString().isBlank() ? null : configured.toString();
			for ( Class<?> type = entity; type != null && type != Object.class; type = type.getSuperclass() ) {
				// An attribute's annotations may sit on its field or on its getter.
				Map<String, Placement> attributes = new TreeMap<>();
				for ( Field field : type.getDeclaredFields() ) {
					attributes.computeIfAbsent( field.getName(), name -> new Placement( field.getType() ) )
							.add( field, Modifier.isTransient( field.getModifiers() ) );
				}
				for ( Method method : type.getDeclaredMethods() ) {
					String property = property( method );
					if ( property != null ) {
						attributes.computeIfAbsent( property, name -> new Placement( method.getReturnType() ) ).add( method, false );
					}
				}
				attributes.forEach( (attribute, placement) -> {
					placement.check( jpaName + "." + attribute );
					placement.checkKey( jpaName + "." + attribute, configuredFunction == null ? null
							: new String[] { ShardedSettings.entityFunction( jpaName ), configuredFunction }, functions );
				} );
			}
		}
	}

	/** What one attribute's field and getter carry. */
	private static final class Placement {
		private final Class<?> type;
		private boolean shardedId;
		private boolean shardKey;
		private boolean transientKey;
		private boolean association;
		private String function;

		Placement(Class<?> type) {
			this.type = type;
		}

		void add(AnnotatedElement member, boolean transientModifier) {
			shardedId |= member.isAnnotationPresent( ShardedId.class );
			if ( member.isAnnotationPresent( ShardKey.class ) ) {
				shardKey = true;
				transientKey |= transientModifier || member.isAnnotationPresent( Transient.class );
				String text = member.getAnnotation( ShardKey.class ).function();
				function = text.isBlank() ? function : text;
			}
			association |= member.isAnnotationPresent( ManyToOne.class ) || member.isAnnotationPresent( OneToOne.class );
		}

		/**
		 * What the shard key declares, by the rules the metamodel applies later ({@link ShardingMetamodel}).
		 *
		 * @param configured the setting and text of a function set for the entity, which wins over the annotation's; or null
		 */
		void checkKey(String where, String[] configured, KeyFunctions functions) {
			if ( !shardKey ) {
				return;
			}
			boolean toOne = association || type.isAnnotationPresent( Entity.class );
			if ( !toOne ) {
				if ( Collection.class.isAssignableFrom( type ) || Map.class.isAssignableFrom( type ) || type.isArray() && type != byte[].class ) {
					throw ShardingMetamodel.notAKey( where, "a collection" );
				}
				if ( type.isAnnotationPresent( Embeddable.class ) ) {
					throw ShardingMetamodel.notAKey( where, "an embeddable" );
				}
				ShardingMetamodel.requireValueKeyType( where, type );
			}
			String functionWhere = configured != null ? configured[0] : "@ShardKey(function) on " + where;
			String functionText = configured != null ? configured[1] : function;
			if ( functionText == null ) {
				return;
			}
			if ( toOne ) {
				throw ShardingMetamodel.functionOnAssociation( functionWhere, functionText, where );
			}
			functions.create( functionText, type, functionWhere );
		}

		void check(String where) {
			if ( shardedId && type != Long.class && type != long.class ) {
				throw new ShardingConfigurationException( "@ShardedId on " + where + " of type " + type.getName()
						+ ": a sharded id must be a Long or long, since it carries its virtual shard in its low bits" );
			}
			if ( shardKey && shardedId ) {
				throw new ShardingConfigurationException( "@ShardKey on " + where + ", which is the @ShardedId: a sharded id is made "
						+ "from the shard the entity is placed on, so it cannot also choose that shard; put @ShardKey on another "
						+ "attribute, or drop @ShardedId to place the entity by a key value given as its id" );
			}
			if ( transientKey ) {
				throw new ShardingConfigurationException( "@ShardKey on " + where + ", which is transient (not persisted): the shard "
						+ "key must be a persistent attribute, so that the entity can be found again by it" );
			}
		}
	}

	/** @return the property a getter reads, or {@code null} for any other method */
	private static String property(Method method) {
		if ( method.getParameterCount() != 0 || Modifier.isStatic( method.getModifiers() ) ) {
			return null;
		}
		String name = method.getName();
		String rest = name.startsWith( "get" ) ? name.substring( 3 ) : name.startsWith( "is" ) ? name.substring( 2 ) : "";
		return rest.isEmpty() ? null : rest.substring( 0, 1 ).toLowerCase( Locale.ROOT ) + rest.substring( 1 );
	}

	private static String entityName(Class<?> entity) {
		Entity annotation = entity.getAnnotation( Entity.class );
		return annotation != null && !annotation.name().isEmpty() ? annotation.name() : entity.getSimpleName();
	}
}
