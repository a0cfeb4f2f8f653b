package org.hibernate.shards.internal.query.plan;

import org.hibernate.query.sqm.tree.domain.SqmPath;
import org.hibernate.query.sqm.tree.expression.SqmExpression;
import org.hibernate.query.sqm.tree.from.SqmRoot;
import org.hibernate.query.sqm.tree.predicate.SqmComparisonPredicate;
import org.hibernate.query.sqm.tree.predicate.SqmGroupedPredicate;
import org.hibernate.query.sqm.tree.predicate.SqmJunctionPredicate;
import org.hibernate.query.sqm.tree.predicate.SqmPredicate;
import org.hibernate.query.sqm.tree.select.SqmQueryPart;
import org.hibernate.query.sqm.tree.select.SqmQuerySpec;
import org.hibernate.query.sqm.tree.select.SqmSubQuery;
import org.hibernate.shards.internal.routing.EntitySharding;
import org.hibernate.shards.internal.routing.ShardingMetamodel;

/**
 * Tells whether a subquery reads only the outer row's shard. It does when it is correlated through an association
 * ({@code from outer.orders o}, or {@code where o.customer = outer}): the rows it reads reference the outer row, so
 * they live on its shard. Otherwise it reads its own rows, wherever its own WHERE clause routes.
 */
final class SubqueryLocality {
	private final ShardingMetamodel metamodel;
	private final RoutingReader routingReader;
	private final CoLocation coLocation;

	SubqueryLocality(ShardingMetamodel metamodel, RoutingReader routingReader, CoLocation coLocation) {
		this.metamodel = metamodel;
		this.routingReader = routingReader;
		this.coLocation = coLocation;
	}

	/**
	 * @return {@code null} for a subquery local to the outer row's entity group (it is correlated through an association,
	 *         so it reads the same shard), or the subquery's own routing otherwise
	 */
	SelectPlan.SubqueryRouting routingOf(SqmSubQuery<?> subquery) {
		SqmQueryPart<?> part = subquery.getQueryPart();
		if ( !( part instanceof SqmQuerySpec<?> spec ) ) {
			return new SelectPlan.SubqueryRouting( "a subquery with UNION, INTERSECT or EXCEPT", Routing.ALL );
		}
		// Roots that stand for the outer query's aliases are not rows of the subquery's own.
		java.util.List<SqmRoot<?>> own = spec.getFromClause().getRoots().stream()
				.filter( root -> !( root instanceof org.hibernate.query.sqm.tree.domain.SqmCorrelation<?, ?> ) )
				.toList();
		if ( own.isEmpty() ) {
			return null; // "from outer.association x": rows reached from the outer row itself
		}
		if ( own.size() > 1 ) {
			return new SelectPlan.SubqueryRouting( "a subquery over several entities", Routing.ALL );
		}
		SqmRoot<?> root = own.get( 0 );
		EntitySharding entity = metamodel.byEntityName( root.getEntityName() );
		if ( correlatedThroughAssociation( SqmNodes.where( spec ), root, entity ) ) {
			return null;
		}
		return new SelectPlan.SubqueryRouting( "the subquery over " + entity.simpleName(),
				routingReader.read( SqmNodes.where( spec ), root, entity ) );
	}

	/** A conjunct {@code sub.association = outer} (or its mirror image) ties the subquery's rows to the outer row. */
	boolean correlatedThroughAssociation(SqmPredicate predicate, org.hibernate.query.sqm.tree.from.SqmFrom<?, ?> root, EntitySharding entity) {
		if ( predicate instanceof SqmGroupedPredicate grouped ) {
			return correlatedThroughAssociation( grouped.getSubPredicate(), root, entity );
		}
		if ( predicate instanceof SqmJunctionPredicate junction && junction.getOperator() == jakarta.persistence.criteria.Predicate.BooleanOperator.AND ) {
			for ( SqmPredicate part : junction.getPredicates() ) {
				if ( correlatedThroughAssociation( part, root, entity ) ) {
					return true;
				}
			}
			return false;
		}
		if ( predicate instanceof SqmComparisonPredicate comparison && !comparison.isNegated()
				&& comparison.getSqmOperator() == org.hibernate.query.sqm.ComparisonOperator.EQUAL ) {
			return referencesOuter( comparison.getLeftHandExpression(), comparison.getRightHandExpression(), root, entity )
					|| referencesOuter( comparison.getRightHandExpression(), comparison.getLeftHandExpression(), root, entity );
		}
		return false;
	}

	private boolean referencesOuter(SqmExpression<?> inner, SqmExpression<?> outer, org.hibernate.query.sqm.tree.from.SqmFrom<?, ?> root, EntitySharding entity) {
		// sub.association = outerAlias, or sub.association.id = outerAlias.id
		SqmExpression<?> innerBase = idParent( inner );
		SqmExpression<?> outerBase = idParent( outer );
		if ( !( innerBase instanceof SqmPath<?> path ) || path.getLhs() == null || !isOuterEntity( outerBase, root ) ) {
			return false;
		}
		if ( isSame( path.getLhs(), root ) ) {
			return coLocation.isCoLocated( entity, path.getReferencedPathSource().getPathName(), null, null )
					|| coLocation.followsThrough( entity, path.getReferencedPathSource().getPathName() );
		}
		// sub.order.customer = outer: a chain of associations; each hop stays on its shard while references are checked.
		for ( SqmPath<?> hop = path.getLhs(); hop != null; hop = hop.getLhs() ) {
			if ( isSame( hop, root ) ) {
				return coLocation.isCoLocated( entity, path.getReferencedPathSource().getPathName(), null, null );
			}
			if ( !( hop.getReferencedPathSource().getPathType() instanceof org.hibernate.metamodel.model.domain.EntityDomainType<?> ) ) {
				return false;
			}
		}
		return false;
	}

	private static SqmExpression<?> idParent(SqmExpression<?> expression) {
		if ( expression instanceof SqmPath<?> path && path.getLhs() != null
				&& path.getLhs().getReferencedPathSource().getPathType() instanceof org.hibernate.metamodel.model.domain.EntityDomainType<?> entity
				&& entity.getIdType() != null && entity.getId( entity.getIdType().getJavaType() ) != null
				&& entity.getId( entity.getIdType().getJavaType() ).getName().equals( path.getReferencedPathSource().getPathName() ) ) {
			return path.getLhs();
		}
		return expression;
	}

	/** An entity-valued path that does not belong to the subquery: a from-element of an enclosing query. */
	private static boolean isOuterEntity(SqmExpression<?> expression, org.hibernate.query.sqm.tree.from.SqmFrom<?, ?> subqueryRoot) {
		if ( !( expression instanceof SqmPath<?> path ) ) {
			return false;
		}
		if ( !( path.getReferencedPathSource().getPathType() instanceof org.hibernate.metamodel.model.domain.EntityDomainType<?> ) ) {
			return false;
		}
		for ( SqmPath<?> p = path; p != null; p = p.getLhs() ) {
			if ( isSame( p, subqueryRoot ) ) {
				return false;
			}
		}
		return true;
	}

	private static boolean isSame(SqmPath<?> a, SqmPath<?> b) {
		return a == b || a.getNavigablePath().equals( b.getNavigablePath() );
	}
}
