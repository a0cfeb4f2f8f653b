package org.hibernate.shards.strategy.key;

import org.hibernate.shards.spi.key.KeyCollation;
import org.hibernate.shards.spi.key.ShardKeyFunction;

/**
 * {@code PREFIX(n)}: any key read as a string, grouped by the first n characters (Unicode code points, so an accented
 * letter or an emoji counts as one) of its {@link KeyCollation#fold folded} text: with {@code PREFIX(3)}, "foo", "FooBar"
 * and "footalicious" share partition "foo". Folding comes first, so that a key written with a combining accent
 * ("E\u0301mile") has the same prefix as its composed form ("Émile"), as the database compares them. A shorter string is
 * its own prefix; the empty string is partition "".
 */
final class PrefixFunction implements ShardKeyFunction {
	private final int length;

	PrefixFunction(int length) {
		this.length = length;
	}

	@Override
	public Object partitionOf(Object keyValue) {
		String text = KeyCollation.fold( keyValue.toString() );
		int codePoints = text.codePointCount( 0, text.length() );
		return codePoints <= length ? text : text.substring( 0, text.offsetByCodePoints( 0, length ) );
	}

	@Override
	public Object partitionFromText(String text) {
		String folded = KeyCollation.fold( text );
		if ( folded.codePointCount( 0, folded.length() ) > length ) {
			throw new IllegalArgumentException( "PREFIX(" + length + ") produces partitions of at most " + length
					+ " characters, not '" + text + "'" );
		}
		return folded;
	}
}
