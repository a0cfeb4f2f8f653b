package org.hibernate.shards.health;

import java.time.Duration;
import java.util.List;

/**
 * The health of a sharded session factory, computed on demand by
 * {@link org.hibernate.shards.ShardedSessionFactory#health()}: each physical shard up or down, and, when the partition
 * directory is on, the version this instance routes by and how long ago it last read the directory.
 * <pre>{@code
 * ShardsHealth health = factory.health();
 * if ( !health.allUp() ) {
 *     health.shards().stream().filter( shard -> !shard.up() ).forEach( shard -> log.warn( "{}: {}", shard.shard(), shard.problem() ) );
 * }
 * }</pre>
 *
 * @param shards every physical shard, in shard order
 * @param directoryVersion the directory version this instance routes by, or {@code null} without a directory
 * @param sinceDirectoryRead how long since this instance last read the directory (found its version current, or read it
 *        anew), or {@code null} without a directory; it reads it every {@code hibernate.shards.directory.refresh_seconds}
 *        at most, so a much longer time means the control database cannot be read and routing follows an old copy
 */
public record ShardsHealth(List<ShardHealth> shards, Long directoryVersion, Duration sinceDirectoryRead) {
	public ShardsHealth {
		shards = List.copyOf( shards );
	}

	/** @return whether every physical shard answered */
	public boolean allUp() {
		return shards.stream().allMatch( ShardHealth::up );
	}
}
