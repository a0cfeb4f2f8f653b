package org.hibernate.shards.strategy.key;

import org.hibernate.shards.spi.key.ShardKeyFunction;
import org.hibernate.shards.spi.key.ShardKeyFunctionProvider;

import java.util.List;
import java.util.Set;

/**
 * The key functions of this module: {@code MOD(x)}, {@code DIV(x)}, {@code PREFIX(n)}, {@code NONE()},
 * {@code DATE(pattern)} and {@code RANGE(b1, b2, …)}. Registered with {@link java.util.ServiceLoader}.
 */
public final class StandardKeyFunctions implements ShardKeyFunctionProvider {

	@Override
	public Set<String> names() {
		return Set.of( "MOD", "DIV", "PREFIX", "NONE", "DATE", "RANGE" );
	}

	@Override
	public ShardKeyFunction create(String name, List<String> arguments, Class<?> keyType) {
		switch ( name ) {
			case "MOD":
				requireIntegers( name, keyType );
				return new ModFunction( IntegerKeys.positiveArgument( arguments, name ) );
			case "DIV":
				requireIntegers( name, keyType );
				return new DivFunction( IntegerKeys.positiveArgument( arguments, name ) );
			case "PREFIX": {
				long length = IntegerKeys.positiveArgument( arguments, name );
				if ( length > Integer.MAX_VALUE ) {
					throw new IllegalArgumentException( "PREFIX(" + length + ") is too long" );
				}
				return new PrefixFunction( (int) length );
			}
			case "NONE":
				if ( !arguments.isEmpty() ) {
					throw new IllegalArgumentException( "NONE() takes no arguments" );
				}
				return new NoneFunction();
			case "DATE":
				if ( arguments.size() != 1 || arguments.get( 0 ).isEmpty() ) {
					throw new IllegalArgumentException( "DATE takes one argument, a pattern such as yyyy-MM" );
				}
				return new DateFunction( arguments.get( 0 ), keyType );
			case "RANGE":
				return new RangeFunction( arguments, keyType );
			default:
				throw new IllegalArgumentException( "unknown function " + name );
		}
	}

	private static void requireIntegers(String name, Class<?> keyType) {
		if ( !IntegerKeys.accepts( keyType ) ) {
			throw new IllegalArgumentException( name + " takes integer keys (byte, short, int, long, BigInteger), not " + keyType.getSimpleName() );
		}
	}
}
