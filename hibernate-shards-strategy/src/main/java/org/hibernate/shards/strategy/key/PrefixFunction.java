package org.hibernate.shards.strategy.key;

import org.hibernate.shards.spi.key.ShardKeyFunction;

/**
 * {@code PREFIX(n)}: any key read as a string, grouped by its first n characters (Unicode code points, so an accented
 * letter or an emoji counts as one): with {@code PREFIX(3)}, "foo", "foobar" and "footalicious" share partition "foo".
 * A shorter string is its own prefix; the empty string is partition "".
 */
final class PrefixFunction implements ShardKeyFunction {
	private final int length;

	PrefixFunction(int length) {
		this.length = length;
	}

	@Override
	public Object partitionOf(Object keyValue) {
		String text = keyValue.toString();
		int codePoints = text.codePointCount( 0, text.length() );
		return codePoints <= length ? text : text.substring( 0, text.offsetByCodePoints( 0, length ) );
	}

	@Override
	public Object partitionFromText(String text) {
		if ( text.codePointCount( 0, text.length() ) > length ) {
			throw new IllegalArgumentException( "PREFIX(" + length + ") produces partitions of at most " + length
					+ " characters, not '" + text + "'" );
		}
		return text;
	}
}
