package org.hibernate.shards.strategy.key;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Set;

import org.hibernate.shards.ShardKeyException;

/** Reading integer keys for the arithmetic functions. */
final class IntegerKeys {
	private static final Set<Class<?>> TYPES = Set.of( Byte.class, Short.class, Integer.class, Long.class, BigInteger.class,
			byte.class, short.class, int.class, long.class );

	private IntegerKeys() {
	}

	static boolean accepts(Class<?> type) {
		return TYPES.contains( type );
	}

	static long value(Object key, String function) {
		if ( key instanceof BigInteger big ) {
			if ( big.bitLength() >= 64 ) {
				throw new ShardKeyException( function + " takes 64-bit integers; " + big + " is too large" );
			}
			return big.longValue();
		}
		if ( key instanceof Number number && !( key instanceof BigDecimal || key instanceof Double || key instanceof Float ) ) {
			return number.longValue();
		}
		throw new ShardKeyException( function + " takes integer keys, not " + ( key == null ? "null" : key.getClass().getSimpleName() + " '" + key + "'" ) );
	}

	static long positiveArgument(java.util.List<String> arguments, String function) {
		if ( arguments.size() != 1 ) {
			throw new IllegalArgumentException( function + " takes one argument, a positive integer, e.g. " + function + "(4)" );
		}
		try {
			long value = Long.parseLong( arguments.get( 0 ) );
			if ( value <= 0 ) {
				throw new IllegalArgumentException( function + "(" + value + "): the argument must be positive" );
			}
			return value;
		}
		catch (NumberFormatException e) {
			throw new IllegalArgumentException( function + "(" + arguments.get( 0 ) + "): the argument must be a positive integer" );
		}
	}
}
