package org.hibernate.shards.internal.move;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.metamodel.mapping.BasicValuedModelPart;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.metamodel.mapping.ModelPart;
import org.hibernate.persister.collection.CollectionPersister;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.shards.internal.routing.EntitySharding;
import org.hibernate.shards.internal.routing.ShardingMetamodel;
import org.hibernate.shards.spi.move.ShardedTable;
import org.hibernate.type.EntityType;

/**
 * Reads from the mappings which tables hold rows of virtual shards and how each row's virtual shard is told; the one
 * place where moves look at Hibernate's persisters. Entity tables come first, parents before children, then the
 * tables that depend on them.
 */
final class MoveTables {
	private MoveTables() {
	}

	static List<MoveTable> of(SessionFactoryImplementor factory, ShardingMetamodel metamodel) {
		Map<String, EntityPersister> roots = new LinkedHashMap<>();
		factory.getMappingMetamodel().forEachEntityDescriptor( persister -> {
			EntityPersister root = factory.getMappingMetamodel().getEntityDescriptor( persister.getRootEntityName() );
			roots.putIfAbsent( root.getEntityName(), root );
		} );
		Map<String, MoveTable> byEntity = new LinkedHashMap<>();
		for ( EntityPersister root : roots.values() ) {
			entityTable( root, roots, metamodel, byEntity, 0 );
		}
		// A table per concrete class keeps a subclass's rows in tables of their own, which the root's table does not name.
		factory.getMappingMetamodel().forEachEntityDescriptor( persister -> {
			if ( persister instanceof org.hibernate.persister.entity.UnionSubclassEntityPersister ) {
				byEntity.computeIfPresent( persister.getRootEntityName(), (name, table) -> table.unmovable() != null ? table
						: new MoveTable( table.table(), table.sqlName(), table.keyColumn(), table.rule(), table.memberColumn(), table.parent(),
								table.sharding(), table.keyMapping(), "it is mapped with a table per concrete class, which moves do not follow yet",
								table.valueColumn() ) );
			}
		} );
		List<MoveTable> tables = new ArrayList<>();
		java.util.Set<String> placed = new java.util.HashSet<>();
		for ( EntityPersister root : roots.values() ) {
			parentsFirst( root, roots, byEntity, tables, placed, new java.util.HashSet<>() );
		}
		java.util.Set<String> seen = new java.util.HashSet<>();
		tables.forEach( table -> seen.add( table.name().toLowerCase( Locale.ROOT ) ) );
		factory.getMappingMetamodel().forEachEntityDescriptor( persister -> {
			MoveTable owner = byEntity.get( persister.getRootEntityName() );
			for ( int j = 1; j < persister.getTableSpan(); j++ ) {
				addDependent( tables, seen, owner, persister.getTableName( j ), persister.getKeyColumns( j ) );
			}
		} );
		factory.getMappingMetamodel().forEachCollectionDescriptor( collection -> {
			if ( !collection.isOneToMany() && !collection.isInverse() ) {
				addDependent( tables, seen, byEntity.get( collection.getOwnerEntityPersister().getRootEntityName() ),
						tableOf( collection ), ( (org.hibernate.persister.collection.AbstractCollectionPersister) collection ).getKeyColumnNames() );
			}
		} );
		return List.copyOf( tables );
	}

	/** Adds an entity's table after the tables of every entity it references (a cycle is broken where it closes). */
	private static void parentsFirst(EntityPersister root, Map<String, EntityPersister> roots, Map<String, MoveTable> byEntity,
			List<MoveTable> tables, java.util.Set<String> placed, java.util.Set<String> visiting) {
		if ( placed.contains( root.getEntityName() ) || !visiting.add( root.getEntityName() ) ) {
			return;
		}
		for ( org.hibernate.type.Type type : root.getPropertyTypes() ) {
			if ( type instanceof EntityType entityType && !type.isCollectionType() ) {
				String target = root.getFactory().getMappingMetamodel().getEntityDescriptor( entityType.getAssociatedEntityName() ).getRootEntityName();
				if ( !target.equals( root.getEntityName() ) ) {
					parentsFirst( roots.get( target ), roots, byEntity, tables, placed, visiting );
				}
			}
		}
		placed.add( root.getEntityName() );
		tables.add( byEntity.get( root.getEntityName() ) );
	}

	private static String tableOf(CollectionPersister collection) {
		return ( (org.hibernate.persister.collection.AbstractCollectionPersister) collection ).getTableName();
	}

	private static void addDependent(List<MoveTable> tables, java.util.Set<String> seen, MoveTable owner, String table, String[] keyColumns) {
		if ( !seen.add( unquote( table ).toLowerCase( Locale.ROOT ) ) ) {
			return;
		}
		String unmovable = keyColumns.length == 1 ? owner.unmovable()
				: "its rows are keyed by " + keyColumns.length + " columns; moves follow single-column keys";
		tables.add( new MoveTable( new ShardedTable( unquote( table ), owner.table().entityName(), List.of( unquote( keyColumns[0] ) ), true ),
				table, keyColumns[0], MoveTable.Rule.OWNER, keyColumns[0], owner, null, null, unmovable, null ) );
	}

	/** Adds an entity's table after the table of the entity its shard key follows. */
	private static MoveTable entityTable(EntityPersister root, Map<String, EntityPersister> roots, ShardingMetamodel metamodel,
			Map<String, MoveTable> byEntity, int depth) {
		MoveTable known = byEntity.get( root.getEntityName() );
		if ( known != null ) {
			return known;
		}
		EntitySharding sharding = metamodel.byEntityName( root.getEntityName() );
		String[] idColumns = root.getRootTableIdentifierColumnNames();
		String pk = idColumns[0];
		String unmovable = idColumns.length == 1 ? null : "its primary key has " + idColumns.length + " columns; moves copy rows by a single-column key";
		MoveTable.Rule rule;
		String memberColumn = pk;
		MoveTable parent = null;
		JdbcMapping keyMapping = null;
		String valueColumn = null;
		if ( sharding.keyKind() == EntitySharding.KeyKind.VALUE ) {
			ModelPart key = sharding.keyIndex() < 0 ? root.getIdentifierMapping() : root.findAttributeMapping( sharding.keyName() );
			keyMapping = ( (BasicValuedModelPart) key ).getJdbcMapping();
			valueColumn = sharding.keyIndex() < 0 ? pk : columnsOf( root, sharding.keyIndex() )[0];
		}
		if ( sharding.shardedId() ) {
			rule = MoveTable.Rule.SHARDED_ID;
		}
		else if ( sharding.keyKind() == EntitySharding.KeyKind.VALUE ) {
			rule = MoveTable.Rule.KEY_VALUE;
			memberColumn = valueColumn;
		}
		else if ( sharding.keyKind() == EntitySharding.KeyKind.ASSOCIATION && depth < 16 ) {
			rule = MoveTable.Rule.PARENT;
			memberColumn = columnsOf( root, sharding.keyIndex() )[0];
			String parentName = ( (EntityType) root.getPropertyTypes()[sharding.keyIndex()] ).getAssociatedEntityName();
			EntityPersister parentRoot = roots.get( root.getFactory().getMappingMetamodel().getEntityDescriptor( parentName ).getRootEntityName() );
			parent = entityTable( parentRoot, roots, metamodel, byEntity, depth + 1 );
			if ( unmovable == null ) {
				unmovable = parent.unmovable();
			}
		}
		else {
			rule = MoveTable.Rule.UNKNOWN;
			if ( unmovable == null ) {
				unmovable = "nothing in its rows tells their virtual shard: give it a @ShardedId id or a @ShardKey";
			}
		}
		String table = root.getRootTableName();
		MoveTable moveTable = new MoveTable( new ShardedTable( unquote( table ), root.getEntityName(), List.of( unquote( pk ) ), false ),
				table, pk, rule, memberColumn, parent, sharding, keyMapping, unmovable, valueColumn );
		byEntity.put( root.getEntityName(), moveTable );
		return moveTable;
	}

	private static String[] columnsOf(EntityPersister persister, int property) {
		return ( (org.hibernate.persister.entity.AbstractEntityPersister) persister ).getPropertyColumnNames( property );
	}

	static String unquote(String name) {
		if ( name.length() > 1 && ( name.charAt( 0 ) == '`' || name.charAt( 0 ) == '"' ) ) {
			return name.substring( 1, name.length() - 1 );
		}
		return name;
	}
}
