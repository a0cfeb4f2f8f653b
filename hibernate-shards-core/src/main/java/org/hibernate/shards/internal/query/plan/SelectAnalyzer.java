package org.hibernate.shards.internal.query.plan;

import java.util.ArrayList;
import java.util.List;

import org.hibernate.query.sqm.tree.SqmCopyContext;
import org.hibernate.query.sqm.tree.from.SqmRoot;
import org.hibernate.query.sqm.tree.select.SqmQueryGroup;
import org.hibernate.query.sqm.tree.select.SqmQueryPart;
import org.hibernate.query.sqm.tree.select.SqmQuerySpec;
import org.hibernate.query.sqm.tree.select.SqmSelectStatement;
import org.hibernate.query.sqm.tree.select.SqmSubQuery;
import org.hibernate.shards.internal.routing.EntitySharding;
import org.hibernate.shards.internal.routing.ShardingMetamodel;

/**
 * The query planner: the one place that reads a selection query's tree (Hibernate's SQM). It decides which shards a
 * query needs ({@link RoutingReader}), whether merging several shards' rows can give exactly the answer of one
 * database ({@link JoinLocality}, {@link SubqueryLocality}, {@link Unsupported}), the statement each shard runs and how
 * the rows are merged ({@link PlainMergePlanner}, {@link AggregateMergePlanner}).
 * <p>
 * A plan depends only on the query and the factory's configuration, never on parameter values or on a session, so the
 * plans of HQL queries are cached per factory ({@link QueryPlanCache}).
 */
public final class SelectAnalyzer {
	private final ShardingMetamodel metamodel;
	private final RoutingReader routingReader;
	private final SubqueryLocality subqueries;
	private final JoinLocality joins;
	private final PlainMergePlanner plainMerge;
	private final AggregateMergePlanner aggregateMerge;

	/**
	 * @param referencesChecked whether cross-shard relationship checks are on: every association then stays in its shard
	 * @param collationKeys whether strings are compared by the database's collation keys ({@code WEIGHT_STRING}, on MySQL
	 *        and MariaDB), so that merged order, groups and duplicates match the database's own
	 */
	public SelectAnalyzer(ShardingMetamodel metamodel, boolean referencesChecked, boolean collationKeys) {
		this.metamodel = metamodel;
		this.routingReader = new RoutingReader( metamodel );
		CoLocation coLocation = new CoLocation( metamodel, referencesChecked );
		this.subqueries = new SubqueryLocality( metamodel, routingReader, coLocation );
		this.joins = new JoinLocality( metamodel, routingReader, coLocation, subqueries );
		CollationKeys keys = new CollationKeys( collationKeys );
		this.plainMerge = new PlainMergePlanner( keys );
		this.aggregateMerge = new AggregateMergePlanner( keys );
	}

	public SelectPlan analyze(SqmSelectStatement<?> original, Class<?> resultType) {
		SqmSelectStatement<Object[]> copy = original.createCopy( SqmCopyContext.noParamCopyContext(), Object[].class );
		SqmQueryPart<Object[]> part = copy.getQueryPart();
		if ( !( part instanceof SqmQuerySpec<Object[]> spec ) ) {
			return setOperation( (SqmQueryGroup<?>) part );
		}
		SqmRoot<?> root = spec.getFromClause().getRoots().get( 0 );
		Routing routing = routingReader.read( SqmNodes.where( spec ), root, metamodel.byEntityName( root.getEntityName() ) );
		List<SelectPlan.SubqueryRouting> nonLocal = new ArrayList<>();
		String refusal = joins.check( spec, nonLocal );
		try {
			SqmScanner scan = SqmScanner.scan( spec );
			for ( SqmSubQuery<?> subquery : scan.subqueries ) {
				SelectPlan.SubqueryRouting subqueryRouting = subqueries.routingOf( subquery );
				if ( subqueryRouting != null ) {
					nonLocal.add( subqueryRouting );
				}
			}
			if ( refusal != null ) {
				throw new Unsupported.Refusal( refusal );
			}
			if ( scan.windowFunction ) {
				throw Unsupported.WINDOW_FUNCTION.refusal();
			}
			boolean aggregate = !spec.getGroupByClauseExpressions().isEmpty()
					|| !SqmScanner.scan( spec.getSelectClause() ).aggregates.isEmpty()
					|| spec.getHavingClausePredicate() != null;
			MergeSpec merge = aggregate ? aggregateMerge.plan( spec, copy.nodeBuilder(), resultType )
					: plainMerge.plan( spec, copy.nodeBuilder(), resultType );
			return new SelectPlan( routing, null, nonLocal, copy, merge );
		}
		catch (Unsupported.Refusal refused) {
			return new SelectPlan( routing, refused.getMessage(), nonLocal, null, null );
		}
	}

	private SelectPlan setOperation(SqmQueryGroup<?> group) {
		List<Routing> parts = new ArrayList<>();
		for ( SqmQueryPart<?> part : group.getQueryParts() ) {
			if ( part instanceof SqmQuerySpec<?> spec && spec.getFromClause().getRoots().size() == 1 ) {
				SqmRoot<?> root = spec.getFromClause().getRoots().get( 0 );
				parts.add( routingReader.read( SqmNodes.where( spec ), root, metamodel.byEntityName( root.getEntityName() ) ) );
			}
			else {
				parts.add( Routing.ALL );
			}
		}
		return new SelectPlan( new Routing.Or( parts ), Unsupported.SET_OPERATION.message(), List.of(), null, null );
	}
}
