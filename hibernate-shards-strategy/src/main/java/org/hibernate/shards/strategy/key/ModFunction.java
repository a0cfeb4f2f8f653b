package org.hibernate.shards.strategy.key;

import org.hibernate.shards.spi.key.ShardKeyFunction;

/**
 * {@code MOD(x)}: integer keys grouped by their remainder modulo x, as a floor modulus so that negative keys work too:
 * with {@code MOD(3)}, 1, 4 and 7 share partition 1, and -2 is in partition 1 as well. Partitions: 0 to x-1.
 */
final class ModFunction implements ShardKeyFunction {
	private final long divisor;

	ModFunction(long divisor) {
		this.divisor = divisor;
	}

	@Override
	public Object partitionOf(Object keyValue) {
		return Math.floorMod( IntegerKeys.value( keyValue, "MOD" ), divisor );
	}

	@Override
	public Object partitionFromText(String text) {
		long value = parse( text );
		if ( value < 0 || value >= divisor ) {
			throw new IllegalArgumentException( "MOD(" + divisor + ") produces partitions 0 to " + ( divisor - 1 ) + ", not " + text );
		}
		return value;
	}

	static long parse(String text) {
		try {
			return Long.parseLong( text.trim() );
		}
		catch (NumberFormatException e) {
			throw new IllegalArgumentException( "'" + text + "' is not an integer partition value" );
		}
	}
}
