package org.hibernate.shards.cli;

import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.strategy.directory.ShardDirectory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code shards remove-partition}: its values go back to the default partition (or their hash), with their rows. */
@Command(name = "remove-partition", mixinStandardHelpOptions = true,
		description = "Remove a partition: its values, and their stored rows, go to the default partition or where they hash.")
final class RemovePartitionCommand extends FactoryCommand {
	@Parameters(index = "0", paramLabel = "ENTITY", description = "the entity, by its JPA name")
	String entity;

	@Parameters(index = "1", paramLabel = "NAME", description = "the partition's name")
	String name;

	@Override
	int run(ShardedSessionFactory factory) {
		ShardDirectory directory = ShardDirectory.of( factory );
		directory.removePartition( entity, name );
		out().println( "Removed partition " + name + " of " + entity + ". Directory version " + directory.version() );
		return 0;
	}
}
