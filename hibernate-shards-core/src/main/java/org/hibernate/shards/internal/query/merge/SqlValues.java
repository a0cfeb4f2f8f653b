package org.hibernate.shards.internal.query.merge;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Comparison and arithmetic on values as MySQL treats them: NULL sorts before everything, numbers of different Java
 * types compare by value, strings compare by the collation key the database computed (a {@code byte[]} from
 * {@code WEIGHT_STRING}) when one is present.
 */
public final class SqlValues {
	private SqlValues() {
	}

	/** Compares two non-null values of one column. */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public static int compare(Object a, Object b) {
		if ( a instanceof byte[] x && b instanceof byte[] y ) {
			return Arrays.compareUnsigned( x, y );
		}
		if ( a instanceof Number x && b instanceof Number y && a.getClass() != b.getClass() ) {
			return decimal( x ).compareTo( decimal( y ) );
		}
		if ( a instanceof Enum<?> x && b instanceof Enum<?> y ) {
			return Integer.compare( x.ordinal(), y.ordinal() );
		}
		return ( (Comparable) a ).compareTo( b );
	}

	/** Equality for grouping and distinct: byte keys by content, numbers by value. */
	public static boolean same(Object a, Object b) {
		if ( a == b ) {
			return true;
		}
		if ( a == null || b == null ) {
			return false;
		}
		if ( a instanceof byte[] x && b instanceof byte[] y ) {
			return Arrays.equals( x, y );
		}
		if ( a instanceof Number && b instanceof Number ) {
			return compare( a, b ) == 0;
		}
		return a.equals( b );
	}

	/** A hash consistent with {@link #same}. */
	public static int hash(Object value) {
		if ( value == null ) {
			return 0;
		}
		if ( value instanceof byte[] bytes ) {
			return Arrays.hashCode( bytes );
		}
		if ( value instanceof Number number && !( value instanceof Double || value instanceof Float ) ) {
			return decimal( number ).stripTrailingZeros().hashCode();
		}
		return value.hashCode();
	}

	public static BigDecimal decimal(Number number) {
		if ( number instanceof BigDecimal big ) {
			return big;
		}
		if ( number instanceof BigInteger big ) {
			return new BigDecimal( big );
		}
		if ( number instanceof Double || number instanceof Float ) {
			return BigDecimal.valueOf( number.doubleValue() );
		}
		return BigDecimal.valueOf( number.longValue() );
	}

	/** SQL {@code +}: null if either is null; exact types stay exact. */
	public static Object add(Object a, Object b) {
		if ( a == null || b == null ) {
			return null;
		}
		Number x = (Number) a;
		Number y = (Number) b;
		if ( isFloating( x ) || isFloating( y ) ) {
			return x.doubleValue() + y.doubleValue();
		}
		if ( x instanceof BigDecimal || y instanceof BigDecimal || x instanceof BigInteger || y instanceof BigInteger ) {
			return decimal( x ).add( decimal( y ) );
		}
		return Math.addExact( x.longValue(), y.longValue() );
	}

	public static Object subtract(Object a, Object b) {
		if ( a == null || b == null ) {
			return null;
		}
		return add( a, negate( b ) );
	}

	public static Object multiply(Object a, Object b) {
		if ( a == null || b == null ) {
			return null;
		}
		Number x = (Number) a;
		Number y = (Number) b;
		if ( isFloating( x ) || isFloating( y ) ) {
			return x.doubleValue() * y.doubleValue();
		}
		if ( x instanceof BigDecimal || y instanceof BigDecimal || x instanceof BigInteger || y instanceof BigInteger ) {
			return decimal( x ).multiply( decimal( y ) );
		}
		return Math.multiplyExact( x.longValue(), y.longValue() );
	}

	public static Object negate(Object a) {
		if ( a == null ) {
			return null;
		}
		Number x = (Number) a;
		if ( x instanceof BigDecimal big ) {
			return big.negate();
		}
		if ( x instanceof BigInteger big ) {
			return big.negate();
		}
		if ( isFloating( x ) ) {
			return -x.doubleValue();
		}
		return Math.negateExact( x.longValue() );
	}

	static boolean isFloating(Number number) {
		return number instanceof Double || number instanceof Float;
	}

	/** Converts a combined number back to the Java type the column had on the shards. */
	public static Object as(Object value, Class<?> type) {
		if ( value == null || type == null || type.isInstance( value ) || !( value instanceof Number number ) ) {
			return value;
		}
		if ( type == Long.class ) {
			return number.longValue();
		}
		if ( type == Integer.class ) {
			return Math.toIntExact( number.longValue() );
		}
		if ( type == Short.class ) {
			return (short) number.intValue();
		}
		if ( type == Double.class ) {
			return number.doubleValue();
		}
		if ( type == Float.class ) {
			return number.floatValue();
		}
		if ( type == BigDecimal.class ) {
			return decimal( number );
		}
		if ( type == BigInteger.class ) {
			return decimal( number ).toBigInteger();
		}
		return value;
	}
}
