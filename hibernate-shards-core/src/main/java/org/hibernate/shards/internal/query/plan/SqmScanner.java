package org.hibernate.shards.internal.query.plan;

import java.util.ArrayList;
import java.util.List;

import org.hibernate.query.sqm.spi.BaseSemanticQueryWalker;
import org.hibernate.query.sqm.tree.SqmVisitableNode;
import org.hibernate.query.sqm.tree.expression.SqmAggregateFunction;
import org.hibernate.query.sqm.tree.expression.SqmFunction;
import org.hibernate.query.sqm.tree.expression.SqmOver;
import org.hibernate.query.sqm.tree.select.SqmSelectClause;
import org.hibernate.query.sqm.tree.select.SqmSubQuery;

/**
 * Walks part of a query tree and notes what matters for sharding: subqueries (not entered: each is judged on its
 * own), window functions, and aggregate calls.
 */
final class SqmScanner extends BaseSemanticQueryWalker {
	final List<SqmSubQuery<?>> subqueries = new ArrayList<>();
	final List<SqmFunction<?>> aggregates = new ArrayList<>();
	boolean windowFunction;

	static SqmScanner scan(Object... nodes) {
		SqmScanner scanner = new SqmScanner();
		for ( Object node : nodes ) {
			if ( node instanceof org.hibernate.query.sqm.tree.expression.SqmAliasedNodeRef ) {
				continue; // a reference to a selection, scanned with the select clause
			}
			if ( node instanceof SqmVisitableNode visitable ) {
				visitable.accept( scanner );
			}
			else if ( node instanceof SqmSelectClause clause ) {
				scanner.visitSelectClause( clause );
			}
		}
		return scanner;
	}

	@Override
	public Object visitSubQueryExpression(SqmSubQuery<?> subquery) {
		subqueries.add( subquery );
		return subquery;
	}

	@Override
	public Object visitSortSpecification(org.hibernate.query.sqm.tree.select.SqmSortSpecification sort) {
		// "order by 2" or "order by alias" points at a selection, which is scanned with the select clause.
		if ( sort.getSortExpression() instanceof org.hibernate.query.sqm.tree.expression.SqmAliasedNodeRef ) {
			return sort;
		}
		return super.visitSortSpecification( sort );
	}

	@Override
	public Object visitOver(SqmOver<?> over) {
		windowFunction = true;
		return over;
	}

	@Override
	public Object visitFunction(SqmFunction<?> function) {
		if ( function instanceof SqmAggregateFunction<?> ) {
			aggregates.add( function );
			// Arguments of an aggregate are evaluated per row on the shard; a nested aggregate is an SQL error anyway.
			return function;
		}
		return super.visitFunction( function );
	}
}
