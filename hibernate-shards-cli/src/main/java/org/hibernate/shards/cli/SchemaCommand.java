package org.hibernate.shards.cli;

import java.util.Map;

import org.hibernate.shards.ShardedSessionFactory;

import picocli.CommandLine.Command;

/** {@code shards schema}: the mapped schema on every shard, validated or brought up to date. */
@Command(name = "schema", mixinStandardHelpOptions = true, description = "Validate the mapped schema on every shard, or update it.",
		subcommands = { SchemaCommand.Validate.class, SchemaCommand.Update.class })
final class SchemaCommand implements Runnable {
	@picocli.CommandLine.Spec
	picocli.CommandLine.Model.CommandSpec spec;

	@Override
	public void run() {
		throw new picocli.CommandLine.ParameterException( spec.commandLine(), "Name what to do: validate or update" );
	}

	@Command(name = "validate", mixinStandardHelpOptions = true,
			description = "Check that every mapped table and column exists on every shard; exit code 1 names what is missing where.")
	static final class Validate extends FactoryCommand {
		@Override
		int run(ShardedSessionFactory factory) {
			int failed = 0;
			for ( var shard : factory.getSessionFactories().entrySet() ) {
				try {
					shard.getValue().getSchemaManager().validateMappedObjects();
					out().println( shard.getKey() + ": valid" );
				}
				catch (RuntimeException e) {
					failed++;
					err().println( shard.getKey() + ": " + e.getMessage() );
				}
			}
			return failed == 0 ? 0 : ShardsCommand.REFUSED;
		}
	}

	@Command(name = "update", mixinStandardHelpOptions = true,
			description = "Create the mapped tables and columns missing on every shard (Hibernate's schema update); nothing is dropped.")
	static final class Update extends FactoryCommand {
		@Override
		Map<String, String> overrides() {
			// The factory runs the update on every shard as it starts, checking first that the shards' layout is the recorded one.
			return Map.of( "hibernate.hbm2ddl.auto", "update" );
		}

		@Override
		int run(ShardedSessionFactory factory) {
			out().println( "Updated the schema on " + factory.getSessionFactories().size() + " shards" );
			return 0;
		}
	}
}
