package org.hibernate.shards.admin;

import java.util.List;
import java.util.Map;

import org.hibernate.shards.ShardId;

/**
 * What every physical shard holds, and the moves under way or stopped half way.
 *
 * @param directoryVersion the version of the directory this status was read at
 * @param shards each physical shard, in order
 * @param moves the moves not yet done or rolled back
 * @param instances the application instances that share the directory, with the version each routes by
 */
public record ShardStatus(long directoryVersion, List<Shard> shards, List<Move> moves, List<Instance> instances) {

	/** A physical shard's state. */
	public enum State {
		/** Holds virtual shards. */
		ACTIVE,
		/** Holds none: ready to take some when capacity is needed. */
		STANDBY,
		/** Did not answer. */
		UNREACHABLE
	}

	/**
	 * @param virtualShards the virtual shards placed on it
	 * @param rowsByEntity rows per entity (all its tables' rows, by entity name)
	 * @param dataMb data size, in MB, as the database reports it
	 * @param indexMb index size, in MB
	 * @param capacityMb its declared capacity, or 0 when none is declared
	 */
	public record Shard(ShardId id, State state, List<Integer> virtualShards, Map<String, Long> rowsByEntity, double dataMb, double indexMb,
			double capacityMb) {
	}

	/**
	 * @param moveId the move's number in the journal
	 * @param running whether a mover is working on it now (otherwise it stopped and waits to be resumed or rolled back)
	 * @param failure why it stopped, or {@code null}
	 * @param followsBinlog whether it follows the source's binary log; otherwise its whole copy runs behind the fence
	 * @param partition for a partition's move, {@code Entity.partition} and the virtual shard it goes to; {@code null}
	 *        when a whole virtual shard moves
	 * @param rowsCopied entity rows copied so far, as the mover last recorded it (about once a second), or -1 before the
	 *        copy started
	 * @param rowsEstimated the entity rows the copy expects, or -1 when not estimated (a partition's move)
	 */
	public record Move(long moveId, int virtualShard, ShardId source, ShardId target, MoveStep step, boolean running, String failure,
			boolean followsBinlog, String partition, long rowsCopied, long rowsEstimated) {
	}

	/**
	 * An application instance (a sharded session factory) that follows the directory.
	 *
	 * @param id its identity in the directory
	 * @param host the host it runs on
	 * @param directoryVersion the directory version it last acknowledged: it routes by it
	 * @param sinceHeartbeat since it last checked the directory, by the control database's clock
	 */
	public record Instance(String id, String host, long directoryVersion, java.time.Duration sinceHeartbeat) {
	}
}
