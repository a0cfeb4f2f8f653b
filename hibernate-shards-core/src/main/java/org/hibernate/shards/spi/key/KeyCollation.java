package org.hibernate.shards.spi.key;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How routing compares string shard keys: as MySQL's default case- and accent-insensitive collations compare them.
 * The database finds 'ADA@EXAMPLE.COM' for 'ada@example.com', so both must land on the same shard; a key function that
 * reads strings (a prefix, a range) must therefore see the folded text too, or 'Zed' and 'zed' would land apart.
 * <p>
 * Folding only ever puts more values together, so it is right for case-sensitive collations too.
 */
public final class KeyCollation {
	private static final Pattern COMBINING_MARKS = Pattern.compile( "\\p{M}+" );

	private KeyCollation() {
	}

	/**
	 * @return the text in lower case (root locale), accents removed (combining marks after canonical decomposition) and
	 *         trailing spaces dropped: {@code "ZÉD "} folds to {@code "zed"}
	 */
	public static String fold(String text) {
		// Most keys are ASCII: lower-casing is all they need, without the cost of normalisation.
		String folded = isAscii( text ) ? text.toLowerCase( Locale.ROOT )
				: COMBINING_MARKS.matcher( Normalizer.normalize( text, Normalizer.Form.NFD ) ).replaceAll( "" ).toLowerCase( Locale.ROOT );
		int end = folded.length();
		while ( end > 0 && folded.charAt( end - 1 ) == ' ' ) {
			end--;
		}
		return folded.substring( 0, end );
	}

	/** @return whether routing treats the value as text: strings and characters, which it folds */
	public static boolean isText(Object value) {
		return value instanceof CharSequence || value instanceof Character;
	}

	private static boolean isAscii(String text) {
		for ( int i = 0; i < text.length(); i++ ) {
			if ( text.charAt( i ) >= 0x80 ) {
				return false;
			}
		}
		return true;
	}
}
