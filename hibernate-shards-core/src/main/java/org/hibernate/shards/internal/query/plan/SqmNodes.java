package org.hibernate.shards.internal.query.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import jakarta.persistence.criteria.Nulls;
import org.hibernate.metamodel.model.domain.EntityDomainType;
import org.hibernate.query.SortDirection;
import org.hibernate.query.sqm.NodeBuilder;
import org.hibernate.query.sqm.tree.domain.SqmPath;
import org.hibernate.query.sqm.tree.expression.SqmAliasedNodeRef;
import org.hibernate.query.sqm.tree.expression.SqmExpression;
import org.hibernate.query.sqm.tree.expression.SqmFunction;
import org.hibernate.query.sqm.tree.from.SqmFrom;
import org.hibernate.query.sqm.tree.predicate.SqmPredicate;
import org.hibernate.query.sqm.tree.select.SqmJpaCompoundSelection;
import org.hibernate.query.sqm.tree.select.SqmQuerySpec;
import org.hibernate.query.sqm.tree.select.SqmSelectClause;
import org.hibernate.query.sqm.tree.select.SqmSelectableNode;
import org.hibernate.query.sqm.tree.select.SqmSelection;
import org.hibernate.query.sqm.tree.select.SqmSortSpecification;
import org.hibernate.shards.internal.query.merge.SortKey;

/** Reading and extending a query tree (Hibernate's SQM) the way the merge planners need it. */
final class SqmNodes {
	private SqmNodes() {
	}

	/** @return the WHERE condition, or {@code null} */
	static SqmPredicate where(SqmQuerySpec<?> spec) {
		return spec.getWhereClause() == null ? null : spec.getWhereClause().getPredicate();
	}

	/** The selected items, with a JPA compound selection ({@code multiselect}) unfolded into its parts. */
	static List<SqmSelectableNode<?>> items(SqmQuerySpec<?> spec) {
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

	static List<String> aliases(SqmQuerySpec<?> spec, List<SqmSelectableNode<?>> items) {
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

	static boolean isEntity(SqmPath<?> path) {
		return path.getReferencedPathSource().getPathType() instanceof EntityDomainType<?>;
	}

	static boolean hasEntity(List<SqmSelectableNode<?>> items) {
		for ( SqmSelectableNode<?> item : items ) {
			if ( item instanceof SqmFrom<?, ?> || item instanceof SqmPath<?> path && isEntity( path ) ) {
				return true;
			}
		}
		return false;
	}

	/** @return the Hibernate entity name of what a join reaches, or {@code null} when it is not an entity */
	static String entityNameOf(SqmFrom<?, ?> join) {
		if ( join.getReferencedPathSource().getPathType() instanceof EntityDomainType<?> entity ) {
			return entity.getHibernateEntityName();
		}
		return null;
	}

	static boolean isString(SqmSelectableNode<?> node) {
		Class<?> type = node.getJavaType();
		return type == String.class || type == Character.class;
	}

	/** Resolves {@code order by 2} and {@code order by alias} to the selected expression. */
	static SqmExpression<?> sortExpression(SqmSortSpecification sort, List<SqmSelectableNode<?>> items) {
		SqmExpression<?> expression = sort.getSortExpression();
		if ( expression instanceof SqmAliasedNodeRef reference ) {
			SqmSelectableNode<?> item = items.get( reference.getPosition() - 1 );
			if ( !( item instanceof SqmExpression<?> selected ) ) {
				throw Unsupported.ORDER_BY_CONSTRUCTED_OBJECT.refusal();
			}
			return selected;
		}
		return expression;
	}

	static SortKey sortKey(int column, SqmSortSpecification sort) {
		boolean descending = sort.getSortDirection() == SortDirection.DESCENDING;
		Nulls nulls = sort.getNullPrecedence();
		if ( nulls == null || nulls == Nulls.NONE ) {
			return SortKey.mysqlDefault( column, descending );
		}
		return new SortKey( column, descending, nulls == Nulls.FIRST );
	}

	/** Adds a selection the query did not ask for (a sort key, a group's identity) and returns its column. */
	@SuppressWarnings("unchecked")
	static int addHidden(SqmSelectClause clause, SqmSelectableNode<?> node, NodeBuilder nb) {
		clause.addSelection( new SqmSelection<>( (SqmSelectableNode<Object>) node, nb ) );
		return clause.getSelections().size() - 1;
	}

	/** @return the position of an expression among the GROUP BY expressions, or -1 */
	static int groupIndex(SqmExpression<?> expression, List<SqmExpression<?>> groupBy) {
		for ( int i = 0; i < groupBy.size(); i++ ) {
			if ( sameExpression( groupBy.get( i ), expression ) ) {
				return i;
			}
		}
		return -1;
	}

	static boolean sameExpression(SqmExpression<?> a, SqmExpression<?> b) {
		if ( a == b ) {
			return true;
		}
		if ( a instanceof SqmPath<?> x && b instanceof SqmPath<?> y ) {
			return x.getNavigablePath().equals( y.getNavigablePath() );
		}
		return Objects.equals( a, b );
	}

	/** A short name of an expression, for messages. */
	static String describe(SqmExpression<?> expression) {
		if ( expression instanceof SqmPath<?> path ) {
			return path.getNavigablePath().getLocalName();
		}
		if ( expression instanceof SqmFunction<?> function ) {
			return function.getFunctionName() + "(…)";
		}
		return expression.getClass().getSimpleName().replace( "Sqm", "" );
	}
}
