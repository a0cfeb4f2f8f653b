package org.hibernate.shards.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** How commands print: aligned tables for people, JSON for scripts. */
final class Output {
	private static final ObjectMapper JSON = new ObjectMapper().enable( SerializationFeature.INDENT_OUTPUT )
			.disable( SerializationFeature.FAIL_ON_EMPTY_BEANS );

	private Output() {
	}

	static void json(PrintWriter out, Object value) {
		try {
			out.println( JSON.writeValueAsString( value ) );
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException( "Cannot write " + value.getClass().getSimpleName() + " as JSON", e );
		}
	}

	/** Prints rows under headers, each column as wide as its widest cell; columns of numbers are aligned right. */
	static void table(PrintWriter out, List<String> headers, List<List<String>> rows) {
		int columns = headers.size();
		int[] widths = new int[columns];
		boolean[] numeric = new boolean[columns];
		for ( int c = 0; c < columns; c++ ) {
			widths[c] = headers.get( c ).length();
			numeric[c] = !rows.isEmpty();
			for ( List<String> row : rows ) {
				widths[c] = Math.max( widths[c], row.get( c ).length() );
				numeric[c] &= row.get( c ).matches( "-?[0-9][0-9,]*(\\.[0-9]+)?%?|-" );
			}
		}
		out.println( line( headers, widths, new boolean[columns] ) );
		for ( List<String> row : rows ) {
			out.println( line( row, widths, numeric ) );
		}
	}

	private static String line(List<String> cells, int[] widths, boolean[] right) {
		List<String> padded = new ArrayList<>( cells.size() );
		for ( int c = 0; c < cells.size(); c++ ) {
			String cell = cells.get( c );
			String pad = " ".repeat( widths[c] - cell.length() );
			padded.add( right[c] ? pad + cell : c == cells.size() - 1 ? cell : cell + pad );
		}
		return String.join( "  ", padded );
	}

	/** @return ascending numbers written compactly: {@code 0-15, 32}, or {@code -} for none */
	static String ranges(List<Integer> ascending) {
		return ascending.isEmpty() ? "-" : org.hibernate.shards.internal.routing.RangeText.of( ascending );
	}

	static String number(long value) {
		return String.format( java.util.Locale.ROOT, "%,d", value );
	}

	static String megabytes(double value) {
		return String.format( java.util.Locale.ROOT, "%.2f", value );
	}
}
