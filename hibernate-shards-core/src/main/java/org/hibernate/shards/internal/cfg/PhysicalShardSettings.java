package org.hibernate.shards.internal.cfg;

import java.util.Map;

import org.hibernate.shards.ShardId;

/**
 * One physical shard's configuration: its Hibernate settings (the shared ones overlaid with its own
 * {@code hibernate.shards.<n>.*} values) and where its database is.
 *
 * @param settings Hibernate settings for this shard's factory, connection settings included
 * @param url the JDBC URL
 * @param capacityMb the most data and index, in MB, it should hold; 0 for no limit
 * @param standby whether the default placement leaves it empty
 * @param timeouts how long opening a connection and waiting for an answer may take
 */
public record PhysicalShardSettings(ShardId shardId, Map<String, Object> settings, String url, double capacityMb, boolean standby,
		Timeouts timeouts) {

	/**
	 * @param connectMillis opening a connection
	 * @param socketMillis waiting for any answer; 0 for ever
	 * @param failFastMillis how long requests fail at once after the shard failed to give a connection; 0 never
	 * @param explicit the names of the timeout settings the configuration gave (not defaults)
	 */
	public record Timeouts(int connectMillis, int socketMillis, int failFastMillis, java.util.Set<String> explicit) {
	}
}
