package org.hibernate.shards.test.internal;

/**
 * Where shard servers come from. One instance serves the whole test run; closing it stops the
 * servers it shares between classes.
 */
public interface ServerSource extends AutoCloseable {

	/**
	 * @return {@code "env"}, {@code "testcontainers"} or {@code "mariadbd"}
	 */
	String name();

	/**
	 * @param shards the number of shards of a test class
	 * @return servers shared with other classes, one per shard index
	 */
	ServerLease sharedServers(int shards);

	/**
	 * @param shards the number of shards of a test class
	 * @return servers for this class alone, one per shard index, released with the lease
	 */
	ServerLease dedicatedServers(int shards);

	@Override
	void close();
}
