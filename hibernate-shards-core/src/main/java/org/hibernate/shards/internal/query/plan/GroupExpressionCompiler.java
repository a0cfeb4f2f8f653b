package org.hibernate.shards.internal.query.plan;

import jakarta.persistence.criteria.Predicate;
import org.hibernate.query.sqm.ComparisonOperator;
import org.hibernate.query.sqm.UnaryArithmeticOperator;
import org.hibernate.query.sqm.tree.expression.SqmBinaryArithmetic;
import org.hibernate.query.sqm.tree.expression.SqmExpression;
import org.hibernate.query.sqm.tree.expression.SqmFunction;
import org.hibernate.query.sqm.tree.expression.SqmLiteral;
import org.hibernate.query.sqm.tree.expression.SqmParameter;
import org.hibernate.query.sqm.tree.expression.SqmUnaryOperation;
import org.hibernate.query.sqm.tree.predicate.SqmBetweenPredicate;
import org.hibernate.query.sqm.tree.predicate.SqmComparisonPredicate;
import org.hibernate.query.sqm.tree.predicate.SqmGroupedPredicate;
import org.hibernate.query.sqm.tree.predicate.SqmJunctionPredicate;
import org.hibernate.query.sqm.tree.predicate.SqmNegatedPredicate;
import org.hibernate.query.sqm.tree.predicate.SqmNullnessPredicate;
import org.hibernate.query.sqm.tree.predicate.SqmPredicate;
import org.hibernate.shards.internal.query.merge.RowExpression;
import org.hibernate.shards.internal.query.merge.RowPredicate;
import org.hibernate.shards.internal.query.merge.SqlValues;

/**
 * Compiles the SELECT, ORDER BY and HAVING expressions of a grouped or aggregate query into expressions over merged
 * groups: GROUP BY values, aggregates, literals, parameters (read from the bindings when the merge runs), and
 * {@code + - *} and comparisons over those. Anything else cannot be recomputed from per-shard parts and is refused.
 */
final class GroupExpressionCompiler {
	private final AggregateLayout layout;

	/** @param layout the layout once its group merge is known */
	GroupExpressionCompiler(AggregateLayout layout) {
		this.layout = layout;
	}

	RowExpression expression(SqmExpression<?> expression) {
		int group = SqmNodes.groupIndex( expression, layout.groupBy );
		if ( group >= 0 ) {
			return RowExpression.column( layout.mergedIndexOfShardColumn( layout.groupValueColumn[group] ) );
		}
		if ( expression instanceof SqmFunction<?> function && layout.compiledAggregates.containsKey( function ) ) {
			return layout.compiledAggregates.get( function );
		}
		if ( expression instanceof SqmLiteral<?> literal ) {
			return RowExpression.constant( literal.getLiteralValue() );
		}
		if ( expression instanceof SqmParameter<?> parameter ) {
			return RowExpression.parameter( RoutingReader.parameterKey( parameter ) );
		}
		// The value of arithmetic takes the Java type Hibernate gives the expression (max(int) - min(int) is an Integer).
		Class<?> type = expression.getJavaType();
		if ( expression instanceof SqmBinaryArithmetic<?> arithmetic ) {
			RowExpression left = expression( arithmetic.getLeftHandOperand() );
			RowExpression right = expression( arithmetic.getRightHandOperand() );
			return switch ( arithmetic.getOperator() ) {
				case ADD -> (row, bindings) -> SqlValues.as( SqlValues.add( left.evaluate( row, bindings ), right.evaluate( row, bindings ) ), type );
				case SUBTRACT -> (row, bindings) -> SqlValues.as( SqlValues.subtract( left.evaluate( row, bindings ), right.evaluate( row, bindings ) ), type );
				case MULTIPLY -> (row, bindings) -> SqlValues.as( SqlValues.multiply( left.evaluate( row, bindings ), right.evaluate( row, bindings ) ), type );
				default -> throw Unsupported.DIVISION_OF_AGGREGATES.refusal( arithmetic.getOperator().getOperatorSqlTextString() );
			};
		}
		if ( expression instanceof SqmUnaryOperation<?> unary ) {
			RowExpression operand = expression( unary.getOperand() );
			return unary.getOperation() == UnaryArithmeticOperator.UNARY_MINUS
					? (row, bindings) -> SqlValues.as( SqlValues.negate( operand.evaluate( row, bindings ) ), type ) : operand;
		}
		throw Unsupported.NOT_RECOMPUTABLE.refusal( SqmNodes.describe( expression ) );
	}

	RowPredicate predicate(SqmPredicate predicate) {
		RowPredicate compiled = positive( predicate );
		return predicate.isNegated() && !( predicate instanceof SqmNegatedPredicate ) && !( predicate instanceof SqmJunctionPredicate )
				? RowPredicate.not( compiled ) : compiled;
	}

	/** The predicate without its own negation. */
	private RowPredicate positive(SqmPredicate predicate) {
		if ( predicate instanceof SqmGroupedPredicate grouped ) {
			return predicate( grouped.getSubPredicate() );
		}
		if ( predicate instanceof SqmNegatedPredicate negated ) {
			return RowPredicate.not( predicate( negated.getWrappedPredicate() ) );
		}
		if ( predicate instanceof SqmJunctionPredicate junction ) {
			RowPredicate result = null;
			boolean and = junction.getOperator() == Predicate.BooleanOperator.AND;
			for ( SqmPredicate part : junction.getPredicates() ) {
				RowPredicate next = predicate( part );
				result = result == null ? next : and ? RowPredicate.and( result, next ) : RowPredicate.or( result, next );
			}
			return junction.isNegated() ? RowPredicate.not( result ) : result;
		}
		if ( predicate instanceof SqmComparisonPredicate comparison ) {
			requireNotString( comparison.getLeftHandExpression() );
			requireNotString( comparison.getRightHandExpression() );
			RowExpression left = expression( comparison.getLeftHandExpression() );
			RowExpression right = expression( comparison.getRightHandExpression() );
			ComparisonOperator operator = comparison.getSqmOperator();
			return (row, bindings) -> {
				Object a = left.evaluate( row, bindings );
				Object b = right.evaluate( row, bindings );
				return a == null || b == null ? null : holds( operator, SqlValues.compare( a, b ) );
			};
		}
		if ( predicate instanceof SqmNullnessPredicate nullness ) {
			RowExpression value = expression( nullness.getExpression() );
			return (row, bindings) -> value.evaluate( row, bindings ) == null;
		}
		if ( predicate instanceof SqmBetweenPredicate between ) {
			requireNotString( between.getExpression() );
			RowExpression value = expression( between.getExpression() );
			RowExpression low = expression( between.getLowerBound() );
			RowExpression high = expression( between.getUpperBound() );
			return (row, bindings) -> {
				Object v = value.evaluate( row, bindings );
				Object l = low.evaluate( row, bindings );
				Object h = high.evaluate( row, bindings );
				if ( v == null || l == null || h == null ) {
					return null;
				}
				return SqlValues.compare( v, l ) >= 0 && SqlValues.compare( v, h ) <= 0;
			};
		}
		throw Unsupported.HAVING_CONDITION.refusal( predicate.getClass().getSimpleName().replace( "Sqm", "" ) );
	}

	private static boolean holds(ComparisonOperator operator, int comparison) {
		return switch ( operator ) {
			case EQUAL -> comparison == 0;
			case NOT_EQUAL -> comparison != 0;
			case LESS_THAN -> comparison < 0;
			case LESS_THAN_OR_EQUAL -> comparison <= 0;
			case GREATER_THAN -> comparison > 0;
			case GREATER_THAN_OR_EQUAL -> comparison >= 0;
			default -> throw new IllegalStateException( "Unexpected comparison " + operator );
		};
	}

	private static void requireNotString(SqmExpression<?> expression) {
		if ( SqmNodes.isString( expression ) ) {
			throw Unsupported.HAVING_ON_STRINGS.refusal();
		}
	}
}
