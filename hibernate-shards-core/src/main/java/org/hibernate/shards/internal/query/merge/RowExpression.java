package org.hibernate.shards.internal.query.merge;

/**
 * A value computed from a merged row: a column, a constant or parameter, or arithmetic over those. Expressions over
 * aggregates (in SELECT, HAVING and ORDER BY of grouped queries) are recomputed this way from the merged groups.
 */
@FunctionalInterface
public interface RowExpression {
	Object evaluate(Object[] row);

	static RowExpression column(int index) {
		return row -> row[index];
	}

	static RowExpression constant(Object value) {
		return row -> value;
	}
}
