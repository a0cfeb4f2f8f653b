package org.hibernate.shards.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.hibernate.shards.ShardingConfigurationException;

/**
 * Reads typed values from a sharded session factory's settings, for strategy factories and extensions, with the errors
 * the library itself gives: a {@link ShardingConfigurationException} naming the property, its value and what is
 * expected, e.g. {@code hibernate.shards.parallel.threads=0 is out of range: expected 1 to 1024}.
 * <pre>{@code
 * SettingValues values = SettingValues.of( context.getSettings() );
 * int seconds = values.intValue( "hibernate.shards.example.refresh_seconds", 1, 3600, 5 );
 * }</pre>
 * A missing or blank value counts as unset and gives the default. Values may be strings or any object whose
 * {@code toString()} is the text (a {@code Boolean}, an {@code Integer}).
 */
public final class SettingValues {
	private final Map<String, ?> settings;

	private SettingValues(Map<String, ?> settings) {
		this.settings = settings;
	}

	/** @param settings the configuration, e.g. {@link ShardingExtensionContext#getSettings()} */
	public static SettingValues of(Map<String, ?> settings) {
		return new SettingValues( settings );
	}

	/** @return the value as text, trimmed, or empty when unset or blank */
	public Optional<String> text(String name) {
		Object value = settings.get( name );
		if ( value == null || value.toString().isBlank() ) {
			return Optional.empty();
		}
		return Optional.of( value.toString().trim() );
	}

	/**
	 * @return {@code true} or {@code false} (in any case), or the default when unset
	 * @throws ShardingConfigurationException for any other value
	 */
	public boolean bool(String name, boolean defaultValue) {
		return text( name ).map( text -> {
			if ( text.equalsIgnoreCase( "true" ) || text.equalsIgnoreCase( "false" ) ) {
				return Boolean.parseBoolean( text );
			}
			throw invalid( name, text, "is not true or false" );
		} ).orElse( defaultValue );
	}

	/**
	 * @return the whole number, or the default when unset
	 * @throws ShardingConfigurationException when the value is not a whole number from {@code min} to {@code max}
	 */
	public long longValue(String name, long min, long max, long defaultValue) {
		return text( name ).map( text -> wholeNumber( name, text, min, max ) ).orElse( defaultValue );
	}

	/**
	 * @return the whole number, or the default when unset
	 * @throws ShardingConfigurationException when the value is not a whole number from {@code min} to {@code max}
	 */
	public int intValue(String name, int min, int max, int defaultValue) {
		return (int) longValue( name, min, max, defaultValue );
	}

	/**
	 * @return the positive number (decimals allowed, e.g. {@code 0.5}), or the default when unset
	 * @throws ShardingConfigurationException when the value is not a positive number
	 */
	public double doubleValue(String name, double defaultValue) {
		return text( name ).map( text -> {
			double number;
			try {
				number = Double.parseDouble( text );
			}
			catch (NumberFormatException e) {
				throw invalid( name, text, "is not a number" );
			}
			if ( !( number > 0 ) || Double.isInfinite( number ) ) {
				throw invalid( name, text, "is not a positive number" );
			}
			return number;
		} ).orElse( defaultValue );
	}

	/**
	 * @return the whole number, or empty when unset (for settings whose absence means something, such as "lease one")
	 * @throws ShardingConfigurationException when the value is not a whole number from {@code min} to {@code max}
	 */
	public OptionalInt optionalInt(String name, int min, int max) {
		Optional<String> text = text( name );
		return text.isPresent() ? OptionalInt.of( (int) wholeNumber( name, text.get(), min, max ) ) : OptionalInt.empty();
	}

	/**
	 * @param words the accepted values, compared without regard to case
	 * @return the accepted word as given in {@code words}, or the default when unset
	 * @throws ShardingConfigurationException naming the accepted words, for any other value
	 */
	public String choice(String name, String defaultValue, String... words) {
		Optional<String> text = text( name );
		if ( text.isEmpty() ) {
			return defaultValue;
		}
		for ( String word : words ) {
			if ( word.equalsIgnoreCase( text.get() ) ) {
				return word;
			}
		}
		List<String> accepted = List.of( words );
		String expected = accepted.size() == 1 ? accepted.get( 0 )
				: String.join( ", ", accepted.subList( 0, accepted.size() - 1 ) ) + " or " + accepted.get( accepted.size() - 1 );
		throw invalid( name, text.get(), "is not " + expected );
	}

	private static long wholeNumber(String name, String text, long min, long max) {
		long number;
		try {
			number = Long.parseLong( text );
		}
		catch (NumberFormatException e) {
			throw invalid( name, text, "is not a whole number" );
		}
		if ( number < min || number > max ) {
			throw invalid( name, text, "is out of range: expected " + min + " to " + max );
		}
		return number;
	}

	private static ShardingConfigurationException invalid(String name, String value, String why) {
		return new ShardingConfigurationException( name + "=" + value + " " + why );
	}
}
