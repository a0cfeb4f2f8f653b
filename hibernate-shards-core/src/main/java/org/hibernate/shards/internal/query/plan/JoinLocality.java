package org.hibernate.shards.internal.query.plan;

import java.util.List;

import jakarta.persistence.metamodel.Attribute;
import org.hibernate.query.sqm.tree.from.SqmAttributeJoin;
import org.hibernate.query.sqm.tree.from.SqmFrom;
import org.hibernate.query.sqm.tree.from.SqmJoin;
import org.hibernate.query.sqm.tree.from.SqmRoot;
import org.hibernate.query.sqm.tree.predicate.SqmPredicate;
import org.hibernate.query.sqm.tree.select.SqmQuerySpec;
import org.hibernate.shards.internal.routing.EntitySharding;
import org.hibernate.shards.internal.routing.ShardingMetamodel;

/**
 * Tells whether the entities a query reads besides its first root stay on the shard of the row they are joined to.
 * Joins along a co-located association do; further roots ({@code from A a, B b}) and entity joins not along an
 * association read rows of their own: those are noted with their routing (they are correct only when routed to the
 * query's one shard), and make the query unmergeable across shards.
 */
final class JoinLocality {
	private final ShardingMetamodel metamodel;
	private final RoutingReader routingReader;
	private final CoLocation coLocation;
	private final SubqueryLocality subqueries;

	JoinLocality(ShardingMetamodel metamodel, RoutingReader routingReader, CoLocation coLocation, SubqueryLocality subqueries) {
		this.metamodel = metamodel;
		this.routingReader = routingReader;
		this.coLocation = coLocation;
		this.subqueries = subqueries;
	}

	/**
	 * @param nonLocal receives the rows read that must be on the query's shard, with their routing
	 * @return why the query's roots and joins cannot be merged across shards, or {@code null}
	 */
	String check(SqmQuerySpec<?> spec, List<SelectPlan.SubqueryRouting> nonLocal) {
		SqmPredicate where = SqmNodes.where( spec );
		List<SqmRoot<?>> roots = spec.getFromClause().getRoots();
		EntitySharding entity = metamodel.byEntityName( roots.get( 0 ).getEntityName() );
		// Every other entity the query reads must be on the one shard the query runs on, like a subquery's rows.
		String refusal = null;
		for ( SqmRoot<?> other : roots.subList( 1, roots.size() ) ) {
			EntitySharding otherEntity = metamodel.byEntityName( other.getEntityName() );
			if ( subqueries.correlatedThroughAssociation( where, other, otherEntity ) ) {
				continue; // "from Customer c, PurchaseOrder o where o.customer = c": a join along the association
			}
			nonLocal.add( new SelectPlan.SubqueryRouting( "the " + otherEntity.simpleName() + " rows of 'from "
					+ entity.simpleName() + " …, " + otherEntity.simpleName() + " …'", routingReader.read( where, other, otherEntity ) ) );
			refusal = Unsupported.ENTITIES_JOINED_IN_WHERE.message();
		}
		for ( SqmRoot<?> from : roots ) {
			String joins = checkJoins( from, metamodel.byEntityName( from.getEntityName() ), where, nonLocal );
			refusal = refusal != null ? refusal : joins;
		}
		return refusal;
	}

	/** @return the first reason the joins of {@code from} (and theirs) cannot be merged, or {@code null} */
	private String checkJoins(SqmFrom<?, ?> from, EntitySharding owner, SqmPredicate where, List<SelectPlan.SubqueryRouting> nonLocal) {
		String refusal = null;
		for ( SqmJoin<?, ?> join : from.getSqmJoins() ) {
			String targetName = SqmNodes.entityNameOf( join );
			EntitySharding target = targetName == null ? null : metamodel.byEntityName( targetName );
			if ( !( join instanceof SqmAttributeJoin<?, ?> attributeJoin ) ) {
				if ( target == null ) {
					refusal = refusal != null ? refusal : Unsupported.JOIN_TO_NON_ENTITY.message();
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
				refusal = refusal != null ? refusal : Unsupported.JOIN_NOT_ALONG_ASSOCIATION.message( target.simpleName() );
			}
			else if ( target != null ) {
				Attribute<?, ?> attribute = attributeJoin.getAttribute();
				if ( owner != null && !coLocation.isCoLocated( owner, attribute.getName(), target, attribute.getJavaMember() ) ) {
					refusal = refusal != null ? refusal
							: Unsupported.JOIN_NOT_CO_LOCATED.message( owner.simpleName(), attribute.getName(), target.simpleName() );
				}
			}
			String nested = checkJoins( join, target, where, nonLocal );
			refusal = refusal != null ? refusal : nested;
		}
		return refusal;
	}
}
