package org.hibernate.shards.strategy.key;

import org.hibernate.shards.spi.key.ShardKeyFunction;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.TemporalAccessor;
import java.util.Date;
import java.util.Locale;

import org.hibernate.shards.ShardKeyException;
import org.hibernate.shards.spi.key.KeyCollation;

/**
 * {@code DATE(pattern)}: date and time keys grouped by a {@link DateTimeFormatter} pattern, e.g. {@code DATE(yyyy-MM)}
 * by month. Local dates and date-times are taken as they are; instants, offset and zoned date-times and
 * {@code java.util.Date} are taken in UTC, so every application instance groups them the same way whatever its time zone.
 * Partition values written as text are read as routing compares text, ignoring case: with {@code DATE(MMM)}, "JAN" is
 * the partition "Jan".
 */
final class DateFunction implements ShardKeyFunction {
	private final String pattern;
	private final DateTimeFormatter formatter;
	/** Reads partition values written as text; case does not matter, as it does not in routing. */
	private final DateTimeFormatter reader;

	DateFunction(String pattern, Class<?> keyType) {
		this.pattern = pattern;
		try {
			this.formatter = DateTimeFormatter.ofPattern( pattern, Locale.ROOT );
			this.reader = new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern( pattern ).toFormatter( Locale.ROOT );
		}
		catch (IllegalArgumentException e) {
			throw new IllegalArgumentException( "DATE(" + pattern + "): not a date pattern: " + e.getMessage() );
		}
		// Fails now, at boot, when the pattern asks for fields the key type does not have (hours of a LocalDate).
		Object sample = sample( keyType );
		if ( sample == null ) {
			throw new IllegalArgumentException( "DATE takes LocalDate, LocalDateTime, Instant, OffsetDateTime, ZonedDateTime or java.util.Date keys" );
		}
		try {
			partitionOf( sample );
		}
		catch (ShardKeyException e) {
			throw new IllegalArgumentException( "DATE(" + pattern + ") cannot format a " + keyType.getSimpleName() + ": " + e.getMessage() );
		}
	}

	private static Object sample(Class<?> type) {
		if ( type == LocalDate.class ) {
			return LocalDate.of( 2025, 1, 1 );
		}
		if ( type == LocalDateTime.class ) {
			return LocalDateTime.of( 2025, 1, 1, 0, 0 );
		}
		if ( type == Instant.class ) {
			return Instant.EPOCH;
		}
		if ( type == OffsetDateTime.class ) {
			return OffsetDateTime.of( 2025, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC );
		}
		if ( type == ZonedDateTime.class ) {
			return ZonedDateTime.of( 2025, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC );
		}
		if ( Date.class.isAssignableFrom( type ) ) {
			return new Date( 0 );
		}
		return null;
	}

	@Override
	public Object partitionOf(Object keyValue) {
		TemporalAccessor temporal;
		if ( keyValue instanceof Date date ) {
			temporal = Instant.ofEpochMilli( date.getTime() ).atOffset( ZoneOffset.UTC );
		}
		else if ( keyValue instanceof Instant instant ) {
			temporal = instant.atOffset( ZoneOffset.UTC );
		}
		else if ( keyValue instanceof OffsetDateTime offset ) {
			temporal = offset.withOffsetSameInstant( ZoneOffset.UTC );
		}
		else if ( keyValue instanceof ZonedDateTime zoned ) {
			temporal = zoned.withZoneSameInstant( ZoneOffset.UTC );
		}
		else if ( keyValue instanceof LocalDate || keyValue instanceof LocalDateTime || keyValue instanceof LocalTime ) {
			temporal = (TemporalAccessor) keyValue;
		}
		else {
			throw new ShardKeyException( "DATE(" + pattern + ") takes dates and times, not " + keyValue.getClass().getSimpleName() );
		}
		try {
			return formatter.format( temporal );
		}
		catch (java.time.DateTimeException e) {
			throw new ShardKeyException( "DATE(" + pattern + ") cannot format '" + keyValue + "': " + e.getMessage(), e );
		}
	}

	@Override
	public Object partitionFromText(String text) {
		try {
			String formatted = formatter.format( reader.parse( text.stripTrailing() ) );
			// Parsing alone would accept 2025-02-30 (resolved to the 28th): the text must be what formatting produces.
			if ( !KeyCollation.fold( formatted ).equals( KeyCollation.fold( text ) ) ) {
				throw new IllegalArgumentException( "'" + text + "' is not a date DATE(" + pattern + ") produces" );
			}
			return formatted;
		}
		catch (java.time.DateTimeException e) {
			throw new IllegalArgumentException( "'" + text + "' does not match DATE(" + pattern + ")" );
		}
	}
}
