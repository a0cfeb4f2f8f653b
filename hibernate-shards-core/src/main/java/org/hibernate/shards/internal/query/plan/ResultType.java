package org.hibernate.shards.internal.query.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.persistence.Tuple;
import org.hibernate.query.sqm.tree.select.SqmSelectableNode;
import org.hibernate.shards.internal.query.merge.Projection;

/** What a query's result type asks of a merged row. */
final class ResultType {
	private ResultType() {
	}

	/** Whether the type takes the selected values as they are ({@code Object[]}, a tuple, a list, a map), not as a constructor's arguments. */
	static boolean isGeneric(Class<?> resultType) {
		return resultType == null || resultType == Object.class || resultType == Object[].class || resultType == Tuple.class
				|| List.class.isAssignableFrom( resultType ) || Map.class.isAssignableFrom( resultType );
	}

	static Projection projection(Class<?> resultType, List<SqmSelectableNode<?>> items, List<String> aliases) {
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
}
