package org.hibernate.shards.cli;

import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.strategy.directory.ShardDirectory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code shards setup-table}: registers an entity in the partition directory (HSCALE's {@code SETUP_TABLE}). */
@Command(name = "setup-table", mixinStandardHelpOptions = true,
		description = "Register an entity in the partition directory, optionally with a default partition on a virtual shard.")
final class SetupTableCommand extends FactoryCommand {
	@Parameters(index = "0", paramLabel = "ENTITY", description = "the entity, by its JPA name (e.g. User)")
	String entity;

	@Option(names = "--key", required = true, paramLabel = "ATTRIBUTE", description = "its shard key attribute")
	String key;

	@Option(names = "--function", paramLabel = "FUNCTION",
			description = "its key function as configured, e.g. PREFIX(3) or MOD(8) (default: the hash)")
	String function;

	@Option(names = "--default-partition", paramLabel = "NAME", description = "a partition for values that have none of their own")
	String defaultPartition;

	@Option(names = "--virtual-shard", paramLabel = "V", description = "where the default partition lives (with --default-partition)")
	Integer virtualShard;

	@Override
	int run(ShardedSessionFactory factory) {
		ShardDirectory directory = ShardDirectory.of( factory );
		if ( virtualShard != null ) {
			if ( defaultPartition == null ) {
				throw new picocli.CommandLine.ParameterException( spec.commandLine(), "--virtual-shard places the default partition: "
						+ "give --default-partition too" );
			}
			directory.setupTable( entity, key, defaultPartition, virtualShard, function );
		}
		else {
			directory.setupTable( entity, key, defaultPartition, function );
		}
		out().println( "Registered " + entity + " (key " + key + ( function == null ? "" : ", " + function ) + ")"
				+ ( defaultPartition == null ? "" : "; default partition " + defaultPartition
						+ ( virtualShard == null ? "" : " on virtual shard " + virtualShard ) )
				+ ". Directory version " + directory.version() );
		return 0;
	}
}
