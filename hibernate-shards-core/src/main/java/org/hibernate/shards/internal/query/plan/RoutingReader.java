package org.hibernate.shards.internal.query.plan;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.criteria.Predicate;
import org.hibernate.query.sqm.ComparisonOperator;
import org.hibernate.query.sqm.tree.domain.SqmPath;
import org.hibernate.query.sqm.tree.expression.JpaCriteriaParameter;
import org.hibernate.query.sqm.tree.expression.SqmExpression;
import org.hibernate.query.sqm.tree.expression.SqmJpaCriteriaParameterWrapper;
import org.hibernate.query.sqm.tree.expression.SqmLiteral;
import org.hibernate.query.sqm.tree.expression.SqmNamedParameter;
import org.hibernate.query.sqm.tree.expression.SqmParameter;
import org.hibernate.query.sqm.tree.expression.SqmPositionalParameter;
import org.hibernate.query.sqm.tree.from.SqmFrom;
import org.hibernate.query.sqm.tree.predicate.SqmComparisonPredicate;
import org.hibernate.query.sqm.tree.predicate.SqmGroupedPredicate;
import org.hibernate.query.sqm.tree.predicate.SqmInListPredicate;
import org.hibernate.query.sqm.tree.predicate.SqmJunctionPredicate;
import org.hibernate.query.sqm.tree.predicate.SqmPredicate;
import org.hibernate.shards.internal.routing.EntitySharding;
import org.hibernate.shards.internal.routing.ShardingMetamodel;

/**
 * Reads the conditions of a WHERE clause that tell which shards hold the matching rows: equality or IN on the root
 * entity's shard key, on its sharded id, on the association it is co-located through, or on that associated entity's
 * key or id. Anything else leaves the query on every shard. It reads no values: the routing it returns maps them to
 * shards at execution.
 */
final class RoutingReader {
	private final ShardingMetamodel metamodel;

	RoutingReader(ShardingMetamodel metamodel) {
		this.metamodel = metamodel;
	}

	Routing read(SqmPredicate predicate, SqmFrom<?, ?> root, EntitySharding entity) {
		if ( predicate == null || predicate.isNegated() ) {
			return Routing.ALL;
		}
		if ( predicate instanceof SqmGroupedPredicate grouped ) {
			return read( grouped.getSubPredicate(), root, entity );
		}
		if ( predicate instanceof SqmJunctionPredicate junction ) {
			List<Routing> parts = new ArrayList<>();
			for ( SqmPredicate part : junction.getPredicates() ) {
				parts.add( read( part, root, entity ) );
			}
			return junction.getOperator() == Predicate.BooleanOperator.AND ? new Routing.And( parts ) : new Routing.Or( parts );
		}
		if ( predicate instanceof SqmComparisonPredicate comparison && comparison.getSqmOperator() == ComparisonOperator.EQUAL ) {
			Routing routing = condition( comparison.getLeftHandExpression(), List.of( comparison.getRightHandExpression() ), root, entity );
			return routing != Routing.ALL ? routing
					: condition( comparison.getRightHandExpression(), List.of( comparison.getLeftHandExpression() ), root, entity );
		}
		if ( predicate instanceof SqmInListPredicate<?> in ) {
			return condition( in.getTestExpression(), new ArrayList<>( in.getListExpressions() ), root, entity );
		}
		return Routing.ALL;
	}

	/** {@code path = value} (or in values) where path hangs off the root. */
	private Routing condition(SqmExpression<?> left, List<? extends SqmExpression<?>> right, SqmFrom<?, ?> root, EntitySharding entity) {
		if ( !( left instanceof SqmPath<?> path ) || path.getLhs() == null ) {
			return Routing.ALL;
		}
		List<ValueSource> values = new ArrayList<>();
		for ( SqmExpression<?> expression : right ) {
			ValueSource value = valueSource( expression );
			if ( value == null ) {
				return Routing.ALL;
			}
			values.add( value );
		}
		String attribute = path.getReferencedPathSource().getPathName();
		if ( isRoot( path.getLhs(), root ) ) {
			Routing.ShardOfValue byValue = ofAttribute( entity, attribute );
			return byValue == null ? Routing.ALL : new Routing.ByValues( entity.simpleName() + "." + attribute, values, byValue );
		}
		// root.association.attribute, where the root lives with the associated entity
		SqmPath<?> association = path.getLhs();
		if ( association.getLhs() != null && isRoot( association.getLhs(), root )
				&& entity.keyKind() == EntitySharding.KeyKind.ASSOCIATION
				&& association.getReferencedPathSource().getPathName().equals( entity.keyName() ) ) {
			EntitySharding parent = parentOf( entity );
			Routing.ShardOfValue byValue = parent == null ? null : ofAttribute( parent, attribute );
			return byValue == null ? Routing.ALL
					: new Routing.ByValues( entity.simpleName() + "." + entity.keyName() + "." + attribute, values, byValue );
		}
		return Routing.ALL;
	}

	/** @return how a value of this attribute maps to a shard, or {@code null} when it does not */
	private static Routing.ShardOfValue ofAttribute(EntitySharding entity, String attribute) {
		boolean isId = attribute.equals( entity.persister().getIdentifierPropertyName() );
		if ( entity.keyKind() == EntitySharding.KeyKind.VALUE && ( attribute.equals( entity.keyName() ) || isId && entity.keyIndex() < 0 ) ) {
			return (shardValues, value) -> shardValues.ofKeyValue( entity, value );
		}
		if ( isId && entity.shardedId() ) {
			return ShardValues::ofShardedId;
		}
		if ( entity.keyKind() == EntitySharding.KeyKind.ASSOCIATION && attribute.equals( entity.keyName() ) ) {
			return ShardValues::ofEntity;
		}
		return null;
	}

	private EntitySharding parentOf(EntitySharding entity) {
		org.hibernate.type.Type type = entity.persister().getPropertyTypes()[entity.keyIndex()];
		if ( type instanceof org.hibernate.type.EntityType association ) {
			return metamodel.byEntityName( association.getAssociatedEntityName() );
		}
		return null;
	}

	private static boolean isRoot(SqmPath<?> path, SqmFrom<?, ?> root) {
		return path == root || path.getNavigablePath().equals( root.getNavigablePath() );
	}


	/** @return where a comparison's value comes from, or {@code null} when it is not a literal or a parameter */
	static ValueSource valueSource(SqmExpression<?> expression) {
		if ( expression instanceof SqmLiteral<?> literal ) {
			return new ValueSource.Literal( literal.getLiteralValue() );
		}
		if ( expression instanceof SqmParameter<?> parameter ) {
			return new ValueSource.Parameter( parameterKey( parameter ) );
		}
		return null;
	}

	/** A parameter as the query's binding API knows it: a name, a position, or the criteria parameter object. */
	static Object parameterKey(SqmParameter<?> parameter) {
		if ( parameter instanceof SqmNamedParameter<?> named ) {
			return named.getName();
		}
		if ( parameter instanceof SqmPositionalParameter<?> positional ) {
			return positional.getPosition();
		}
		if ( parameter instanceof SqmJpaCriteriaParameterWrapper<?> wrapper ) {
			JpaCriteriaParameter<?> criteria = wrapper.getJpaCriteriaParameter();
			return criteria.getName() != null ? criteria.getName() : criteria;
		}
		return parameter;
	}
}
