package org.hibernate.shards.internal.routing;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.temporal.TemporalAccessor;
import java.util.Date;
import java.util.Set;
import java.util.UUID;

import org.apache.commons.codec.digest.MurmurHash3;
import org.hibernate.shards.spi.key.KeyCollation;

/**
 * The stable hash that places a shard-key value on a virtual shard:
 * {@code unsigned(murmur3_x86_32(canonicalBytes(value), seed 0)) mod virtualShards}.
 * <p>
 * Canonical bytes do not depend on the Java type that happens to hold a value, so that 7, 7L and
 * {@code BigInteger.valueOf(7)} land together and any language can compute the same placement:
 * <table>
 * <caption>Canonical bytes</caption>
 * <tr><th>value</th><th>bytes</th></tr>
 * <tr><td>integer types, and integral {@code BigDecimal}/{@code BigInteger} within 64 bits</td><td>8 bytes, big-endian two's complement</td></tr>
 * <tr><td>larger {@code BigInteger}</td><td>its minimal two's complement bytes</td></tr>
 * <tr><td>other decimals</td><td>UTF-8 of the plain string without trailing zeros ({@code 1.50} as {@code "1.5"})</td></tr>
 * <tr><td>{@code String}, {@code Character}</td><td>UTF-8 of the folded text: lower case, accents removed, trailing spaces
 * dropped, so that values a case- and accent-insensitive collation calls equal ('Ada' and 'ada ') land together</td></tr>
 * <tr><td>enum (its name), dates and times (ISO-8601 {@code toString()})</td><td>UTF-8</td></tr>
 * <tr><td>{@code java.util.Date}</td><td>UTF-8 of its {@code Instant} ({@code 2025-01-31T10:15:30Z})</td></tr>
 * <tr><td>{@code UUID}</td><td>16 bytes, most significant first</td></tr>
 * <tr><td>{@code Boolean}</td><td>one byte, 0 or 1</td></tr>
 * <tr><td>{@code byte[]}</td><td>as is</td></tr>
 * </table>
 */
public final class ShardKeyHash {
	private static final Set<Class<?>> INTEGRAL = Set.of( Byte.class, Short.class, Integer.class, Long.class );

	private ShardKeyHash() {
	}

	public static int virtualShard(Object value, int virtualShards) {
		byte[] bytes = canonicalBytes( value );
		return Integer.remainderUnsigned( MurmurHash3.hash32x86( bytes, 0, bytes.length, 0 ), virtualShards );
	}

	/** @return whether values of this Java type have canonical bytes */
	public static boolean supports(Class<?> type) {
		Class<?> boxed = boxed( type );
		return INTEGRAL.contains( boxed ) || BigInteger.class == boxed || Number.class.isAssignableFrom( boxed )
				|| CharSequence.class.isAssignableFrom( boxed ) || Character.class == boxed || boxed.isEnum()
				|| TemporalAccessor.class.isAssignableFrom( boxed ) || Date.class.isAssignableFrom( boxed )
				|| UUID.class == boxed || Boolean.class == boxed || byte[].class == boxed;
	}

	static byte[] canonicalBytes(Object value) {
		if ( value instanceof Number number ) {
			return numberBytes( number );
		}
		if ( KeyCollation.isText( value ) ) {
			return utf8( KeyCollation.fold( value.toString() ) );
		}
		if ( value instanceof TemporalAccessor ) {
			return utf8( value.toString() );
		}
		if ( value instanceof Enum<?> constant ) {
			return utf8( constant.name() );
		}
		if ( value instanceof Date date ) {
			// java.sql.Date and Time do not support toInstant(); go through the epoch milliseconds.
			return utf8( java.time.Instant.ofEpochMilli( date.getTime() ).toString() );
		}
		if ( value instanceof UUID uuid ) {
			return ByteBuffer.allocate( 16 ).putLong( uuid.getMostSignificantBits() ).putLong( uuid.getLeastSignificantBits() ).array();
		}
		if ( value instanceof Boolean bool ) {
			return new byte[] { (byte) ( bool ? 1 : 0 ) };
		}
		if ( value instanceof byte[] bytes ) {
			return bytes;
		}
		throw new IllegalArgumentException( "No canonical bytes for a shard key of type " + value.getClass().getName() );
	}

	/**
	 * A partition value as text, as a partition directory stores it: strings folded (see {@link KeyCollation#fold}),
	 * other values as {@code String.valueOf}.
	 */
	public static String canonicalText(Object partitionValue) {
		return KeyCollation.isText( partitionValue ) ? KeyCollation.fold( partitionValue.toString() ) : String.valueOf( partitionValue );
	}

	private static byte[] numberBytes(Number number) {
		if ( INTEGRAL.contains( number.getClass() ) ) {
			return longBytes( number.longValue() );
		}
		if ( ( number instanceof Double || number instanceof Float ) && !Double.isFinite( number.doubleValue() ) ) {
			return utf8( number.toString() ); // NaN and the infinities have no decimal form
		}
		BigDecimal decimal = number instanceof BigDecimal big ? big
				: number instanceof BigInteger big ? new BigDecimal( big )
				: new BigDecimal( number.toString() );
		decimal = decimal.stripTrailingZeros();
		if ( decimal.scale() <= 0 ) {
			BigInteger integer = decimal.toBigIntegerExact();
			return integer.bitLength() < 64 ? longBytes( integer.longValue() ) : integer.toByteArray();
		}
		return utf8( decimal.toPlainString() );
	}

	private static byte[] longBytes(long value) {
		return ByteBuffer.allocate( 8 ).putLong( value ).array();
	}

	private static byte[] utf8(String text) {
		return text.getBytes( StandardCharsets.UTF_8 );
	}

	private static Class<?> boxed(Class<?> type) {
		return java.lang.invoke.MethodType.methodType( type ).wrap().returnType();
	}

}
