package org.hibernate.shards.cli;

import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.strategy.directory.ShardDirectory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code shards add-partition}: places a partition on a virtual shard, its stored rows with it (HSCALE's {@code ADD_PARTITION}). */
@Command(name = "add-partition", mixinStandardHelpOptions = true,
		description = "Place a partition of an entity on a virtual shard. Rows already stored under its value move with it.")
final class AddPartitionCommand extends FactoryCommand {
	@Parameters(index = "0", paramLabel = "ENTITY", description = "the entity, by its JPA name")
	String entity;

	@Parameters(index = "1", paramLabel = "NAME", description = "the partition's name, unique within the entity")
	String name;

	@Parameters(index = "2", paramLabel = "VALUE", description = "the partition value, as the key function produces it (for PREFIX(3): mar)")
	String value;

	@Option(names = "--virtual-shard", required = true, paramLabel = "V", description = "where the partition lives")
	int virtualShard;

	@Override
	int run(ShardedSessionFactory factory) {
		ShardDirectory directory = ShardDirectory.of( factory );
		directory.addPartition( entity, name, value, virtualShard );
		out().println( "Added partition " + name + " (" + value + ") of " + entity + " on virtual shard " + virtualShard
				+ " (physical shard " + factory.getShardIdForVirtualShard( virtualShard ).getId() + "). Directory version " + directory.version() );
		return 0;
	}
}
