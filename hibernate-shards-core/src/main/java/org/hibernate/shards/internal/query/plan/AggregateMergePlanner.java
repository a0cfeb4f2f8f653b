package org.hibernate.shards.internal.query.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.hibernate.query.sqm.DynamicInstantiationNature;
import org.hibernate.query.sqm.NodeBuilder;
import org.hibernate.query.sqm.tree.SqmTypedNode;
import org.hibernate.query.sqm.tree.domain.SqmPath;
import org.hibernate.query.sqm.tree.expression.SqmAggregateFunction;
import org.hibernate.query.sqm.tree.expression.SqmDistinct;
import org.hibernate.query.sqm.tree.expression.SqmExpression;
import org.hibernate.query.sqm.tree.expression.SqmFunction;
import org.hibernate.query.sqm.tree.select.SqmDynamicInstantiation;
import org.hibernate.query.sqm.tree.select.SqmDynamicInstantiationArgument;
import org.hibernate.query.sqm.tree.select.SqmQuerySpec;
import org.hibernate.query.sqm.tree.select.SqmSelectClause;
import org.hibernate.query.sqm.tree.select.SqmSelectableNode;
import org.hibernate.query.sqm.tree.select.SqmSortSpecification;
import org.hibernate.shards.internal.query.merge.Aggregate;
import org.hibernate.shards.internal.query.merge.GroupMerge;
import org.hibernate.shards.internal.query.merge.Projection;
import org.hibernate.shards.internal.query.merge.RowExpression;
import org.hibernate.shards.internal.query.merge.RowPredicate;
import org.hibernate.shards.internal.query.merge.SortKey;

/**
 * Plans the merge of a grouped or aggregate query: each shard returns its groups with partial aggregates (AVG split
 * into SUM and COUNT, the argument of COUNT(DISTINCT …) added to the groups), the merge folds them into the groups one
 * database would have formed, then computes the selected values, HAVING and the order from the merged groups.
 */
final class AggregateMergePlanner {
	private final CollationKeys collationKeys;

	AggregateMergePlanner(CollationKeys collationKeys) {
		this.collationKeys = collationKeys;
	}

	MergeSpec plan(SqmQuerySpec<Object[]> spec, NodeBuilder nb, Class<?> resultType) {
		List<SqmSelectableNode<?>> items = SqmNodes.items( spec );
		List<SqmExpression<?>> groupBy = groupBy( spec, items );
		AggregateLayout layout = new AggregateLayout( new SqmSelectClause( false, nb ), nb, groupBy );
		for ( int i = 0; i < groupBy.size(); i++ ) {
			layout.groupValueColumn[i] = layout.addColumn( groupBy.get( i ) );
			layout.groupColumns.add( layout.groupValueColumn[i] );
		}
		for ( int i = 0; i < groupBy.size(); i++ ) {
			SqmExpression<?> group = groupBy.get( i );
			if ( collationKeys.differFromJava( group ) ) {
				layout.groupKeyColumn[i] = layout.addColumn( collationKeys.of( group, nb ) );
				layout.groupColumns.add( layout.groupKeyColumn[i] );
			}
			else {
				layout.groupKeyColumn[i] = layout.groupValueColumn[i];
			}
		}
		// Every aggregate the query uses, wherever it appears, becomes per-shard partial columns.
		List<SqmFunction<?>> aggregates = new ArrayList<>( SqmScanner.scan( spec.getSelectClause() ).aggregates );
		aggregates.addAll( SqmScanner.scan( spec.getHavingClausePredicate() ).aggregates );
		for ( SqmSortSpecification sort : spec.getSortSpecifications() ) {
			aggregates.addAll( SqmScanner.scan( sort.getSortExpression() ).aggregates );
		}
		List<Runnable> afterMerge = new ArrayList<>();
		for ( SqmFunction<?> aggregate : aggregates ) {
			addPartials( aggregate, layout, afterMerge );
		}
		List<SqmExpression<?>> shardGroupBy = new ArrayList<>( groupBy );
		int[] distinctColumns = new int[0];
		if ( layout.distinctArgument != null ) {
			shardGroupBy.add( layout.distinctArgument );
			distinctColumns = new int[] { layout.distinctColumn };
		}
		layout.merge = new GroupMerge( layout.groupColumns.stream().mapToInt( Integer::intValue ).toArray(), layout.groupKeyColumn.clone(),
				layout.partials, distinctColumns, !groupBy.isEmpty() );
		afterMerge.forEach( Runnable::run );

		// The merged row: the query's values, then the sort values.
		GroupExpressionCompiler compiler = new GroupExpressionCompiler( layout );
		List<RowExpression> groupRow = new ArrayList<>();
		Projection projection = selectedValues( items, SqmNodes.aliases( spec, items ), resultType, compiler, groupRow );
		int values = groupRow.size();
		List<SortKey> sortKeys = new ArrayList<>();
		for ( SqmSortSpecification sort : spec.getSortSpecifications() ) {
			SqmExpression<?> expression = SqmNodes.sortExpression( sort, items );
			int group = SqmNodes.groupIndex( expression, groupBy );
			groupRow.add( group >= 0 ? RowExpression.column( layout.mergedIndexOfShardColumn( layout.groupKeyColumn[group] ) )
					: compiler.expression( expression ) );
			sortKeys.add( SqmNodes.sortKey( groupRow.size() - 1, sort ) );
		}
		RowPredicate having = spec.getHavingClausePredicate() == null ? null : compiler.predicate( spec.getHavingClausePredicate() );
		int[] distinct = null;
		if ( spec.isDistinct() ) {
			distinct = new int[values];
			for ( int i = 0; i < values; i++ ) {
				distinct[i] = i;
			}
		}
		Paging paging = Paging.liftFrom( spec );
		spec.setSelectClause( layout.clause );
		spec.setGroupByClauseExpressions( shardGroupBy );
		spec.setHavingClausePredicate( null );
		spec.setSortSpecifications( List.of() );
		spec.setDistinct( false );
		return MergeSpec.ofGroups( layout.merge, having, groupRow, values, projection, sortKeys, distinct, paging );
	}

	/**
	 * The GROUP BY, plus the selected or sorted attributes of a grouped entity ({@code group by c … order by c.email}): an
	 * attribute of a grouped entity has one value per group, so grouping by it too changes no group and makes it a group
	 * column the merge can read and sort by.
	 */
	private static List<SqmExpression<?>> groupBy(SqmQuerySpec<?> spec, List<SqmSelectableNode<?>> items) {
		List<SqmExpression<?>> groupBy = new ArrayList<>( spec.getGroupByClauseExpressions() );
		List<SqmExpression<?>> candidates = new ArrayList<>();
		items.forEach( item -> {
			if ( item instanceof SqmExpression<?> expression ) {
				candidates.add( expression );
			}
		} );
		spec.getSortSpecifications().forEach( sort -> candidates.add( SqmNodes.sortExpression( sort, items ) ) );
		for ( SqmExpression<?> candidate : candidates ) {
			if ( candidate instanceof SqmPath<?> path && path.getLhs() != null && SqmNodes.groupIndex( candidate, groupBy ) < 0
					&& SqmNodes.groupIndex( path.getLhs(), groupBy ) >= 0 && SqmNodes.isEntity( path.getLhs() ) ) {
				groupBy.add( path );
			}
		}
		return groupBy;
	}

	/** Adds the expressions of the selected values to {@code groupRow} and returns how a row of them is projected. */
	private static Projection selectedValues(List<SqmSelectableNode<?>> items, List<String> aliases, Class<?> resultType,
			GroupExpressionCompiler compiler, List<RowExpression> groupRow) {
		if ( items.size() == 1 && items.get( 0 ) instanceof SqmDynamicInstantiation<?> instantiation ) {
			List<String> argumentAliases = new ArrayList<>();
			for ( SqmDynamicInstantiationArgument<?> argument : instantiation.getArguments() ) {
				groupRow.add( compiler.expression( (SqmExpression<?>) argument.getSelectableNode() ) );
				argumentAliases.add( argument.getAlias() );
			}
			DynamicInstantiationNature nature = instantiation.getInstantiationTarget().getNature();
			return nature == DynamicInstantiationNature.LIST ? Projection.list( groupRow.size() )
					: nature == DynamicInstantiationNature.MAP ? Projection.map( argumentAliases )
					: Projection.constructor( instantiation.getInstantiationTarget().getJavaType(), groupRow.size() );
		}
		for ( SqmSelectableNode<?> item : items ) {
			if ( !( item instanceof SqmExpression<?> expression ) ) {
				throw Unsupported.SELECTION_NOT_COMPUTABLE.refusal( item.getClass().getSimpleName() );
			}
			groupRow.add( compiler.expression( expression ) );
		}
		return items.size() > 1 && !ResultType.isGeneric( resultType )
				? Projection.constructor( resultType, items.size() ) : ResultType.projection( resultType, items, aliases );
	}

	/**
	 * Adds the per-shard columns an aggregate is combined from; {@code afterMerge} notes where it is found in a merged
	 * group, known once the group merge is built.
	 */
	private void addPartials(SqmFunction<?> aggregate, AggregateLayout layout, List<Runnable> afterMerge) {
		String name = aggregate.getFunctionName().toLowerCase( Locale.ROOT );
		List<? extends SqmTypedNode<?>> arguments = aggregate.getArguments();
		SqmExpression<?> distinctArgument = arguments.size() == 1 && arguments.get( 0 ) instanceof SqmDistinct<?> distinct
				? distinct.getExpression() : null;
		boolean filtered = aggregate instanceof SqmAggregateFunction<?> a && a.getFilter() != null;
		NodeBuilder nb = layout.nb;
		if ( distinctArgument != null ) {
			if ( !name.equals( "count" ) || filtered ) {
				throw Unsupported.DISTINCT_AGGREGATE.refusal( name.toUpperCase( Locale.ROOT ) );
			}
			if ( layout.distinctArgument != null && !SqmNodes.sameExpression( layout.distinctArgument, distinctArgument ) ) {
				throw Unsupported.TWO_COUNT_DISTINCT.refusal();
			}
			if ( layout.distinctArgument == null ) {
				layout.distinctArgument = distinctArgument;
				layout.distinctColumn = layout.addColumn( collationKeys.of( distinctArgument, nb ) );
			}
			afterMerge.add( () -> layout.compiledAggregates.put( aggregate, RowExpression.column( layout.merge.distinctColumn( 0 ) ) ) );
			return;
		}
		switch ( name ) {
			case "count", "sum", "min", "max" -> {
				Aggregate kind = Aggregate.valueOf( name.toUpperCase( Locale.ROOT ) );
				int column = layout.addColumn( aggregate );
				int keyColumn = -1;
				if ( ( kind == Aggregate.MIN || kind == Aggregate.MAX ) && collationKeys.differFromJava( aggregate ) ) {
					keyColumn = layout.addColumn( collationKeys.of( aggregate, nb ) );
				}
				int partial = layout.partials.size();
				layout.partials.add( new GroupMerge.Partial( kind, column, keyColumn, aggregate.getJavaType() ) );
				afterMerge.add( () -> layout.compiledAggregates.put( aggregate, RowExpression.column( layout.merge.partialColumn( partial ) ) ) );
			}
			case "avg" -> {
				if ( filtered ) {
					throw Unsupported.AVG_FILTER.refusal();
				}
				@SuppressWarnings("unchecked")
				SqmExpression<Number> argument = (SqmExpression<Number>) arguments.get( 0 );
				int sumColumn = layout.addColumn( nb.sum( argument ) );
				int countColumn = layout.addColumn( nb.count( argument ) );
				int sum = layout.partials.size();
				layout.partials.add( new GroupMerge.Partial( Aggregate.SUM, sumColumn, -1, null ) );
				layout.partials.add( new GroupMerge.Partial( Aggregate.COUNT, countColumn, -1, Long.class ) );
				boolean mysqlRules = collationKeys.mysqlRules();
				afterMerge.add( () -> {
					int sumAt = layout.merge.partialColumn( sum );
					int countAt = layout.merge.partialColumn( sum + 1 );
					layout.compiledAggregates.put( aggregate, (row, bindings) -> Aggregate.average( row[sumAt], row[countAt], mysqlRules ) );
				} );
			}
			default -> throw Unsupported.AGGREGATE.refusal( name );
		}
	}
}
