package org.hibernate.shards.internal.query.plan;

import java.util.ArrayList;
import java.util.List;

import org.hibernate.query.sqm.tree.SqmStatement;
import org.hibernate.query.sqm.tree.delete.SqmDeleteStatement;
import org.hibernate.query.sqm.tree.from.SqmRoot;
import org.hibernate.query.sqm.tree.insert.SqmInsertStatement;
import org.hibernate.query.sqm.tree.select.SqmSubQuery;
import org.hibernate.query.sqm.tree.update.SqmAssignment;
import org.hibernate.query.sqm.tree.update.SqmUpdateStatement;
import org.hibernate.shards.ShardKeyException;
import org.hibernate.shards.internal.routing.EntitySharding;
import org.hibernate.shards.internal.routing.ShardingMetamodel;

/**
 * Plans {@code update} and {@code delete} statements: they run on the shards their WHERE clause routes to (every shard
 * otherwise) and their counts add up. An update that assigns the shard key is refused: it would leave rows on a shard
 * their key no longer routes to.
 */
public final class MutationAnalyzer {
	private final ShardingMetamodel metamodel;
	private final RoutingReader routingReader;
	private final SubqueryLocality subqueries;

	/** @param referencesChecked whether cross-shard relationship checks are on: every association then stays in its shard */
	public MutationAnalyzer(ShardingMetamodel metamodel, boolean referencesChecked) {
		this.metamodel = metamodel;
		this.routingReader = new RoutingReader( metamodel );
		this.subqueries = new SubqueryLocality( metamodel, routingReader, new CoLocation( metamodel, referencesChecked ) );
	}

	/**
	 * @throws ShardKeyException for an update of the shard key, before any shard is asked
	 */
	public MutationPlan analyze(SqmStatement<?> statement) {
		if ( statement instanceof SqmInsertStatement<?> insert ) {
			return new MutationPlan( Routing.ALL, Unsupported.INSERT.message(), List.of() );
		}
		SqmRoot<?> root;
		org.hibernate.query.sqm.tree.predicate.SqmWhereClause where;
		if ( statement instanceof SqmUpdateStatement<?> update ) {
			root = update.getTarget();
			where = update.getWhereClause();
			EntitySharding entity = metamodel.byEntityName( root.getEntityName() );
			for ( SqmAssignment<?> assignment : update.getSetClause().getAssignments() ) {
				String attribute = assignment.getTargetPath().getReferencedPathSource().getPathName();
				if ( entity.hasKey() && attribute.equals( entity.keyName() ) ) {
					throw new ShardKeyException( "The update assigns the shard key " + entity.entityName() + "." + entity.keyName()
							+ "; rows cannot move between shards by an update. Remove them and persist copies with the new key instead. "
							+ "Nothing was written." );
				}
			}
		}
		else {
			SqmDeleteStatement<?> delete = (SqmDeleteStatement<?>) statement;
			root = delete.getTarget();
			where = delete.getWhereClause();
		}
		EntitySharding entity = metamodel.byEntityName( root.getEntityName() );
		org.hibernate.query.sqm.tree.predicate.SqmPredicate predicate = where == null ? null : where.getPredicate();
		Routing routing = routingReader.read( predicate, root, entity );
		List<SelectPlan.SubqueryRouting> nonLocal = new ArrayList<>();
		for ( SqmSubQuery<?> subquery : SqmScanner.scan( predicate ).subqueries ) {
			SelectPlan.SubqueryRouting subqueryRouting = subqueries.routingOf( subquery );
			if ( subqueryRouting != null ) {
				nonLocal.add( subqueryRouting );
			}
		}
		return new MutationPlan( routing, null, nonLocal );
	}
}
