package org.hibernate.shards.cli;

import java.util.List;
import java.util.Map;

import org.hibernate.shards.admin.ShardStatus;

/** {@code shards status --json}: the status with plain numbers for shards, stable for scripts. */
record StatusView(long directoryVersion, List<Shard> shards, List<Move> moves, List<Instance> instances) {

	record Shard(int shard, String state, List<Integer> virtualShards, Map<String, Long> rowsByEntity, double dataMb, double indexMb,
			double capacityMb) {
	}

	record Move(long moveId, int virtualShard, String partition, int source, int target, String step, boolean running, String failure,
			long rowsCopied, long rowsEstimated) {
	}

	/** An application instance and the directory version it routes by. */
	record Instance(String id, String host, long directoryVersion, long secondsSinceHeartbeat) {
	}

	static StatusView of(ShardStatus status) {
		return new StatusView( status.directoryVersion(),
				status.shards().stream().map( s -> new Shard( s.id().getId(), s.state().name(), s.virtualShards(), s.rowsByEntity(), s.dataMb(),
						s.indexMb(), s.capacityMb() ) ).toList(),
				status.moves().stream().map( m -> new Move( m.moveId(), m.virtualShard(), m.partition(), m.source().getId(), m.target().getId(),
						m.step().name(), m.running(), m.failure(), m.rowsCopied(), m.rowsEstimated() ) ).toList(),
				status.instances().stream().map( i -> new Instance( i.id(), i.host(), i.directoryVersion(), i.sinceHeartbeat().toSeconds() ) ).toList() );
	}
}
