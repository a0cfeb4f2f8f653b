package org.hibernate.shards.internal.query.plan;

import java.util.ArrayList;
import java.util.List;

import org.hibernate.query.sqm.NodeBuilder;
import org.hibernate.query.sqm.tree.expression.SqmExpression;
import org.hibernate.query.sqm.tree.select.SqmDynamicInstantiation;
import org.hibernate.query.sqm.tree.select.SqmQuerySpec;
import org.hibernate.query.sqm.tree.select.SqmSelectClause;
import org.hibernate.query.sqm.tree.select.SqmSelectableNode;
import org.hibernate.query.sqm.tree.select.SqmSelection;
import org.hibernate.query.sqm.tree.select.SqmSortSpecification;
import org.hibernate.shards.internal.query.merge.Projection;
import org.hibernate.shards.internal.query.merge.SortKey;

/**
 * Plans the merge of a query without aggregates: the shards' rows are the answer's rows, ordered by a k-way merge,
 * with duplicates dropped for DISTINCT and paging applied after merging. It rewrites the shard statement: hidden
 * sort and identity columns are added (collation keys where the database compares other than Java), paging removed.
 */
final class PlainMergePlanner {
	private final CollationKeys collationKeys;

	PlainMergePlanner(CollationKeys collationKeys) {
		this.collationKeys = collationKeys;
	}

	@SuppressWarnings("unchecked")
	MergeSpec plan(SqmQuerySpec<Object[]> spec, NodeBuilder nb, Class<?> resultType) {
		List<SqmSelectableNode<?>> items = SqmNodes.items( spec );
		// Hibernate's list() keeps one row per entity instance when the query's one value is an entity that a join may
		// repeat (ListResultsConsumer's ALLOW semantic); with a collection fetch, the distinct columns below do it.
		boolean uniqueEntities = items.size() == 1 && SqmNodes.hasEntity( items ) && !spec.producesUniqueResults()
				&& !spec.containsCollectionFetches() && ( resultType == null || resultType == Object.class || !ResultType.isGeneric( resultType ) );
		SqmSelectClause clause = new SqmSelectClause( spec.isDistinct(), nb );
		List<String> aliases = SqmNodes.aliases( spec, items );
		boolean wrap = items.size() > 1 && !ResultType.isGeneric( resultType );
		Projection projection;
		int values;
		if ( wrap ) {
			// Implicit instantiation (select a, b returning Dto): let each shard build the objects.
			clause.addSelection( new SqmSelection<>( SqmDynamicInstantiation.classInstantiation( resultType, items, nb ), nb ) );
			values = 1;
			projection = Projection.single();
		}
		else {
			for ( int i = 0; i < items.size(); i++ ) {
				clause.addSelection( new SqmSelection<>( (SqmSelectableNode<Object>) items.get( i ), aliases.get( i ), nb ) );
			}
			values = items.size();
			projection = ResultType.projection( resultType, items, aliases );
		}
		List<SortKey> sortKeys = new ArrayList<>();
		List<SqmSortSpecification> shardOrder = new ArrayList<>();
		for ( SqmSortSpecification sort : spec.getSortSpecifications() ) {
			SqmExpression<?> expression = SqmNodes.sortExpression( sort, items );
			int column = SqmNodes.addHidden( clause, collationKeys.of( expression, nb ), nb );
			sortKeys.add( SqmNodes.sortKey( column, sort ) );
			shardOrder.add( new SqmSortSpecification( expression, sort.getSortDirection(), sort.getNullPrecedence() ) );
		}
		int[] distinct = null;
		if ( spec.isDistinct() ) {
			distinct = new int[wrap ? items.size() : values];
			for ( int i = 0; i < distinct.length; i++ ) {
				SqmSelectableNode<?> item = items.get( i );
				distinct[i] = wrap || collationKeys.differFromJava( item ) || item instanceof SqmDynamicInstantiation<?>
						? SqmNodes.addHidden( clause, identity( item, nb ), nb ) : i;
			}
		}
		// A collection fetch returns one row per fetched element, which Hibernate folds into distinct roots: so do we, and
		// paging counts roots, so the shards cannot be asked for offset + limit rows.
		boolean fetchesCollections = spec.containsCollectionFetches();
		if ( fetchesCollections && distinct == null ) {
			distinct = new int[values];
			for ( int i = 0; i < values; i++ ) {
				distinct[i] = i;
			}
		}
		Paging paging = Paging.liftFrom( spec );
		spec.setSelectClause( clause );
		spec.setSortSpecifications( shardOrder );
		return MergeSpec.ofRows( values, projection, sortKeys, distinct, paging, SqmNodes.hasEntity( items ), uniqueEntities, !fetchesCollections );
	}

	/** For DISTINCT: what identifies an item (collation key of a string; the arguments of a constructed object). */
	private SqmExpression<?> identity(SqmSelectableNode<?> item, NodeBuilder nb) {
		if ( item instanceof SqmDynamicInstantiation<?> instantiation ) {
			throw Unsupported.DISTINCT_NEW.refusal( instantiation.getJavaType().getSimpleName() );
		}
		return collationKeys.of( (SqmExpression<?>) item, nb );
	}
}
