package org.hibernate.shards.internal.query.plan;

import jakarta.persistence.criteria.Expression;
import org.hibernate.metamodel.model.domain.EntityDomainType;
import org.hibernate.query.criteria.JpaExpression;
import org.hibernate.query.sqm.NodeBuilder;
import org.hibernate.query.sqm.tree.domain.SqmPath;
import org.hibernate.query.sqm.tree.expression.SqmExpression;
import org.hibernate.query.sqm.tree.select.SqmSelectableNode;

/**
 * What the database compares when it orders, groups or removes duplicates, so that merged rows compare the same way.
 * On MySQL-family databases strings compare by their collation's keys ({@code WEIGHT_STRING}) and enums by position,
 * and AVG follows MySQL's rounding ({@link #mysqlRules()}).
 */
final class CollationKeys {
	private final boolean mysqlRules;

	/** @param mysqlRules whether the shards are MySQL or MariaDB */
	CollationKeys(boolean mysqlRules) {
		this.mysqlRules = mysqlRules;
	}

	boolean mysqlRules() {
		return mysqlRules;
	}

	/**
	 * What the database compares when it compares an expression: on MySQL-family databases the collation key of a string,
	 * and the index of an enum (a MySQL ENUM column sorts by its position in the column's list, an ordinal column by its
	 * number: cast to a number, both give that); the id of an entity; the expression itself otherwise.
	 */
	SqmExpression<?> of(SqmExpression<?> expression, NodeBuilder nb) {
		if ( expression instanceof SqmPath<?> path && path.getReferencedPathSource().getPathType() instanceof EntityDomainType<?> entity ) {
			return path.get( entity.getId( entity.getIdType().getJavaType() ).getName() );
		}
		if ( mysqlRules && SqmNodes.isString( expression ) ) {
			return nb.function( "weight_string", byte[].class, new Expression<?>[] { expression } );
		}
		if ( mysqlRules && expression.getJavaType() != null && expression.getJavaType().isEnum() ) {
			return nb.cast( (JpaExpression<?>) expression, Long.class );
		}
		return expression;
	}

	/** Whether the database compares this expression other than Java would: by collation (strings) or position (enums). */
	boolean differFromJava(SqmSelectableNode<?> node) {
		return mysqlRules && ( SqmNodes.isString( node ) || node.getJavaType() != null && node.getJavaType().isEnum() );
	}
}
