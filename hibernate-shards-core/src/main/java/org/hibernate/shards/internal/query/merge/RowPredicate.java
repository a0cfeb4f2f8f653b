package org.hibernate.shards.internal.query.merge;

import org.hibernate.shards.internal.query.plan.ValueSource;

/**
 * A HAVING condition evaluated on a merged group, with SQL's three-valued logic: {@code null} means unknown, and a
 * group passes only when the condition is {@code TRUE}. Parameters are read from the bindings it is tested with.
 */
@FunctionalInterface
public interface RowPredicate {
	/** @param bindings the parameter values of the executing query */
	Boolean test(Object[] row, ValueSource.Bindings bindings);

	static RowPredicate and(RowPredicate left, RowPredicate right) {
		return (row, bindings) -> {
			Boolean a = left.test( row, bindings );
			if ( Boolean.FALSE.equals( a ) ) {
				return false;
			}
			Boolean b = right.test( row, bindings );
			if ( Boolean.FALSE.equals( b ) ) {
				return false;
			}
			return a == null || b == null ? null : true;
		};
	}

	static RowPredicate or(RowPredicate left, RowPredicate right) {
		return (row, bindings) -> {
			Boolean a = left.test( row, bindings );
			if ( Boolean.TRUE.equals( a ) ) {
				return true;
			}
			Boolean b = right.test( row, bindings );
			if ( Boolean.TRUE.equals( b ) ) {
				return true;
			}
			return a == null || b == null ? null : false;
		};
	}

	static RowPredicate not(RowPredicate inner) {
		return (row, bindings) -> {
			Boolean value = inner.test( row, bindings );
			return value == null ? null : !value;
		};
	}
}
