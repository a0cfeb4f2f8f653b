package org.hibernate.shards.it.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import org.hibernate.Session;
import org.hibernate.query.Query;

/**
 * One query of the differential suite: how to run it on a session (the sharded one and the reference one get the
 * same code), and how to compare the two answers.
 */
final class QueryCase {

	enum Kind { HQL, CRITERIA, MUTATION }

	/** How the rows of the two sides must match. */
	enum Order {
		/** the query orders totally (a unique key ends the ORDER BY): the same rows in the same order */
		TOTAL,
		/** no (total) order: the same multiset of rows */
		UNORDERED,
		/** ordered by the leading key columns, with ties: the same key sequence, and the same rows within each run of equal keys */
		TIES,
		/** paging without ORDER BY picks any rows: only the number of rows is defined */
		SIZE
	}

	enum Terminal { LIST, STREAM, SINGLE, SINGLE_OR_NULL }

	/** A parameter value, computed on the session that runs the query (entities are found on that session). */
	record Param(Object key, Function<Session, Object> value) {
	}

	final String id;
	final Kind kind;
	final String text;
	private final Function<Session, Query<?>> creation;
	private final Function<Session, List<?>> custom;
	final List<Param> params = new ArrayList<>();
	Integer firstResult;
	Integer maxResults;
	Terminal shardedTerminal = Terminal.LIST;
	Terminal referenceTerminal = Terminal.LIST;
	Order order = Order.UNORDERED;
	int[] keyColumns = new int[0];
	boolean paged;
	boolean foldStrings;
	boolean fetches;
	/** whether one database's answer has no rows: otherwise an empty answer means the test proves nothing */
	boolean emptyExpected;
	/** the exception both sides must throw (e.g. NoResultException), or null */
	Class<? extends Exception> expectedFailure;
	/** for queries routed by a shard key: the customers whose shards alone may be asked; null when not checked */
	Set<Long> routedToCustomers;

	private QueryCase(String id, Kind kind, String text, Function<Session, Query<?>> creation, Function<Session, List<?>> custom) {
		this.id = id;
		this.kind = kind;
		this.text = text;
		this.creation = creation;
		this.custom = custom;
	}

	static QueryCase hql(String id, String hql, Class<?> resultType) {
		return new QueryCase( id, Kind.HQL, hql, session -> session.createQuery( hql, resultType ), null );
	}

	static QueryCase named(String id, String name, Class<?> resultType) {
		return new QueryCase( id, Kind.HQL, "named query " + name, session -> session.createNamedQuery( name, resultType ), null );
	}

	static <T> QueryCase criteria(String id, String description, Function<CriteriaBuilder, CriteriaQuery<T>> definition) {
		return new QueryCase( id, Kind.CRITERIA, description,
				session -> session.createQuery( definition.apply( session.getCriteriaBuilder() ) ), null );
	}

	/** A statement run in a transaction that is rolled back: the work returns what is compared (counts, rows after). */
	static QueryCase mutation(String id, String description, Function<Session, List<?>> work) {
		QueryCase c = new QueryCase( id, Kind.MUTATION, description, null, work );
		c.order = Order.TOTAL;
		return c;
	}

	// ---- fluent settings

	QueryCase param(Object key, Object value) {
		params.add( new Param( key, session -> value ) );
		return this;
	}

	QueryCase paramOn(Object key, Function<Session, Object> value) {
		params.add( new Param( key, value ) );
		return this;
	}

	QueryCase page(Integer first, Integer max) {
		this.firstResult = first;
		this.maxResults = max;
		return this;
	}

	QueryCase total() {
		this.order = Order.TOTAL;
		return this;
	}

	QueryCase unordered() {
		this.order = Order.UNORDERED;
		return this;
	}

	QueryCase ties(int... keyColumns) {
		this.order = Order.TIES;
		this.keyColumns = keyColumns;
		return this;
	}

	QueryCase sizeOnly() {
		this.order = Order.SIZE;
		return this;
	}

	/** The query returns at most a page of its answer: rows of runs of equal keys cut at the page's edges may differ. */
	QueryCase paged() {
		this.paged = true;
		return this;
	}

	QueryCase folded() {
		this.foldStrings = true;
		return this;
	}

	QueryCase fetches() {
		this.fetches = true;
		return this;
	}

	QueryCase single() {
		shardedTerminal = referenceTerminal = Terminal.SINGLE;
		order = Order.TOTAL;
		return this;
	}

	QueryCase singleOrNull() {
		shardedTerminal = referenceTerminal = Terminal.SINGLE_OR_NULL;
		order = Order.TOTAL;
		return this;
	}

	/** The sharded side streams ({@code getResultStream}); the reference side lists. */
	QueryCase streamed() {
		shardedTerminal = Terminal.STREAM;
		return this;
	}

	/**
	 * Both sides stream: for queries whose list and stream differ in plain Hibernate (a list keeps one row per entity a
	 * join repeats; a stream keeps every row).
	 */
	QueryCase streamedOnBoth() {
		shardedTerminal = referenceTerminal = Terminal.STREAM;
		return this;
	}

	QueryCase empty() {
		this.emptyExpected = true;
		return this;
	}

	QueryCase fails(Class<? extends Exception> failure) {
		this.expectedFailure = failure;
		return this;
	}

	QueryCase routedTo(Long... customerIds) {
		this.routedToCustomers = new LinkedHashSet<>( Arrays.asList( customerIds ) );
		return this;
	}

	// ---- running

	List<?> run(Session session, boolean sharded) {
		if ( custom != null ) {
			return custom.apply( session );
		}
		Query<?> query = creation.apply( session );
		for ( Param param : params ) {
			Object value = param.value().apply( session );
			if ( param.key() instanceof Integer position ) {
				query.setParameter( position, value );
			}
			else if ( value instanceof Collection<?> values ) {
				query.setParameterList( (String) param.key(), values );
			}
			else {
				query.setParameter( (String) param.key(), value );
			}
		}
		if ( firstResult != null ) {
			query.setFirstResult( firstResult );
		}
		if ( maxResults != null ) {
			query.setMaxResults( maxResults );
		}
		return switch ( sharded ? shardedTerminal : referenceTerminal ) {
			case LIST -> query.getResultList();
			case STREAM -> {
				try ( Stream<?> stream = query.getResultStream() ) {
					yield stream.toList();
				}
			}
			case SINGLE -> Collections.singletonList( query.getSingleResult() );
			case SINGLE_OR_NULL -> Collections.singletonList( query.getSingleResultOrNull() );
		};
	}

	String describe() {
		StringBuilder text = new StringBuilder( this.text );
		if ( !params.isEmpty() ) {
			text.append( "\n  parameters: " );
			for ( Param param : params ) {
				Object value;
				try {
					value = param.value().apply( null );
				}
				catch (RuntimeException e) {
					value = "(an entity found on each side)";
				}
				text.append( param.key() ).append( '=' ).append( value ).append( ' ' );
			}
		}
		if ( firstResult != null || maxResults != null ) {
			text.append( "\n  setFirstResult(" ).append( firstResult ).append( ") setMaxResults(" ).append( maxResults ).append( ')' );
		}
		if ( shardedTerminal != Terminal.LIST ) {
			text.append( "\n  sharded side: " ).append( shardedTerminal ).append( ", reference side: " ).append( referenceTerminal );
		}
		return text.toString();
	}

	@Override
	public String toString() {
		return id + " " + text.replaceAll( "\\s+", " " );
	}
}
