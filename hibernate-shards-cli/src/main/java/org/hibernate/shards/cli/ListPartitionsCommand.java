package org.hibernate.shards.cli;

import java.util.ArrayList;
import java.util.List;

import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.strategy.directory.Partition;
import org.hibernate.shards.strategy.directory.ShardDirectory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code shards list-partitions ENTITY}: an entity's partitions and where each lives. */
@Command(name = "list-partitions", mixinStandardHelpOptions = true, description = "An entity's partitions: name, value, virtual and physical shard.")
final class ListPartitionsCommand extends FactoryCommand {
	@Parameters(paramLabel = "ENTITY", description = "the entity, by its JPA name (e.g. User)")
	String entity;

	@Option(names = "--json", description = "print JSON instead of a table")
	boolean json;

	/** A partition with the physical shard its virtual shard lives on now. */
	record Placed(String name, String value, int virtualShard, int physicalShard) {
	}

	@Override
	int run(ShardedSessionFactory factory) {
		List<Placed> placed = new ArrayList<>();
		for ( Partition partition : ShardDirectory.of( factory ).listPartitions( entity ) ) {
			placed.add( new Placed( partition.name(), partition.value(), partition.virtualShard(),
					factory.getShardIdForVirtualShard( partition.virtualShard() ).getId() ) );
		}
		if ( json ) {
			Output.json( out(), placed );
			return 0;
		}
		List<List<String>> rows = new ArrayList<>();
		placed.forEach( p -> rows.add( List.of( p.name(), p.value() == null ? "(default)" : p.value(), String.valueOf( p.virtualShard() ),
				String.valueOf( p.physicalShard() ) ) ) );
		Output.table( out(), List.of( "PARTITION", "VALUE", "VIRTUAL SHARD", "PHYSICAL SHARD" ), rows );
		return 0;
	}
}
