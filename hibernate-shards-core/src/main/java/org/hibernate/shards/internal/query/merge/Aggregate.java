package org.hibernate.shards.internal.query.merge;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How the per-shard partial results of one aggregate combine. Counts add up; sums add up (NULL when every shard's
 * sum is NULL, as SQL's SUM over no rows); MIN and MAX keep the extreme, compared by the collation key where the
 * database gave one. AVG is never averaged: it is rebuilt from the combined SUM and COUNT.
 */
public enum Aggregate {
	COUNT, SUM, MIN, MAX;

	/** Folds a shard's partial value into the accumulated one. {@code key} is the collation key for MIN/MAX, if any. */
	Object combine(Object accumulated, Object partial) {
		if ( partial == null ) {
			return this == COUNT && accumulated == null ? 0L : accumulated;
		}
		if ( accumulated == null ) {
			return this == COUNT ? ( (Number) partial ).longValue() : partial;
		}
		return switch ( this ) {
			case COUNT -> ( (Number) accumulated ).longValue() + ( (Number) partial ).longValue();
			case SUM -> SqlValues.add( accumulated, partial );
			case MIN -> SqlValues.compare( partial, accumulated ) < 0 ? partial : accumulated;
			case MAX -> SqlValues.compare( partial, accumulated ) > 0 ? partial : accumulated;
		};
	}

	/**
	 * AVG from a combined SUM and COUNT. With MySQL's rules, exact input gives a DECIMAL with four more decimals than the
	 * input (div_precision_increment), rounded half up; otherwise, and for floating-point input, a double division.
	 */
	public static Double average(Object sum, Object count, boolean mysqlRules) {
		if ( sum == null || count == null || ( (Number) count ).longValue() == 0 ) {
			return null;
		}
		long n = ( (Number) count ).longValue();
		Number total = (Number) sum;
		if ( SqlValues.isFloating( total ) || !mysqlRules ) {
			return total.doubleValue() / n;
		}
		BigDecimal exact = SqlValues.decimal( total );
		int scale = Math.max( exact.scale(), 0 ) + 4;
		return exact.divide( BigDecimal.valueOf( n ), scale, RoundingMode.HALF_UP ).doubleValue();
	}
}
