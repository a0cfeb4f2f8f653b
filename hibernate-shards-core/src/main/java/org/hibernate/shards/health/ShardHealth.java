package org.hibernate.shards.health;

import java.time.Duration;

import org.hibernate.shards.ShardId;

/**
 * One physical shard as a health check found it: up when it gave a connection that proved valid within the probe's
 * timeout.
 *
 * @param shard the physical shard
 * @param up whether it answered
 * @param responseTime how long the probe took; for a shard that did not answer, how long it was waited for
 * @param problem why it is down (unreachable, failing fast, no answer in time), or {@code null} when it is up
 */
public record ShardHealth(ShardId shard, boolean up, Duration responseTime, String problem) {
}
