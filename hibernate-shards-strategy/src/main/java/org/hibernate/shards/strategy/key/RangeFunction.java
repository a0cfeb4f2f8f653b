package org.hibernate.shards.strategy.key;

import org.hibernate.shards.spi.key.ShardKeyFunction;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import org.hibernate.shards.ShardKeyException;
import org.hibernate.shards.spi.key.KeyCollation;

/**
 * {@code RANGE(b1, b2, …)}: keys grouped by ordered boundaries, each range closed below and open above: below b1 is
 * partition 0, [b1, b2) partition 1, …, b-last and above the last partition. Boundaries are read in the key's type:
 * numbers, strings or ISO dates and times. Strings, boundaries and keys alike, are compared as routing compares them
 * ({@link KeyCollation#fold folded}: case, accents and trailing spaces ignored, then character by character), so that
 * 'Zed', 'zed' and 'ZÉD ', which the database calls equal, fall in one range.
 */
final class RangeFunction implements ShardKeyFunction {
	private final Comparable<Object>[] boundaries;
	private final Function<Object, Comparable<Object>> key;
	private final String text;

	@SuppressWarnings("unchecked")
	RangeFunction(List<String> arguments, Class<?> keyType) {
		if ( arguments.isEmpty() || arguments.stream().anyMatch( String::isEmpty ) ) {
			throw new IllegalArgumentException( "RANGE takes one or more boundaries, e.g. RANGE(100, 1000)" );
		}
		Function<String, Object> parse = parser( keyType );
		this.key = value -> (Comparable<Object>) normalize( value );
		List<Comparable<Object>> parsed = new ArrayList<>();
		for ( String argument : arguments ) {
			try {
				parsed.add( (Comparable<Object>) parse.apply( argument ) );
			}
			catch (RuntimeException e) {
				throw new IllegalArgumentException( "RANGE boundary '" + argument + "' is not a " + keyType.getSimpleName() );
			}
			if ( "".equals( parsed.get( parsed.size() - 1 ) ) ) {
				throw new IllegalArgumentException( "RANGE boundary '" + argument + "' is empty once trailing spaces are ignored" );
			}
		}
		for ( int i = 1; i < parsed.size(); i++ ) {
			if ( parsed.get( i - 1 ).compareTo( parsed.get( i ) ) >= 0 ) {
				throw new IllegalArgumentException( "RANGE boundaries must increase" + ( keyType == String.class
						? " as routing compares strings (case, accents and trailing spaces ignored): '" + arguments.get( i - 1 ) + "' ('"
								+ parsed.get( i - 1 ) + "') is not below '" + arguments.get( i ) + "' ('" + parsed.get( i ) + "')"
						: ": '" + arguments.get( i - 1 ) + "' is not below '" + arguments.get( i ) + "'" ) );
			}
		}
		this.boundaries = parsed.toArray( Comparable[]::new );
		this.text = String.join( ", ", arguments );
	}

	private static Function<String, Object> parser(Class<?> type) {
		if ( IntegerKeys.accepts( type ) || type == BigDecimal.class || type == Double.class || type == double.class
				|| type == Float.class || type == float.class ) {
			return BigDecimal::new;
		}
		if ( type == String.class ) {
			return KeyCollation::fold;
		}
		if ( type == LocalDate.class ) {
			return LocalDate::parse;
		}
		if ( type == LocalDateTime.class ) {
			return LocalDateTime::parse;
		}
		if ( type == Instant.class ) {
			return Instant::parse;
		}
		throw new IllegalArgumentException( "RANGE takes numbers, strings, LocalDate, LocalDateTime or Instant keys" );
	}

	/** Numbers of any Java type compare as decimals, so boundaries and keys need not share a type; text is folded. */
	private static Object normalize(Object value) {
		if ( KeyCollation.isText( value ) ) {
			return KeyCollation.fold( value.toString() );
		}
		if ( value instanceof BigDecimal decimal ) {
			return decimal;
		}
		if ( value instanceof Double || value instanceof Float ) {
			double number = ( (Number) value ).doubleValue();
			if ( !Double.isFinite( number ) ) {
				throw new ShardKeyException( "RANGE cannot place " + value + ": it is not a finite number" );
			}
			return BigDecimal.valueOf( number );
		}
		if ( value instanceof java.math.BigInteger big ) {
			return new BigDecimal( big );
		}
		if ( value instanceof Number number ) {
			return BigDecimal.valueOf( number.longValue() );
		}
		return value;
	}

	@Override
	public Object partitionOf(Object keyValue) {
		Comparable<Object> value;
		try {
			value = key.apply( keyValue );
			// Binary search for the first boundary above the value: its index is the partition.
			int found = Arrays.binarySearch( boundaries, value );
			return (long) ( found >= 0 ? found + 1 : -found - 1 );
		}
		catch (ClassCastException e) {
			throw new ShardKeyException( "RANGE(" + text + ") cannot place " + keyValue.getClass().getSimpleName() + " '" + keyValue + "'" );
		}
	}

	@Override
	public Object partitionFromText(String value) {
		long partition = ModFunction.parse( value );
		if ( partition < 0 || partition > boundaries.length ) {
			throw new IllegalArgumentException( "RANGE(" + text + ") produces partitions 0 to " + boundaries.length + ", not " + value );
		}
		return partition;
	}
}
