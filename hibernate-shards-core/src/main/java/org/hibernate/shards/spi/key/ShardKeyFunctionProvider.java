package org.hibernate.shards.spi.key;

import java.util.List;
import java.util.Set;

/**
 * Makes key functions from their text, such as {@code MOD(3)}. Providers are found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/org.hibernate.shards.spi.key.ShardKeyFunctionProvider}); hibernate-shards-strategy
 * provides {@code MOD}, {@code DIV}, {@code PREFIX}, {@code NONE}, {@code DATE} and {@code RANGE}.
 */
public interface ShardKeyFunctionProvider {

	/** @return the function names this provider makes, in upper case */
	Set<String> names();

	/**
	 * @param name one of {@link #names()}
	 * @param arguments the text between the parentheses, split at top-level commas, trimmed, quotes removed
	 * @param keyType the Java type of the shard key the function will receive
	 * @throws IllegalArgumentException saying why, when the arguments or the key type do not fit the function
	 */
	ShardKeyFunction create(String name, List<String> arguments, Class<?> keyType);
}
