package org.hibernate.shards.persist;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.hibernate.shards.spi.key.ShardKeyFunction;
import org.hibernate.shards.spi.key.ShardKeyFunctionProvider;

/**
 * {@code COUNTING()}: the identity key function, counting how often it is applied. The router applies the key
 * function once per value-to-shard decision, so this counts routing decisions at the routing boundary.
 */
public final class CountingKeyFunctions implements ShardKeyFunctionProvider {
	static final AtomicInteger APPLIED = new AtomicInteger();

	@Override
	public Set<String> names() {
		return Set.of( "COUNTING" );
	}

	@Override
	public ShardKeyFunction create(String name, List<String> arguments, Class<?> keyType) {
		return keyValue -> {
			APPLIED.incrementAndGet();
			return keyValue;
		};
	}
}
