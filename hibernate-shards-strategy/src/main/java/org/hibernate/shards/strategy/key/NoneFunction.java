package org.hibernate.shards.strategy.key;

import org.hibernate.shards.spi.key.KeyCollation;
import org.hibernate.shards.spi.key.ShardKeyFunction;

/**
 * {@code NONE()}: every value is a partition of its own. Strings are {@link KeyCollation#fold folded}, so that values the
 * database calls equal ('Acme' and 'ACME ') are one partition, as they would be one row in a unique column.
 */
final class NoneFunction implements ShardKeyFunction {

	@Override
	public Object partitionOf(Object keyValue) {
		return KeyCollation.isText( keyValue ) ? KeyCollation.fold( keyValue.toString() ) : keyValue;
	}

	@Override
	public Object partitionFromText(String text) {
		return KeyCollation.fold( text );
	}
}
