package org.hibernate.shards.internal.query.merge;

import org.hibernate.shards.internal.query.plan.ValueSource;

/**
 * A value computed from a merged row: a column, a constant or parameter, or arithmetic over those. Expressions over
 * aggregates (in SELECT, HAVING and ORDER BY of grouped queries) are recomputed this way from the merged groups. An
 * expression is part of a plan shared by executions: a parameter's value comes from the bindings it is evaluated with.
 */
@FunctionalInterface
public interface RowExpression {
	/** @param bindings the parameter values of the executing query */
	Object evaluate(Object[] row, ValueSource.Bindings bindings);

	static RowExpression column(int index) {
		return (row, bindings) -> row[index];
	}

	static RowExpression constant(Object value) {
		return (row, bindings) -> value;
	}

	/** @param parameter the parameter as the query's binding API knows it: a name, a position or a criteria parameter */
	static RowExpression parameter(Object parameter) {
		return (row, bindings) -> bindings.valueOf( parameter );
	}
}
