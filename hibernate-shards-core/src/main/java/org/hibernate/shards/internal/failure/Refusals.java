package org.hibernate.shards.internal.failure;

import jakarta.persistence.PersistenceException;

/**
 * How the sharded façades refuse what they cannot honour across shards: with an exception that names the method and
 * says what to use instead, never by silently doing something else.
 */
public final class Refusals {
	/** Why a query takes no entity graph, and what does: a query may run on several shards, a find by id on one. */
	public static final String QUERY_ENTITY_GRAPHS = "entity graphs apply to finds routed by id (find(EntityGraph, id), "
			+ "find(Class, id, hints), findMultiple(EntityGraph, ids)) and to merge(entity, graph); in a query, fetch with join fetch";

	private Refusals() {
	}

	/**
	 * @param type the façade, as users know it: {@code ShardedSession}, {@code ShardedSessionFactory}
	 * @param method the method with its parameter types, e.g. {@code byId(Class)}
	 * @param instead what to use instead, or why it cannot be done
	 * @return the exception to throw
	 */
	public static UnsupportedOperationException unsupported(String type, String method, String instead) {
		return new UnsupportedOperationException( type + "." + method + " is not supported: " + instead );
	}

	/**
	 * {@code unwrap} of a sharded façade: it is only itself (or one of its own types), never one shard's object.
	 *
	 * @param self the façade
	 * @param type the façade's name as users know it, e.g. {@code ShardedSession}
	 * @param target the type asked for
	 * @param why what follows the refusal: why, or what to use instead, e.g. {@code ": it spans several shard sessions"}
	 */
	public static <T> T unwrap(Object self, String type, Class<T> target, String why) {
		if ( target.isInstance( self ) ) {
			return target.cast( self );
		}
		throw new PersistenceException( "A " + type + " cannot be unwrapped to " + target.getName() + why );
	}
}
