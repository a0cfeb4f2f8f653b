package org.hibernate.shards.internal.query.plan;

import org.hibernate.query.common.FetchClauseType;
import org.hibernate.query.sqm.tree.expression.SqmExpression;
import org.hibernate.query.sqm.tree.select.SqmQuerySpec;

/**
 * HQL's {@code offset} and {@code limit}/{@code fetch first}, applied after merging; their values are read at execution.
 *
 * @param offset the offset, or {@code null}
 * @param fetch the limit, or {@code null}
 */
record Paging(ValueSource offset, ValueSource fetch) {

	/** Reads the paging of a query and removes it from the statement the shards run: they must not page before the merge. */
	static Paging liftFrom(SqmQuerySpec<?> spec) {
		ValueSource offset = value( spec.getOffsetExpression(), "offset" );
		ValueSource fetch = value( spec.getFetchExpression(), "limit" );
		if ( fetch != null && spec.getFetchClauseType() != FetchClauseType.ROWS_ONLY ) {
			throw Unsupported.FETCH_WITH_TIES_OR_PERCENT.refusal();
		}
		spec.setOffsetExpression( null );
		spec.setFetchExpression( null );
		return new Paging( offset, fetch );
	}

	private static ValueSource value(SqmExpression<?> expression, String clause) {
		if ( expression == null ) {
			return null;
		}
		ValueSource value = RoutingReader.valueSource( expression );
		if ( value == null ) {
			throw Unsupported.PAGING_EXPRESSION.refusal( clause, SqmNodes.describe( expression ) );
		}
		return value;
	}
}
