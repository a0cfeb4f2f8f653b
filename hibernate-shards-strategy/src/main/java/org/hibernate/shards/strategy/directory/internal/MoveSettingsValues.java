package org.hibernate.shards.strategy.directory.internal;

import org.hibernate.shards.admin.MoveSettings;
import org.hibernate.shards.spi.SettingValues;

/** The move settings of one factory, read and checked once. */
record MoveSettingsValues(int batchSize, int fenceWaitSeconds, int maxConcurrent, int instanceTimeoutSeconds) {

	static MoveSettingsValues of(SettingValues values) {
		return new MoveSettingsValues(
				values.intValue( MoveSettings.BATCH_SIZE, 1, 10_000, MoveSettings.DEFAULT_BATCH_SIZE ),
				values.intValue( MoveSettings.FENCE_WAIT_SECONDS, 1, 3600, MoveSettings.DEFAULT_FENCE_WAIT_SECONDS ),
				values.intValue( MoveSettings.MAX_CONCURRENT, 1, 64, MoveSettings.DEFAULT_MAX_CONCURRENT ),
				values.intValue( MoveSettings.INSTANCE_TIMEOUT_SECONDS, 1, 86_400, MoveSettings.DEFAULT_INSTANCE_TIMEOUT_SECONDS ) );
	}
}
