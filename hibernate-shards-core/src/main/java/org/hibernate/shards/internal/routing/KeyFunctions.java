package org.hibernate.shards.internal.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hibernate.shards.ShardingConfigurationException;
import org.hibernate.shards.spi.key.ShardKeyFunction;
import org.hibernate.shards.spi.key.ShardKeyFunctionProvider;

/**
 * Turns key-function text such as {@code PREFIX(3)} into a {@link ShardKeyFunction}, using the providers on the class
 * path. {@code HASH()}, the default, is built in: the value is its own partition, and partitions are hashed.
 */
public final class KeyFunctions {
	private static final Pattern CALL = Pattern.compile( "\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\((.*)\\)\\s*", Pattern.DOTALL );

	private final Map<String, ShardKeyFunctionProvider> providers = new HashMap<>();

	public KeyFunctions(ClassLoader classLoader) {
		for ( ShardKeyFunctionProvider provider : ServiceLoader.load( ShardKeyFunctionProvider.class, classLoader ) ) {
			for ( String name : provider.names() ) {
				providers.put( name.toUpperCase( Locale.ROOT ), provider );
			}
		}
	}

	/**
	 * @param text the function as written
	 * @param keyType the shard key's Java type
	 * @param where where the text was written, for messages (e.g. {@code @ShardKey(function) on User.email})
	 * @return the function, or {@code null} for the default hash
	 * @throws ShardingConfigurationException naming where, the text and why
	 */
	public ShardKeyFunction create(String text, Class<?> keyType, String where) {
		Matcher call = CALL.matcher( text );
		if ( !call.matches() ) {
			throw new ShardingConfigurationException( where + "='" + text + "' is not a key function: write NAME(arguments), e.g. PREFIX(3)" );
		}
		String name = call.group( 1 ).toUpperCase( Locale.ROOT );
		List<String> arguments = arguments( call.group( 2 ), where, text );
		if ( name.equals( "HASH" ) ) {
			if ( !arguments.isEmpty() ) {
				throw new ShardingConfigurationException( where + "='" + text + "': HASH() takes no arguments" );
			}
			return null;
		}
		ShardKeyFunctionProvider provider = providers.get( name );
		if ( provider == null ) {
			throw new ShardingConfigurationException( where + "='" + text + "': unknown key function " + name + "; known: HASH"
					+ ( providers.isEmpty() ? " (add hibernate-shards-strategy for MOD, DIV, PREFIX, NONE, DATE and RANGE)"
					: ", " + String.join( ", ", new java.util.TreeSet<>( providers.keySet() ) ) ) );
		}
		try {
			return provider.create( name, arguments, keyType );
		}
		catch (IllegalArgumentException e) {
			throw new ShardingConfigurationException( where + "='" + text + "' cannot be used on a key of type "
					+ keyType.getSimpleName() + ": " + e.getMessage(), e );
		}
	}

	/** Splits at top-level commas, keeping commas inside quotes; trims and unquotes each argument. */
	private static List<String> arguments(String text, String where, String whole) {
		List<String> arguments = new ArrayList<>();
		if ( text.isBlank() ) {
			return arguments;
		}
		StringBuilder current = new StringBuilder();
		char quote = 0;
		for ( char c : text.toCharArray() ) {
			if ( quote != 0 ) {
				if ( c == quote ) {
					quote = 0;
				}
				else {
					current.append( c );
				}
			}
			else if ( c == '\'' || c == '"' ) {
				quote = c;
			}
			else if ( c == ',' ) {
				arguments.add( current.toString().trim() );
				current.setLength( 0 );
			}
			else {
				current.append( c );
			}
		}
		if ( quote != 0 ) {
			throw new ShardingConfigurationException( where + "='" + whole + "': a quote is not closed" );
		}
		arguments.add( current.toString().trim() );
		return arguments;
	}
}
