package org.hibernate.shards.spi;

import java.time.Duration;

/**
 * The state of a placement an extension owns (the partition directory), for health checks: register it with
 * {@link ShardingExtensionContext#registerExtension}{@code (PlacementStatus.class, status)}.
 */
public interface PlacementStatus {
	/** @return the version of the placement this instance routes by */
	long version();

	/** @return how long since this instance last read the placement's source and found its copy current */
	Duration sinceRead();
}
