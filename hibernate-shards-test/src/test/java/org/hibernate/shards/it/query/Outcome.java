package org.hibernate.shards.it.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.opentest4j.AssertionFailedError;

/** What a query gave on one side: its rows in canonical form, or the exception it threw. */
record Outcome(List<List<String>> rows, RuntimeException failure) {

	static Outcome of(List<?> results, QueryCase query) {
		return new Outcome( ResultCanon.rows( results, query.foldStrings, query.fetches ), null );
	}

	static Outcome failed(RuntimeException e) {
		return new Outcome( null, e );
	}

	/**
	 * Asserts that the sharded side gave what the reference database gave, under the case's comparison rules.
	 *
	 * @throws AssertionFailedError with the query, the expected and the actual answer and the first difference
	 */
	static void assertSame(QueryCase query, Outcome expected, Outcome actual) {
		if ( expected.failure != null ) {
			if ( query.expectedFailure == null || !query.expectedFailure.isInstance( expected.failure ) ) {
				throw new AssertionFailedError( "The REFERENCE database failed (the test is wrong, not the library): " + query.describe(),
						expected.failure );
			}
			if ( actual.failure == null ) {
				fail( query, "expected " + query.expectedFailure.getSimpleName() + " as on one database, but the sharded query returned "
						+ actual.rows.size() + " rows: " + head( actual.rows ), null );
			}
			if ( !query.expectedFailure.isInstance( actual.failure ) ) {
				fail( query, "expected " + query.expectedFailure.getSimpleName() + " as on one database, but the sharded query threw "
						+ actual.failure, actual.failure );
			}
			return;
		}
		if ( query.expectedFailure != null ) {
			throw new AssertionFailedError( "The REFERENCE database did not throw " + query.expectedFailure.getSimpleName()
					+ " (the test is wrong): " + query.describe() + "\n  it returned " + head( expected.rows ) );
		}
		if ( expected.rows.isEmpty() != query.emptyExpected ) {
			throw new AssertionFailedError( "The REFERENCE database returned " + expected.rows.size() + " rows, but the test expects "
					+ ( query.emptyExpected ? "none" : "some" ) + " (the test is wrong): " + query.describe() );
		}
		if ( actual.failure != null ) {
			fail( query, "the sharded query threw, one database returned " + expected.rows.size() + " rows: " + head( expected.rows ),
					actual.failure );
		}
		List<List<String>> e = expected.rows;
		List<List<String>> a = actual.rows;
		if ( e.size() != a.size() ) {
			fail( query, "expected " + e.size() + " rows but got " + a.size() + "\n" + firstDifference( e, a, query ), null );
		}
		switch ( query.order ) {
			case SIZE -> {
			}
			case TOTAL -> {
				for ( int i = 0; i < e.size(); i++ ) {
					if ( !e.get( i ).equals( a.get( i ) ) ) {
						fail( query, "rows differ (total order)\n" + firstDifference( e, a, query ), null );
					}
				}
			}
			case UNORDERED -> compareMultisets( query, e, a, "rows differ (as multisets)" );
			case TIES -> compareRuns( query, e, a );
		}
	}

	private static void compareRuns(QueryCase query, List<List<String>> e, List<List<String>> a) {
		for ( int i = 0; i < e.size(); i++ ) {
			if ( !key( e.get( i ), query ).equals( key( a.get( i ), query ) ) ) {
				fail( query, "the ORDER BY keys differ at row " + i + "\n" + firstDifference( e, a, query ), null );
			}
		}
		int start = 0;
		while ( start < e.size() ) {
			int end = start;
			List<String> key = key( e.get( start ), query );
			while ( end < e.size() && key( e.get( end ), query ).equals( key ) ) {
				end++;
			}
			boolean edge = start == 0 || end == e.size();
			if ( !( query.paged && edge ) ) {
				compareMultisets( query, e.subList( start, end ), a.subList( start, end ),
						"rows " + start + " to " + ( end - 1 ) + " (equal ORDER BY keys " + key + ") differ" );
			}
			start = end;
		}
	}

	private static List<String> key(List<String> row, QueryCase query) {
		List<String> key = new ArrayList<>();
		for ( int column : query.keyColumns ) {
			key.add( ResultCanon.fold( row.get( column ) ) );
		}
		return key;
	}

	private static void compareMultisets(QueryCase query, List<List<String>> e, List<List<String>> a, String what) {
		Map<List<String>, Integer> counts = new HashMap<>();
		e.forEach( row -> counts.merge( row, 1, Integer::sum ) );
		a.forEach( row -> counts.merge( row, -1, Integer::sum ) );
		List<String> missing = new ArrayList<>();
		List<String> extra = new ArrayList<>();
		counts.forEach( (row, n) -> {
			if ( n > 0 ) {
				missing.add( n + " x " + row );
			}
			else if ( n < 0 ) {
				extra.add( -n + " x " + row );
			}
		} );
		if ( !missing.isEmpty() || !extra.isEmpty() ) {
			missing.sort( null );
			extra.sort( null );
			fail( query, what + "\n  missing on the sharded side (" + missing.size() + "): " + head( missing )
					+ "\n  extra on the sharded side (" + extra.size() + "): " + head( extra ), null );
		}
	}

	private static String firstDifference(List<List<String>> e, List<List<String>> a, QueryCase query) {
		int n = Math.min( e.size(), a.size() );
		for ( int i = 0; i < n; i++ ) {
			boolean differs = query.order == QueryCase.Order.TIES ? !key( e.get( i ), query ).equals( key( a.get( i ), query ) )
					: !Objects.equals( e.get( i ), a.get( i ) );
			if ( differs ) {
				return "  first difference at row " + i + ":\n    expected " + e.get( i ) + "\n    actual   " + a.get( i )
						+ "\n  expected rows " + window( e, i ) + "\n  actual rows   " + window( a, i );
			}
		}
		return "  first difference at row " + n + ": expected " + ( n < e.size() ? e.get( n ) : "(end)" ) + ", actual "
				+ ( n < a.size() ? a.get( n ) : "(end)" );
	}

	private static String window(List<List<String>> rows, int at) {
		return rows.subList( Math.max( 0, at - 2 ), Math.min( rows.size(), at + 3 ) ).toString() + " (from row " + Math.max( 0, at - 2 ) + ")";
	}

	private static String head(List<?> rows) {
		return rows.size() <= 5 ? rows.toString() : rows.subList( 0, 5 ) + " … (" + rows.size() + " in all)";
	}

	private static void fail(QueryCase query, String message, Throwable cause) {
		throw new AssertionFailedError( "Sharded answer differs from one database's for " + query.id + ":\n  " + query.describe()
				+ "\n  comparison: " + query.order + ( query.paged ? " (paged)" : "" ) + "\n" + message, cause );
	}
}
