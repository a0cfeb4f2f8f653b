package org.hibernate.shards.internal.query.plan;

import java.util.Collection;
import java.util.List;

/**
 * A value a plan needs at execution time: a literal of the query, or a parameter bound to it. A parameter bound to a
 * list (for {@code in :ids}) yields all its values.
 */
public sealed interface ValueSource {

	/** @return the values (one for a literal or a single-valued parameter; several for a list parameter) */
	List<Object> values(Bindings bindings);

	/** @return the single value, or {@code null} */
	default Object value(Bindings bindings) {
		List<Object> values = values( bindings );
		return values.isEmpty() ? null : values.get( 0 );
	}

	record Literal(Object literal) implements ValueSource {
		@Override
		public List<Object> values(Bindings bindings) {
			return java.util.Collections.singletonList( literal );
		}
	}

	/** @param parameter the query's own parameter object: a name, a position or a criteria parameter */
	record Parameter(Object parameter) implements ValueSource {
		@Override
		public List<Object> values(Bindings bindings) {
			Object value = bindings.valueOf( parameter );
			if ( value instanceof Collection<?> many ) {
				return new java.util.ArrayList<>( many ); // may hold nulls, which match no row
			}
			return java.util.Collections.singletonList( value );
		}
	}

	/** Reads the values bound to a query's parameters. */
	@FunctionalInterface
	interface Bindings {
		Object valueOf(Object parameter);
	}
}
