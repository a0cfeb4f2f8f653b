package org.hibernate.shards.strategy.directory.internal;

import java.util.List;
import java.util.Map;

import org.hibernate.shards.ShardId;

/**
 * One immutable reading of the directory. Routing reads the current snapshot; a change or a refresh replaces it whole.
 *
 * @param version the directory's version when read
 * @param placement the physical shard of each virtual shard
 * @param entities the registered entities, by JPA entity name
 * @param addedShards the physical shards added while applications ran, by number
 * @param moving the moves not yet done or rolled back
 * @param partitionOutcomes by partition move, the version of its switch, or 0 when it was rolled back: what a write
 *        that meets a fence the move marked needs to know
 */
record DirectorySnapshot(long version, List<ShardId> placement, Map<String, Entry> entities, List<AddedShard> addedShards,
		List<Moving> moving, Map<Long, Long> partitionOutcomes) {

	/**
	 * An unfinished move: which shard holds rows that queries must not see.
	 *
	 * @param partitionOf for a partition's move, the entity (JPA name) whose partition moves: only its rows, and those
	 *        living with them, are hidden; {@code null} when the whole virtual shard moves
	 */
	record Moving(int virtualShard, ShardId source, ShardId target, org.hibernate.shards.admin.MoveStep step, String partitionOf) {

		/** Before the switch the target's rows are copies; after it, the source's are leftovers. */
		ShardId hiddenOn() {
			return step == org.hibernate.shards.admin.MoveStep.SWITCHED ? source : target;
		}
	}

	/** @return per physical shard, the virtual shards whose rows there queries must not see */
	Map<ShardId, List<Integer>> hidden() {
		Map<ShardId, List<Integer>> hidden = new java.util.HashMap<>();
		for ( Moving move : moving.stream().filter( move -> move.partitionOf() == null ).toList() ) {
			hidden.computeIfAbsent( move.hiddenOn(), shard -> new java.util.ArrayList<>() ).add( move.virtualShard() );
		}
		return hidden;
	}

	/** @return per physical shard, the entities (JPA names) whose partition's rows there queries must not see */
	Map<ShardId, List<String>> partitionsInFlight() {
		Map<ShardId, List<String>> inFlight = new java.util.HashMap<>();
		for ( Moving move : moving ) {
			if ( move.partitionOf() != null ) {
				inFlight.computeIfAbsent( move.hiddenOn(), shard -> new java.util.ArrayList<>() ).add( move.partitionOf() );
			}
		}
		return inFlight;
	}

	/** A physical shard added at runtime: where it is and its capacity; each instance brings its own credentials. */
	record AddedShard(ShardId id, String jdbcUrl, double capacityMb) {
	}

	/**
	 * @param defaultPartition the default partition's name, or {@code null}
	 * @param partitions virtual shard by partition value (canonical text)
	 * @param names partition value by partition name
	 */
	record Entry(String keyProperty, String function, String defaultPartition, Map<String, Integer> partitions,
			Map<String, String> names) {

		/** @return the virtual shard of the default partition, or {@code null} when there is none (yet) */
		Integer defaultVirtualShard() {
			String value = defaultPartition == null ? null : names.get( defaultPartition );
			return value == null ? null : partitions.get( value );
		}
	}
}
