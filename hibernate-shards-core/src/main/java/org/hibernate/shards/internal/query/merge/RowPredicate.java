package org.hibernate.shards.internal.query.merge;

/**
 * A HAVING condition evaluated on a merged group, with SQL's three-valued logic: {@code null} means unknown, and a
 * group passes only when the condition is {@code TRUE}.
 */
@FunctionalInterface
public interface RowPredicate {
	Boolean test(Object[] row);

	static RowPredicate and(RowPredicate left, RowPredicate right) {
		return row -> {
			Boolean a = left.test( row );
			if ( Boolean.FALSE.equals( a ) ) {
				return false;
			}
			Boolean b = right.test( row );
			if ( Boolean.FALSE.equals( b ) ) {
				return false;
			}
			return a == null || b == null ? null : true;
		};
	}

	static RowPredicate or(RowPredicate left, RowPredicate right) {
		return row -> {
			Boolean a = left.test( row );
			if ( Boolean.TRUE.equals( a ) ) {
				return true;
			}
			Boolean b = right.test( row );
			if ( Boolean.TRUE.equals( b ) ) {
				return true;
			}
			return a == null || b == null ? null : false;
		};
	}

	static RowPredicate not(RowPredicate inner) {
		return row -> {
			Boolean value = inner.test( row );
			return value == null ? null : !value;
		};
	}
}
