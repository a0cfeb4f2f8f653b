package org.hibernate.shards.admin;

import java.time.Duration;
import java.util.Map;

import org.hibernate.shards.ShardId;

/**
 * A finished move.
 *
 * @param moveId the move's number in the journal
 * @param virtualShard what moved
 * @param source where it was
 * @param target where it is
 * @param rowsByEntity the rows moved, by entity name, as verified on both shards
 * @param writePause how long writes to the virtual shard were held back by the fence
 * @param followedBinlog whether writes made during the copy were followed in the source's binary log; without one the
 *        whole copy ran behind the fence, so the pause grew with the virtual shard's size
 * @param elapsed the whole move, from start (or resume) to purge
 */
public record MoveReport(long moveId, int virtualShard, ShardId source, ShardId target, Map<String, Long> rowsByEntity,
		Duration writePause, boolean followedBinlog, Duration elapsed) {
}
