package org.hibernate.shards.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.admin.MoveProgress;
import org.hibernate.shards.admin.ShardAdmin;
import org.hibernate.shards.admin.ShardStatus;
import org.hibernate.shards.strategy.directory.Partition;
import org.hibernate.shards.strategy.directory.ShardDirectory;

/**
 * What the console shows, read at one moment through the library's API: the status, the rows of every virtual shard,
 * each entity's partitions, and the progress of the moves this console started.
 *
 * @param placement the physical shard of every virtual shard, by virtual shard
 * @param progress the progress of moves started here that are still running, by virtual shard
 */
record ConsoleView(ShardStatus status, List<Integer> placement, Map<Integer, Long> rowsByVirtualShard,
		Map<String, List<Partition>> partitions, Map<Integer, MoveProgress> progress, boolean actions) {

	static ConsoleView read(ShardedSessionFactory factory, Map<Integer, MoveProgress> progress, boolean actions) {
		ShardAdmin admin = ShardAdmin.of( factory );
		ShardDirectory directory = ShardDirectory.of( factory );
		ShardStatus status = admin.status();
		List<Integer> placement = new ArrayList<>();
		for ( int v = 0; v < factory.getVirtualShardCount(); v++ ) {
			placement.add( factory.getShardIdForVirtualShard( v ).getId() );
		}
		Map<String, List<Partition>> partitions = new LinkedHashMap<>();
		for ( String entity : directory.listTables() ) {
			partitions.put( entity, directory.listPartitions( entity ) );
		}
		return new ConsoleView( status, placement, admin.rowsByVirtualShard(), partitions, progress, actions );
	}
}
