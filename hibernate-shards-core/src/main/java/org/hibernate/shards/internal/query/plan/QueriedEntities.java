package org.hibernate.shards.internal.query.plan;

import java.util.LinkedHashSet;
import java.util.Set;

import org.hibernate.metamodel.model.domain.EntityDomainType;
import org.hibernate.query.sqm.spi.BaseSemanticQueryWalker;
import org.hibernate.query.sqm.tree.SqmStatement;
import org.hibernate.query.sqm.tree.from.SqmAttributeJoin;
import org.hibernate.query.sqm.tree.from.SqmCrossJoin;
import org.hibernate.query.sqm.tree.from.SqmEntityJoin;
import org.hibernate.query.sqm.tree.from.SqmRoot;

/** The entities a query reads or writes: its roots and joins, in subqueries too, by Hibernate entity name. */
public final class QueriedEntities extends BaseSemanticQueryWalker {
	private final Set<String> names = new LinkedHashSet<>();

	private QueriedEntities() {
	}

	public static Set<String> of(SqmStatement<?> statement) {
		QueriedEntities walker = new QueriedEntities();
		statement.accept( walker );
		return walker.names;
	}

	@Override
	public Object visitRootPath(SqmRoot<?> root) {
		names.add( root.getEntityName() );
		return super.visitRootPath( root );
	}

	@Override
	public Object visitCrossJoin(SqmCrossJoin<?> join) {
		names.add( join.getEntityName() );
		return super.visitCrossJoin( join );
	}

	@Override
	public Object visitQualifiedEntityJoin(SqmEntityJoin<?, ?> join) {
		names.add( join.getEntityName() );
		return super.visitQualifiedEntityJoin( join );
	}

	@Override
	public Object visitQualifiedAttributeJoin(SqmAttributeJoin<?, ?> join) {
		if ( join.getReferencedPathSource().getPathType() instanceof EntityDomainType<?> entity ) {
			names.add( entity.getHibernateEntityName() );
		}
		return super.visitQualifiedAttributeJoin( join );
	}
}
