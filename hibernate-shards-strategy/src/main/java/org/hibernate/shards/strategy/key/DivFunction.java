package org.hibernate.shards.strategy.key;

import org.hibernate.shards.spi.key.ShardKeyFunction;

/**
 * {@code DIV(x)}: integer keys grouped in fixed-width ranges, {@code floor(value / x)}: with {@code DIV(1000)}, 0-999 is
 * partition 0, 1000-1999 partition 1, and -1000 to -1 partition -1. New ranges appear as keys grow.
 */
final class DivFunction implements ShardKeyFunction {
	private final long width;

	DivFunction(long width) {
		this.width = width;
	}

	@Override
	public Object partitionOf(Object keyValue) {
		return Math.floorDiv( IntegerKeys.value( keyValue, "DIV" ), width );
	}

	@Override
	public Object partitionFromText(String text) {
		return ModFunction.parse( text );
	}
}
