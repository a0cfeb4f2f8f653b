package org.hibernate.shards.internal.query.plan;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.persistence.Tuple;
import jakarta.persistence.criteria.Nulls;
import jakarta.persistence.metamodel.Attribute;
import org.hibernate.query.SortDirection;
import org.hibernate.query.common.FetchClauseType;
import org.hibernate.query.sqm.DynamicInstantiationNature;
import org.hibernate.query.sqm.NodeBuilder;
import org.hibernate.query.sqm.tree.SqmCopyContext;
import org.hibernate.query.sqm.tree.domain.SqmPath;
import org.hibernate.query.sqm.tree.expression.SqmAliasedNodeRef;
import org.hibernate.query.sqm.tree.expression.SqmDistinct;
import org.hibernate.query.sqm.tree.expression.SqmExpression;
import org.hibernate.query.sqm.tree.expression.SqmFunction;
import org.hibernate.query.sqm.tree.from.SqmAttributeJoin;
import org.hibernate.query.sqm.tree.from.SqmFrom;
import org.hibernate.query.sqm.tree.from.SqmJoin;
import org.hibernate.query.sqm.tree.from.SqmRoot;
import org.hibernate.query.sqm.tree.predicate.SqmComparisonPredicate;
import org.hibernate.query.sqm.tree.predicate.SqmGroupedPredicate;
import org.hibernate.query.sqm.tree.predicate.SqmJunctionPredicate;
import org.hibernate.query.sqm.tree.predicate.SqmPredicate;
import org.hibernate.query.sqm.tree.select.SqmDynamicInstantiation;
import org.hibernate.query.sqm.tree.select.SqmDynamicInstantiationArgument;
import org.hibernate.query.sqm.tree.select.SqmJpaCompoundSelection;
import org.hibernate.query.sqm.tree.select.SqmQueryGroup;
import org.hibernate.query.sqm.tree.select.SqmQueryPart;
import org.hibernate.query.sqm.tree.select.SqmQuerySpec;
import org.hibernate.query.sqm.tree.select.SqmSelectClause;
import org.hibernate.query.sqm.tree.select.SqmSelectStatement;
import org.hibernate.query.sqm.tree.select.SqmSelectableNode;
import org.hibernate.query.sqm.tree.select.SqmSelection;
import org.hibernate.query.sqm.tree.select.SqmSortSpecification;
import org.hibernate.query.sqm.tree.select.SqmSubQuery;
import org.hibernate.shards.internal.query.merge.Aggregate;
import org.hibernate.shards.internal.query.merge.GroupMerge;
import org.hibernate.shards.internal.query.merge.Projection;
import org.hibernate.shards.internal.query.merge.RowExpression;
import org.hibernate.shards.internal.query.merge.RowPredicate;
import org.hibernate.shards.internal.query.merge.SortKey;
import org.hibernate.shards.internal.routing.EntitySharding;
import org.hibernate.shards.internal.routing.ShardingMetamodel;

/**
 * The query planner: the one place that reads a selection query's tree (Hibernate's SQM). It decides which shards a
 * query needs, whether merging several shards' rows can give exactly the answer of one database, the statement each
 * shard runs (a copy of the query, rewritten: paging removed, hidden sort and collation-key columns added, AVG
 * split into SUM and COUNT, HAVING lifted out), and how the rows are merged.
 */
public final class SelectAnalyzer {
	private final ShardingMetamodel metamodel;
	private final RoutingReader routingReader;
	private final CoLocation coLocation;
	private final SubqueryLocality subqueries;
	private final boolean collationKeys;
	private final ValueSource.Bindings bindings;

	/**
	 * @param collationKeys whether strings are compared by the database's collation keys ({@code WEIGHT_STRING}, on MySQL
	 *        and MariaDB), so that merged order, groups and duplicates match the database's own
	 * @param bindings the parameter values of the query being executed, read when merged expressions use parameters
	 */
	public SelectAnalyzer(ShardingMetamodel metamodel, ShardValues shardValues, boolean referencesChecked,
			boolean collationKeys, ValueSource.Bindings bindings) {
		this.metamodel = metamodel;
		this.routingReader = new RoutingReader( shardValues );
		this.coLocation = new CoLocation( metamodel, referencesChecked );
		this.subqueries = new SubqueryLocality( metamodel, routingReader, coLocation );
		this.collationKeys = collationKeys;
		this.bindings = bindings;
	}

	/** A construct that merging cannot answer exactly; the query may still run when routed to one shard. */
	private static final class Refusal extends RuntimeException {
		Refusal(String message) {
			super( message, null, false, false );
		}
	}

	public SelectPlan analyze(SqmSelectStatement<?> original, Class<?> resultType) {
		SqmSelectStatement<Object[]> copy = original.createCopy( SqmCopyContext.noParamCopyContext(), Object[].class );
		SqmQueryPart<Object[]> part = copy.getQueryPart();
		if ( !( part instanceof SqmQuerySpec<Object[]> spec ) ) {
			return setOperation( (SqmQueryGroup<?>) part );
		}
		List<SqmRoot<?>> roots = spec.getFromClause().getRoots();
		SqmRoot<?> root = roots.get( 0 );
		EntitySharding entity = metamodel.byEntityName( root.getEntityName() );
		Routing routing = routingReader.read( predicate( spec ), root, entity );
		List<SelectPlan.SubqueryRouting> nonLocal = new ArrayList<>();
		// Every other entity the query reads must be on the one shard the query runs on, like a subquery's rows.
		String refusal = null;
		for ( SqmRoot<?> other : roots.subList( 1, roots.size() ) ) {
			EntitySharding otherEntity = metamodel.byEntityName( other.getEntityName() );
			if ( subqueries.correlatedThroughAssociation( predicate( spec ), other, otherEntity ) ) {
				continue; // "from Customer c, PurchaseOrder o where o.customer = c": a join along the association
			}
			nonLocal.add( new SelectPlan.SubqueryRouting( "the " + otherEntity.simpleName() + " rows of 'from "
					+ entity.simpleName() + " …, " + otherEntity.simpleName() + " …'", routingReader.read( predicate( spec ), other, otherEntity ) ) );
			refusal = "a query over several entities joined in the WHERE clause (from A a, B b) cannot be merged across shards; "
					+ "join along an association, or route the query to one shard";
		}
		for ( SqmRoot<?> from : roots ) {
			String joins = checkJoins( from, metamodel.byEntityName( from.getEntityName() ), predicate( spec ), nonLocal );
			refusal = refusal != null ? refusal : joins;
		}
		try {
			SqmScanner scan = SqmScanner.scan( spec );
			for ( SqmSubQuery<?> subquery : scan.subqueries ) {
				SelectPlan.SubqueryRouting subqueryRouting = subqueries.routingOf( subquery );
				if ( subqueryRouting != null ) {
					nonLocal.add( subqueryRouting );
				}
			}
			if ( refusal != null ) {
				throw new Refusal( refusal );
			}
			if ( scan.windowFunction ) {
				throw new Refusal( "window functions (OVER) see only one shard's rows; route the query to one shard" );
			}
			boolean aggregate = !spec.getGroupByClauseExpressions().isEmpty()
					|| !SqmScanner.scan( spec.getSelectClause() ).aggregates.isEmpty()
					|| spec.getHavingClausePredicate() != null;
			MergeSpec merge = aggregate ? aggregateMerge( spec, copy.nodeBuilder(), resultType ) : plainMerge( spec, copy.nodeBuilder(), resultType );
			return new SelectPlan( routing, null, nonLocal, copy, merge );
		}
		catch (Refusal refused) {
			return new SelectPlan( routing, refused.getMessage(), nonLocal, null, null );
		}
	}

	private SelectPlan setOperation(SqmQueryGroup<?> group) {
		List<Routing> parts = new ArrayList<>();
		for ( SqmQueryPart<?> part : group.getQueryParts() ) {
			if ( part instanceof SqmQuerySpec<?> spec && spec.getFromClause().getRoots().size() == 1 ) {
				SqmRoot<?> root = spec.getFromClause().getRoots().get( 0 );
				parts.add( routingReader.read( predicate( spec ), root, metamodel.byEntityName( root.getEntityName() ) ) );
			}
			else {
				parts.add( Routing.ALL );
			}
		}
		return refusedPlan( new Routing.Or( parts ), "UNION, INTERSECT and EXCEPT combine rows of every shard and cannot be "
				+ "merged exactly; run each part as its own query, or route every part to one shard" );
	}

	private static SelectPlan refusedPlan(Routing routing, String why) {
		return new SelectPlan( routing, why, List.of(), null, null );
	}

	static SqmPredicate predicate(SqmQuerySpec<?> spec) {
		return spec.getWhereClause() == null ? null : spec.getWhereClause().getPredicate();
	}

	// ---- joins and subqueries

	/**
	 * @return why joining cannot be merged across shards, or {@code null}; joins to entities not reached through an
	 *         association also need their rows on the query's shard, noted in {@code nonLocal}
	 */
	private String checkJoins(SqmFrom<?, ?> from, EntitySharding owner, SqmPredicate where, List<SelectPlan.SubqueryRouting> nonLocal) {
		String refusal = null;
		for ( SqmJoin<?, ?> join : from.getSqmJoins() ) {
			String targetName = entityNameOf( join );
			EntitySharding target = targetName == null ? null : metamodel.byEntityName( targetName );
			if ( !( join instanceof SqmAttributeJoin<?, ?> attributeJoin ) ) {
				if ( target == null ) {
					refusal = refusal != null ? refusal : "a join to something other than an entity cannot be merged across shards";
					continue;
				}
				if ( subqueries.correlatedThroughAssociation( join.getJoinPredicate(), join, target )
						|| subqueries.correlatedThroughAssociation( where, join, target ) ) {
					refusal = refusal != null ? refusal : checkJoins( join, target, where, nonLocal );
					continue; // "join PurchaseOrder o on o.customer = c": a join along the association
				}
				nonLocal.add( new SelectPlan.SubqueryRouting( "the joined " + target.simpleName() + " rows",
						new Routing.And( List.of( routingReader.read( where, join, target ),
								routingReader.read( join.getJoinPredicate(), join, target ) ) ) ) );
				refusal = refusal != null ? refusal : "a join to " + target.simpleName() + " that is not along an association needs rows "
						+ "of every shard; join along an association, or route the query (and the joined rows) to one shard";
			}
			else if ( target != null ) {
				Attribute<?, ?> attribute = attributeJoin.getAttribute();
				if ( owner != null && !coLocation.isCoLocated( owner, attribute.getName(), target, attribute.getJavaMember() ) ) {
					refusal = refusal != null ? refusal : "the join along " + owner.simpleName() + "." + attribute.getName() + " reaches "
							+ target.simpleName() + " rows that may live on other shards (they are not co-located through @ShardKey); "
							+ "route the query to one shard, or query each entity on its own";
				}
			}
			String nested = checkJoins( join, target, where, nonLocal );
			refusal = refusal != null ? refusal : nested;
		}
		return refusal;
	}

	private static String entityNameOf(SqmFrom<?, ?> join) {
		if ( join.getReferencedPathSource().getPathType() instanceof org.hibernate.metamodel.model.domain.EntityDomainType<?> entity ) {
			return entity.getHibernateEntityName();
		}
		return null;
	}

	// ---- plain queries: rows merged as they are

	private MergeSpec plainMerge(SqmQuerySpec<Object[]> spec, NodeBuilder nb, Class<?> resultType) {
		List<SqmSelectableNode<?>> items = items( spec );
		SqmSelectClause clause = new SqmSelectClause( spec.isDistinct(), nb );
		List<String> aliases = aliases( spec, items );
		boolean wrap = items.size() > 1 && !isGeneric( resultType );
		Projection projection;
		int values;
		if ( wrap ) {
			// Implicit instantiation (select a, b returning Dto): let each shard build the objects.
			clause.addSelection( new SqmSelection<>( SqmDynamicInstantiation.classInstantiation( resultType, items, nb ), nb ) );
			values = 1;
			projection = Projection.single();
		}
		else {
			for ( int i = 0; i < items.size(); i++ ) {
				clause.addSelection( new SqmSelection<>( (SqmSelectableNode<Object>) items.get( i ), aliases.get( i ), nb ) );
			}
			values = items.size();
			projection = projection( resultType, items, aliases );
		}
		List<SortKey> sortKeys = new ArrayList<>();
		List<SqmSortSpecification> shardOrder = new ArrayList<>();
		for ( SqmSortSpecification sort : spec.getSortSpecifications() ) {
			SqmExpression<?> expression = sortExpression( sort, items );
			int column = addHidden( clause, collationKey( expression, nb ), nb );
			sortKeys.add( sortKey( column, sort ) );
			shardOrder.add( new SqmSortSpecification( expression, sort.getSortDirection(), sort.getNullPrecedence() ) );
		}
		int[] distinct = null;
		if ( spec.isDistinct() ) {
			distinct = new int[wrap ? items.size() : values];
			for ( int i = 0; i < distinct.length; i++ ) {
				SqmSelectableNode<?> item = items.get( i );
				distinct[i] = wrap || comparedByKey( item ) || item instanceof SqmDynamicInstantiation<?>
						? addHidden( clause, identity( item, nb ), nb ) : i;
			}
		}
		// A collection fetch returns one row per fetched element, which Hibernate folds into distinct roots: so do we, and
		// paging counts roots, so the shards cannot be asked for offset + limit rows.
		boolean fetchesCollections = spec.containsCollectionFetches();
		if ( fetchesCollections && distinct == null ) {
			distinct = new int[values];
			for ( int i = 0; i < values; i++ ) {
				distinct[i] = i;
			}
		}
		ValueSource offset = limitValue( spec.getOffsetExpression(), "offset" );
		ValueSource fetch = limitValue( spec.getFetchExpression(), "limit" );
		if ( fetch != null && spec.getFetchClauseType() != FetchClauseType.ROWS_ONLY ) {
			throw new Refusal( "FETCH FIRST … WITH TIES or PERCENT cannot be merged across shards" );
		}
		spec.setSelectClause( clause );
		spec.setSortSpecifications( shardOrder );
		spec.setOffsetExpression( null );
		spec.setFetchExpression( null );
		return new MergeSpec( values, sortKeys, distinct, offset, fetch, null, null, null, projection, hasEntity( items ),
				!fetchesCollections );
	}

	/** For DISTINCT: what identifies an item (collation key of a string; the arguments of a constructed object). */
	private SqmExpression<?> identity(SqmSelectableNode<?> item, NodeBuilder nb) {
		if ( item instanceof SqmDynamicInstantiation<?> instantiation ) {
			throw new Refusal( "SELECT DISTINCT NEW " + instantiation.getJavaType().getSimpleName()
					+ "(…) cannot be merged across shards; select the values with DISTINCT and build the objects afterwards" );
		}
		return collationKey( (SqmExpression<?>) item, nb );
	}

	private static boolean isGeneric(Class<?> resultType) {
		return resultType == null || resultType == Object.class || resultType == Object[].class || resultType == Tuple.class
				|| List.class.isAssignableFrom( resultType ) || Map.class.isAssignableFrom( resultType );
	}

	// ---- aggregate queries: groups merged from per-shard partial aggregates

	private final class AggregateLayout {
		final SqmSelectClause clause;
		final NodeBuilder nb;
		final List<SqmExpression<?>> groupBy;
		final int[] groupValueColumn;   // shard column of each GROUP BY value
		final int[] groupKeyColumn;     // shard column identifying each GROUP BY value (collation key or the value)
		final List<Integer> groupColumns = new ArrayList<>();
		final List<GroupMerge.Partial> partials = new ArrayList<>();
		final Map<SqmFunction<?>, RowExpression> compiledAggregates = new IdentityHashMap<>();
		SqmExpression<?> distinctArgument;
		int distinctColumn = -1;
		GroupMerge merge;

		AggregateLayout(SqmSelectClause clause, NodeBuilder nb, List<SqmExpression<?>> groupBy) {
			this.clause = clause;
			this.nb = nb;
			this.groupBy = groupBy;
			this.groupValueColumn = new int[groupBy.size()];
			this.groupKeyColumn = new int[groupBy.size()];
		}

		int mergedIndexOfShardColumn(int shardColumn) {
			return groupColumns.indexOf( shardColumn );
		}
	}

	private MergeSpec aggregateMerge(SqmQuerySpec<Object[]> spec, NodeBuilder nb, Class<?> resultType) {
		List<SqmSelectableNode<?>> items = items( spec );
		List<String> aliases = aliases( spec, items );
		List<SqmExpression<?>> groupBy = new ArrayList<>( spec.getGroupByClauseExpressions() );
		// "group by c … order by c.email": an attribute of a grouped entity has one value per group, so grouping by it
		// too changes no group and makes it a group column the merge can read and sort by.
		List<SqmExpression<?>> candidates = new ArrayList<>();
		items.forEach( item -> {
			if ( item instanceof SqmExpression<?> expression ) {
				candidates.add( expression );
			}
		} );
		spec.getSortSpecifications().forEach( sort -> candidates.add( sortExpression( sort, items ) ) );
		for ( SqmExpression<?> candidate : candidates ) {
			if ( candidate instanceof SqmPath<?> path && path.getLhs() != null && groupIndex( candidate, groupBy ) < 0
					&& groupIndex( path.getLhs(), groupBy ) >= 0
					&& path.getLhs().getReferencedPathSource().getPathType() instanceof org.hibernate.metamodel.model.domain.EntityDomainType<?> ) {
				groupBy.add( path );
			}
		}
		AggregateLayout layout = new AggregateLayout( new SqmSelectClause( false, nb ), nb, groupBy );
		for ( int i = 0; i < groupBy.size(); i++ ) {
			SqmExpression<?> group = groupBy.get( i );
			layout.groupValueColumn[i] = addHidden( layout.clause, group, nb );
			layout.groupColumns.add( layout.groupValueColumn[i] );
		}
		for ( int i = 0; i < groupBy.size(); i++ ) {
			SqmExpression<?> group = groupBy.get( i );
			if ( comparedByKey( group ) ) {
				layout.groupKeyColumn[i] = addHidden( layout.clause, collationKey( group, nb ), nb );
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
			partialsOf( aggregate, layout, afterMerge );
		}
		List<SqmExpression<?>> shardGroupBy = new ArrayList<>( groupBy );
		int[] distinctColumns = new int[0];
		if ( layout.distinctArgument != null ) {
			shardGroupBy.add( layout.distinctArgument );
			distinctColumns = new int[] { layout.distinctColumn };
		}
		int[] identity = new int[groupBy.size()];
		for ( int i = 0; i < groupBy.size(); i++ ) {
			identity[i] = layout.groupKeyColumn[i];
		}
		layout.merge = new GroupMerge( layout.groupColumns.stream().mapToInt( Integer::intValue ).toArray(), identity,
				layout.partials, distinctColumns, !groupBy.isEmpty() );
		afterMerge.forEach( Runnable::run );

		// The merged row: the query's values, then the sort values.
		List<RowExpression> groupRow = new ArrayList<>();
		Projection projection;
		if ( items.size() == 1 && items.get( 0 ) instanceof SqmDynamicInstantiation<?> instantiation ) {
			List<String> argumentAliases = new ArrayList<>();
			for ( SqmDynamicInstantiationArgument<?> argument : instantiation.getArguments() ) {
				groupRow.add( compile( (SqmExpression<?>) argument.getSelectableNode(), layout ) );
				argumentAliases.add( argument.getAlias() );
			}
			DynamicInstantiationNature nature = instantiation.getInstantiationTarget().getNature();
			projection = nature == DynamicInstantiationNature.LIST ? Projection.list( groupRow.size() )
					: nature == DynamicInstantiationNature.MAP ? Projection.map( argumentAliases )
					: Projection.constructor( instantiation.getInstantiationTarget().getJavaType(), groupRow.size() );
		}
		else {
			for ( SqmSelectableNode<?> item : items ) {
				if ( !( item instanceof SqmExpression<?> expression ) ) {
					throw new Refusal( "the selection " + item.getClass().getSimpleName() + " cannot be computed from per-shard parts" );
				}
				groupRow.add( compile( expression, layout ) );
			}
			projection = items.size() > 1 && !isGeneric( resultType )
					? Projection.constructor( resultType, items.size() ) : projection( resultType, items, aliases );
		}
		int values = groupRow.size();
		List<SortKey> sortKeys = new ArrayList<>();
		for ( SqmSortSpecification sort : spec.getSortSpecifications() ) {
			SqmExpression<?> expression = sortExpression( sort, items );
			int group = groupIndex( expression, groupBy );
			groupRow.add( group >= 0 ? RowExpression.column( layout.mergedIndexOfShardColumn( layout.groupKeyColumn[group] ) )
					: compile( expression, layout ) );
			sortKeys.add( sortKey( groupRow.size() - 1, sort ) );
		}
		RowPredicate having = spec.getHavingClausePredicate() == null ? null : compilePredicate( spec.getHavingClausePredicate(), layout );
		int[] distinct = null;
		if ( spec.isDistinct() ) {
			distinct = new int[values];
			for ( int i = 0; i < values; i++ ) {
				distinct[i] = i;
			}
		}
		ValueSource offset = limitValue( spec.getOffsetExpression(), "offset" );
		ValueSource fetch = limitValue( spec.getFetchExpression(), "limit" );
		if ( fetch != null && spec.getFetchClauseType() != FetchClauseType.ROWS_ONLY ) {
			throw new Refusal( "FETCH FIRST … WITH TIES or PERCENT cannot be merged across shards" );
		}

		spec.setSelectClause( layout.clause );
		spec.setGroupByClauseExpressions( shardGroupBy );
		spec.setHavingClausePredicate( null );
		spec.setSortSpecifications( List.of() );
		spec.setOffsetExpression( null );
		spec.setFetchExpression( null );
		spec.setDistinct( false );
		return new MergeSpec( values, sortKeys, distinct, offset, fetch, layout.merge, having, groupRow, projection, false, false );
	}

	private void partialsOf(SqmFunction<?> aggregate, AggregateLayout layout, List<Runnable> afterMerge) {
		String name = aggregate.getFunctionName().toLowerCase( java.util.Locale.ROOT );
		List<? extends org.hibernate.query.sqm.tree.SqmTypedNode<?>> arguments = aggregate.getArguments();
		SqmExpression<?> distinctArgument = arguments.size() == 1 && arguments.get( 0 ) instanceof SqmDistinct<?> distinct
				? distinct.getExpression() : null;
		boolean filtered = aggregate instanceof org.hibernate.query.sqm.tree.expression.SqmAggregateFunction<?> a && a.getFilter() != null;
		NodeBuilder nb = layout.nb;
		if ( distinctArgument != null ) {
			if ( !name.equals( "count" ) || filtered ) {
				throw new Refusal( name.toUpperCase( java.util.Locale.ROOT ) + "(DISTINCT …) cannot be combined from per-shard parts; "
						+ "only COUNT(DISTINCT …) can" );
			}
			if ( layout.distinctArgument != null && !sameExpression( layout.distinctArgument, distinctArgument ) ) {
				throw new Refusal( "COUNT(DISTINCT …) over two different expressions in one query cannot be merged across shards" );
			}
			if ( layout.distinctArgument == null ) {
				layout.distinctArgument = distinctArgument;
				layout.distinctColumn = addHidden( layout.clause, collationKey( distinctArgument, nb ), nb );
			}
			afterMerge.add( () -> layout.compiledAggregates.put( aggregate, RowExpression.column( layout.merge.distinctColumn( 0 ) ) ) );
			return;
		}
		switch ( name ) {
			case "count", "sum", "min", "max" -> {
				Aggregate kind = Aggregate.valueOf( name.toUpperCase( java.util.Locale.ROOT ) );
				int column = addHidden( layout.clause, aggregate, nb );
				int keyColumn = -1;
				if ( ( kind == Aggregate.MIN || kind == Aggregate.MAX ) && comparedByKey( aggregate ) ) {
					keyColumn = addHidden( layout.clause, collationKey( aggregate, nb ), nb );
				}
				int partial = layout.partials.size();
				layout.partials.add( new GroupMerge.Partial( kind, column, keyColumn, aggregate.getJavaType() ) );
				afterMerge.add( () -> layout.compiledAggregates.put( aggregate, RowExpression.column( layout.merge.partialColumn( partial ) ) ) );
			}
			case "avg" -> {
				if ( filtered ) {
					throw new Refusal( "AVG(…) FILTER (WHERE …) cannot be combined from per-shard parts" );
				}
				@SuppressWarnings("unchecked")
				SqmExpression<Number> argument = (SqmExpression<Number>) arguments.get( 0 );
				int sumColumn = addHidden( layout.clause, nb.sum( argument ), nb );
				int countColumn = addHidden( layout.clause, nb.count( argument ), nb );
				int sum = layout.partials.size();
				layout.partials.add( new GroupMerge.Partial( Aggregate.SUM, sumColumn, -1, null ) );
				layout.partials.add( new GroupMerge.Partial( Aggregate.COUNT, countColumn, -1, Long.class ) );
				afterMerge.add( () -> {
					int sumAt = layout.merge.partialColumn( sum );
					int countAt = layout.merge.partialColumn( sum + 1 );
					layout.compiledAggregates.put( aggregate, row -> Aggregate.average( row[sumAt], row[countAt], collationKeys ) );
				} );
			}
			default -> throw new Refusal( "the aggregate " + name + "(…) cannot be combined from per-shard parts; "
					+ "COUNT, SUM, MIN, MAX, AVG and COUNT(DISTINCT …) can" );
		}
	}

	/** An expression over merged groups: GROUP BY values, aggregates, literals, parameters, and + - * over those. */
	private RowExpression compile(SqmExpression<?> expression, AggregateLayout layout) {
		int group = groupIndex( expression, layout.groupBy );
		if ( group >= 0 ) {
			return RowExpression.column( layout.mergedIndexOfShardColumn( layout.groupValueColumn[group] ) );
		}
		if ( expression instanceof SqmFunction<?> function && layout.compiledAggregates.containsKey( function ) ) {
			return layout.compiledAggregates.get( function );
		}
		if ( expression instanceof org.hibernate.query.sqm.tree.expression.SqmLiteral<?> literal ) {
			return RowExpression.constant( literal.getLiteralValue() );
		}
		if ( expression instanceof org.hibernate.query.sqm.tree.expression.SqmParameter<?> parameter ) {
			Object key = RoutingReader.parameterKey( parameter );
			return row -> bindings.valueOf( key );
		}
		if ( expression instanceof org.hibernate.query.sqm.tree.expression.SqmBinaryArithmetic<?> arithmetic ) {
			RowExpression left = compile( arithmetic.getLeftHandOperand(), layout );
			RowExpression right = compile( arithmetic.getRightHandOperand(), layout );
			// The value takes the Java type Hibernate gives the expression (max(int) - min(int) is an Integer).
			Class<?> type = expression.getJavaType();
			switch ( arithmetic.getOperator() ) {
				case ADD:
					return row -> org.hibernate.shards.internal.query.merge.SqlValues.as(
							org.hibernate.shards.internal.query.merge.SqlValues.add( left.evaluate( row ), right.evaluate( row ) ), type );
				case SUBTRACT:
					return row -> org.hibernate.shards.internal.query.merge.SqlValues.as(
							org.hibernate.shards.internal.query.merge.SqlValues.subtract( left.evaluate( row ), right.evaluate( row ) ), type );
				case MULTIPLY:
					return row -> org.hibernate.shards.internal.query.merge.SqlValues.as(
							org.hibernate.shards.internal.query.merge.SqlValues.multiply( left.evaluate( row ), right.evaluate( row ) ), type );
				default:
					throw new Refusal( "the division or modulo '" + arithmetic.getOperator().getOperatorSqlTextString()
							+ "' over aggregates is not recomputed across shards (its rounding is the database's); select the parts and compute it in Java" );
			}
		}
		if ( expression instanceof org.hibernate.query.sqm.tree.expression.SqmUnaryOperation<?> unary ) {
			RowExpression operand = compile( unary.getOperand(), layout );
			Class<?> type = expression.getJavaType();
			return unary.getOperation() == org.hibernate.query.sqm.UnaryArithmeticOperator.UNARY_MINUS
					? row -> org.hibernate.shards.internal.query.merge.SqlValues.as(
							org.hibernate.shards.internal.query.merge.SqlValues.negate( operand.evaluate( row ) ), type ) : operand;
		}
		throw new Refusal( "the expression " + describe( expression ) + " in a grouped or aggregate query is neither a GROUP BY "
				+ "expression nor computable from aggregates, so it cannot be recomputed across shards" );
	}

	private RowPredicate compilePredicate(SqmPredicate predicate, AggregateLayout layout) {
		RowPredicate compiled = compilePositive( predicate, layout );
		return predicate.isNegated() && !( predicate instanceof org.hibernate.query.sqm.tree.predicate.SqmNegatedPredicate )
				&& !( predicate instanceof SqmJunctionPredicate ) ? RowPredicate.not( compiled ) : compiled;
	}

	private RowPredicate compilePositive(SqmPredicate predicate, AggregateLayout layout) {
		if ( predicate instanceof SqmGroupedPredicate grouped ) {
			return compilePredicate( grouped.getSubPredicate(), layout );
		}
		if ( predicate instanceof org.hibernate.query.sqm.tree.predicate.SqmNegatedPredicate negated ) {
			return RowPredicate.not( compilePredicate( negated.getWrappedPredicate(), layout ) );
		}
		if ( predicate instanceof SqmJunctionPredicate junction ) {
			RowPredicate result = null;
			boolean and = junction.getOperator() == jakarta.persistence.criteria.Predicate.BooleanOperator.AND;
			for ( SqmPredicate part : junction.getPredicates() ) {
				RowPredicate next = compilePredicate( part, layout );
				result = result == null ? next : and ? RowPredicate.and( result, next ) : RowPredicate.or( result, next );
			}
			return junction.isNegated() ? RowPredicate.not( result ) : result;
		}
		if ( predicate instanceof SqmComparisonPredicate comparison ) {
			requireNotString( comparison.getLeftHandExpression() );
			requireNotString( comparison.getRightHandExpression() );
			RowExpression left = compile( comparison.getLeftHandExpression(), layout );
			RowExpression right = compile( comparison.getRightHandExpression(), layout );
			org.hibernate.query.sqm.ComparisonOperator operator = comparison.getSqmOperator();
			return row -> {
				Object a = left.evaluate( row );
				Object b = right.evaluate( row );
				if ( a == null || b == null ) {
					return null;
				}
				int c = org.hibernate.shards.internal.query.merge.SqlValues.compare( a, b );
				return switch ( operator ) {
					case EQUAL -> c == 0;
					case NOT_EQUAL -> c != 0;
					case LESS_THAN -> c < 0;
					case LESS_THAN_OR_EQUAL -> c <= 0;
					case GREATER_THAN -> c > 0;
					case GREATER_THAN_OR_EQUAL -> c >= 0;
					default -> throw new IllegalStateException( "Unexpected comparison " + operator );
				};
			};
		}
		if ( predicate instanceof org.hibernate.query.sqm.tree.predicate.SqmNullnessPredicate nullness ) {
			RowExpression value = compile( nullness.getExpression(), layout );
			return row -> value.evaluate( row ) == null;
		}
		if ( predicate instanceof org.hibernate.query.sqm.tree.predicate.SqmBetweenPredicate between ) {
			requireNotString( between.getExpression() );
			RowExpression value = compile( between.getExpression(), layout );
			RowExpression low = compile( between.getLowerBound(), layout );
			RowExpression high = compile( between.getUpperBound(), layout );
			return row -> {
				Object v = value.evaluate( row );
				Object l = low.evaluate( row );
				Object h = high.evaluate( row );
				if ( v == null || l == null || h == null ) {
					return null;
				}
				return org.hibernate.shards.internal.query.merge.SqlValues.compare( v, l ) >= 0
						&& org.hibernate.shards.internal.query.merge.SqlValues.compare( v, h ) <= 0;
			};
		}
		throw new Refusal( "the HAVING condition " + predicate.getClass().getSimpleName().replace( "Sqm", "" )
				+ " cannot be evaluated on merged groups; use comparisons, BETWEEN, IS NULL, AND, OR and NOT over numbers and aggregates" );
	}

	private static void requireNotString(SqmExpression<?> expression) {
		if ( isString( expression ) ) {
			throw new Refusal( "HAVING compares strings, whose order is the database collation's; it is not evaluated on merged groups" );
		}
	}

	// ---- shared helpers

	private static List<SqmSelectableNode<?>> items(SqmQuerySpec<?> spec) {
		List<SqmSelectableNode<?>> items = new ArrayList<>();
		for ( SqmSelection<?> selection : spec.getSelectClause().getSelections() ) {
			SqmSelectableNode<?> node = selection.getSelectableNode();
			if ( node instanceof SqmJpaCompoundSelection<?> compound ) {
				items.addAll( compound.getSelectionItems() );
			}
			else {
				items.add( node );
			}
		}
		return items;
	}

	private static List<String> aliases(SqmQuerySpec<?> spec, List<SqmSelectableNode<?>> items) {
		List<String> aliases = new ArrayList<>();
		List<SqmSelection<?>> selections = spec.getSelectClause().getSelections();
		for ( int i = 0; i < items.size(); i++ ) {
			String alias = items.get( i ).getAlias();
			if ( alias == null && selections.size() == items.size() ) {
				alias = selections.get( i ).getAlias();
			}
			aliases.add( alias );
		}
		return aliases;
	}

	private static Projection projection(Class<?> resultType, List<SqmSelectableNode<?>> items, List<String> aliases) {
		if ( resultType == Object[].class ) {
			return Projection.array( items.size() );
		}
		if ( resultType == Tuple.class ) {
			List<Class<?>> types = new ArrayList<>();
			items.forEach( item -> types.add( item.getJavaType() == null ? Object.class : item.getJavaType() ) );
			return Projection.tuple( aliases, types );
		}
		if ( resultType != null && List.class.isAssignableFrom( resultType ) && items.size() > 1 ) {
			return Projection.list( items.size() );
		}
		if ( resultType != null && Map.class.isAssignableFrom( resultType ) && items.size() > 1 ) {
			return Projection.map( aliases );
		}
		return items.size() == 1 ? Projection.single() : Projection.array( items.size() );
	}

	private static boolean hasEntity(List<SqmSelectableNode<?>> items) {
		for ( SqmSelectableNode<?> item : items ) {
			if ( item instanceof SqmFrom<?, ?> || item instanceof SqmPath<?> path
					&& path.getReferencedPathSource().getPathType() instanceof org.hibernate.metamodel.model.domain.EntityDomainType<?> ) {
				return true;
			}
		}
		return false;
	}

	/** Resolves {@code order by 2} and {@code order by alias} to the selected expression. */
	private static SqmExpression<?> sortExpression(SqmSortSpecification sort, List<SqmSelectableNode<?>> items) {
		SqmExpression<?> expression = sort.getSortExpression();
		if ( expression instanceof SqmAliasedNodeRef reference ) {
			SqmSelectableNode<?> item = items.get( reference.getPosition() - 1 );
			if ( !( item instanceof SqmExpression<?> selected ) ) {
				throw new Refusal( "ORDER BY a constructed object cannot be merged across shards; order by its values" );
			}
			return selected;
		}
		return expression;
	}

	private static SortKey sortKey(int column, SqmSortSpecification sort) {
		boolean descending = sort.getSortDirection() == SortDirection.DESCENDING;
		Nulls nulls = sort.getNullPrecedence();
		if ( nulls == null || nulls == Nulls.NONE ) {
			return SortKey.mysqlDefault( column, descending );
		}
		return new SortKey( column, descending, nulls == Nulls.FIRST );
	}

	private static int addHidden(SqmSelectClause clause, SqmSelectableNode<?> node, NodeBuilder nb) {
		clause.addSelection( new SqmSelection<>( (SqmSelectableNode<Object>) node, nb ) );
		return clause.getSelections().size() - 1;
	}

	/**
	 * What the database compares when it compares an expression: on MySQL-family databases the collation key of a string,
	 * and the index of an enum (a MySQL ENUM column sorts by its position in the column's list, an ordinal column by its
	 * number: cast to a number, both give that); the id of an entity; the expression itself otherwise.
	 */
	private SqmExpression<?> collationKey(SqmExpression<?> expression, NodeBuilder nb) {
		if ( expression instanceof SqmPath<?> path
				&& path.getReferencedPathSource().getPathType() instanceof org.hibernate.metamodel.model.domain.EntityDomainType<?> entity ) {
			return path.get( entity.getId( entity.getIdType().getJavaType() ).getName() );
		}
		if ( collationKeys && isString( expression ) ) {
			return nb.function( "weight_string", byte[].class, new jakarta.persistence.criteria.Expression<?>[] { expression } );
		}
		if ( collationKeys && expression.getJavaType() != null && expression.getJavaType().isEnum() ) {
			return nb.cast( (org.hibernate.query.criteria.JpaExpression<?>) expression, Long.class );
		}
		return expression;
	}

	/** Whether the database compares this expression other than Java would: by collation (strings) or position (enums). */
	private boolean comparedByKey(SqmSelectableNode<?> node) {
		return collationKeys && ( isString( node ) || node.getJavaType() != null && node.getJavaType().isEnum() );
	}

	private static boolean isString(SqmSelectableNode<?> node) {
		Class<?> type = node.getJavaType();
		return type == String.class || type == Character.class;
	}

	private static int groupIndex(SqmExpression<?> expression, List<SqmExpression<?>> groupBy) {
		for ( int i = 0; i < groupBy.size(); i++ ) {
			if ( sameExpression( groupBy.get( i ), expression ) ) {
				return i;
			}
		}
		return -1;
	}

	private static boolean sameExpression(SqmExpression<?> a, SqmExpression<?> b) {
		if ( a == b ) {
			return true;
		}
		if ( a instanceof SqmPath<?> x && b instanceof SqmPath<?> y ) {
			return x.getNavigablePath().equals( y.getNavigablePath() );
		}
		return Objects.equals( a, b );
	}

	private static ValueSource limitValue(SqmExpression<?> expression, String clause) {
		if ( expression == null ) {
			return null;
		}
		ValueSource value = RoutingReader.valueSource( expression );
		if ( value == null ) {
			throw new Refusal( "the " + clause + " expression " + describe( expression ) + " is not a literal or a parameter" );
		}
		return value;
	}

	private static String describe(SqmExpression<?> expression) {
		if ( expression instanceof SqmPath<?> path ) {
			return path.getNavigablePath().getLocalName();
		}
		if ( expression instanceof SqmFunction<?> function ) {
			return function.getFunctionName() + "(…)";
		}
		return expression.getClass().getSimpleName().replace( "Sqm", "" );
	}
}
