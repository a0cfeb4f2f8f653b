package org.hibernate.shards.internal.routing;

import java.util.List;

/** Writes ascending numbers compactly, as {@code 3-7, 9}, for error messages. */
public final class RangeText {
	private RangeText() {
	}

	public static String of(List<Integer> ascending) {
		StringBuilder text = new StringBuilder();
		int i = 0;
		while ( i < ascending.size() ) {
			int j = i;
			while ( j + 1 < ascending.size() && ascending.get( j + 1 ) == ascending.get( j ) + 1 ) {
				j++;
			}
			if ( text.length() > 0 ) {
				text.append( ", " );
			}
			text.append( ascending.get( i ) );
			if ( j > i ) {
				text.append( '-' ).append( ascending.get( j ) );
			}
			i = j + 1;
		}
		return text.toString();
	}
}
