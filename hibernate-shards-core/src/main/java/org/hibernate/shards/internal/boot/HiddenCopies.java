package org.hibernate.shards.internal.boot;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.hibernate.boot.spi.MetadataImplementor;
import org.hibernate.dialect.Dialect;
import org.hibernate.engine.spi.FilterDefinition;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.ManyToOne;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Property;
import org.hibernate.mapping.RootClass;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.shards.annotations.ShardKey;
import org.hibernate.shards.annotations.ShardedId;
import org.hibernate.shards.internal.id.ShardedIdLayout;

/**
 * While a virtual shard moves, its rows exist on two physical shards: as copies on the target until the switch, and
 * as leftovers on the source until the purge. Queries over several shards must see each row once, so every shard
 * session runs with a Hibernate filter that hides the rows of the virtual shards whose copies on that shard are not
 * the live ones. The filter is defined at boot on every entity whose rows tell their virtual shard in SQL: a
 * {@link ShardedId} (the low bits of the id), or a shard key association to such an entity (the low bits of the
 * foreign key). Other entities cannot be filtered; queries over several shards refuse them while a move hides rows.
 */
public final class HiddenCopies {
	public static final String FILTER = "hibernate_shards_hidden_copies";
	public static final String PARAMETER = "hidden_virtual_shards";

	private HiddenCopies() {
	}

	/**
	 * Defines the filter and puts it on every root entity it can cover.
	 *
	 * @return the entities it cannot cover
	 */
	static Set<String> define(MetadataImplementor metadata) {
		Dialect dialect = metadata.getDatabase().getDialect();
		JdbcMapping integer = metadata.getTypeConfiguration().getBasicTypeForJavaType( Integer.class );
		Map<String, JdbcMapping> parameters = new HashMap<>();
		parameters.put( PARAMETER, integer );
		metadata.getFilterDefinitions().put( FILTER, new FilterDefinition( FILTER, null, parameters ) );
		Set<String> uncovered = new TreeSet<>();
		for ( PersistentClass entity : metadata.getEntityBindings() ) {
			if ( !( entity instanceof RootClass ) ) {
				continue; // a subclass's rows are filtered through its root
			}
			Column column = virtualShardColumn( metadata, entity );
			if ( column == null ) {
				uncovered.add( entity.getEntityName() );
				metadata.getEntityBindings().stream().filter( sub -> sub.getRootClass() == entity )
						.forEach( sub -> uncovered.add( sub.getEntityName() ) );
				continue;
			}
			entity.addFilter( FILTER, "mod({alias}." + column.getQuotedName( dialect ) + ", " + ( 1 << ShardedIdLayout.VIRTUAL_SHARD_BITS )
					+ ") not in (:" + PARAMETER + ")", false, Map.of(), Map.of() );
		}
		return uncovered;
	}

	/** @return the column whose low bits carry a row's virtual shard, or {@code null} */
	private static Column virtualShardColumn(MetadataImplementor metadata, PersistentClass entity) {
		if ( carriesVirtualShard( entity ) ) {
			return entity.getIdentifier().getColumns().get( 0 );
		}
		for ( Property property : entity.getPropertyClosure() ) {
			if ( property.getValue() instanceof ManyToOne association && annotated( entity.getMappedClass(), property.getName(), ShardKey.class )
					&& association.getColumns().size() == 1 ) {
				PersistentClass parent = metadata.getEntityBinding( association.getReferencedEntityName() );
				if ( parent != null && carriesVirtualShard( parent.getRootClass() ) ) {
					return association.getColumns().get( 0 );
				}
			}
		}
		return null;
	}

	private static boolean carriesVirtualShard(PersistentClass entity) {
		Property id = entity.getIdentifierProperty();
		return id != null && entity.getIdentifier().getColumns().size() == 1 && annotated( entity.getMappedClass(), id.getName(), ShardedId.class );
	}

	private static boolean annotated(Class<?> type, String property, Class<? extends Annotation> annotation) {
		String getter = "get" + Character.toUpperCase( property.charAt( 0 ) ) + property.substring( 1 );
		for ( Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass() ) {
			for ( Field field : c.getDeclaredFields() ) {
				if ( field.getName().equals( property ) && field.isAnnotationPresent( annotation ) ) {
					return true;
				}
			}
			for ( Method method : c.getDeclaredMethods() ) {
				if ( method.getName().equals( getter ) && method.getParameterCount() == 0 && method.isAnnotationPresent( annotation ) ) {
					return true;
				}
			}
		}
		return false;
	}
}
