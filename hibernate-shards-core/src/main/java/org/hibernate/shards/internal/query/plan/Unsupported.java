package org.hibernate.shards.internal.query.plan;

/**
 * What the planner refuses to merge across shards, in one list: each case cannot give the answer one database would,
 * so a query that needs it runs only when it is routed to one shard. The texts end up in
 * {@link org.hibernate.shards.ShardedQueryException}s, after "Refused before any shard was asked: ".
 */
enum Unsupported {
	SET_OPERATION("UNION, INTERSECT and EXCEPT combine rows of every shard and cannot be merged exactly; run each part as its own "
			+ "query, or route every part to one shard"),
	ENTITIES_JOINED_IN_WHERE("a query over several entities joined in the WHERE clause (from A a, B b) cannot be merged across "
			+ "shards; join along an association, or route the query to one shard"),
	JOIN_TO_NON_ENTITY("a join to something other than an entity cannot be merged across shards"),
	/** {@code %s}: the joined entity */
	JOIN_NOT_ALONG_ASSOCIATION("a join to %s that is not along an association needs rows of every shard; join along an "
			+ "association, or route the query (and the joined rows) to one shard"),
	/** {@code %s}: the owner, the association, the target */
	JOIN_NOT_CO_LOCATED("the join along %s.%s reaches %s rows that may live on other shards (they are not co-located through "
			+ "@ShardKey); route the query to one shard, or query each entity on its own"),
	WINDOW_FUNCTION("window functions (OVER) see only one shard's rows; route the query to one shard"),
	ORDER_BY_CONSTRUCTED_OBJECT("ORDER BY a constructed object cannot be merged across shards; order by its values"),
	/** {@code %s}: the class constructed */
	DISTINCT_NEW("SELECT DISTINCT NEW %s(…) cannot be merged across shards; select the values with DISTINCT and build the "
			+ "objects afterwards"),
	FETCH_WITH_TIES_OR_PERCENT("FETCH FIRST … WITH TIES or PERCENT cannot be merged across shards"),
	/** {@code %s}: "offset" or "limit", the expression */
	PAGING_EXPRESSION("the %s expression %s is not a literal or a parameter"),
	/** {@code %s}: the kind of selection */
	SELECTION_NOT_COMPUTABLE("the selection %s cannot be computed from per-shard parts"),
	/** {@code %s}: the aggregate, in capitals */
	DISTINCT_AGGREGATE("%s(DISTINCT …) cannot be combined from per-shard parts; only COUNT(DISTINCT …) can"),
	TWO_COUNT_DISTINCT("COUNT(DISTINCT …) over two different expressions in one query cannot be merged across shards"),
	AVG_FILTER("AVG(…) FILTER (WHERE …) cannot be combined from per-shard parts"),
	/** {@code %s}: the aggregate */
	AGGREGATE("the aggregate %s(…) cannot be combined from per-shard parts; COUNT, SUM, MIN, MAX, AVG and COUNT(DISTINCT …) can"),
	/** {@code %s}: the operator */
	DIVISION_OF_AGGREGATES("the division or modulo '%s' over aggregates is not recomputed across shards (its rounding is the "
			+ "database's); select the parts and compute it in Java"),
	/** {@code %s}: the expression */
	NOT_RECOMPUTABLE("the expression %s in a grouped or aggregate query is neither a GROUP BY expression nor computable from "
			+ "aggregates, so it cannot be recomputed across shards"),
	/** {@code %s}: the kind of condition */
	HAVING_CONDITION("the HAVING condition %s cannot be evaluated on merged groups; use comparisons, BETWEEN, IS NULL, AND, OR and "
			+ "NOT over numbers and aggregates"),
	HAVING_ON_STRINGS("HAVING compares strings, whose order is the database collation's; it is not evaluated on merged groups"),
	INSERT("INSERT statements cannot choose a shard per row; persist entities through the ShardedSession instead");

	private final String text;

	Unsupported(String text) {
		this.text = text;
	}

	String message(Object... details) {
		return details.length == 0 ? text : String.format( text, details );
	}

	/** @return the refusal to throw out of the planning of a merge */
	Refusal refusal(Object... details) {
		return new Refusal( message( details ) );
	}

	/** A construct that merging cannot answer exactly; the query may still run when routed to one shard. */
	static final class Refusal extends RuntimeException {
		Refusal(String message) {
			super( message, null, false, false );
		}
	}
}
