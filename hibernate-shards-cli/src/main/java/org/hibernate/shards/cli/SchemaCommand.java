package org.hibernate.shards.cli;

import java.util.Map;

import org.hibernate.shards.ShardedSessionFactory;

import picocli.CommandLine.Command;

/** {@code shards schema}: the mapped schema on every shard, validated or brought up to date. */
@Command(name = "schema", mixinStandardHelpOptions = true,
		description = "Validate the mapped schema on every shard, update it, or run the application's Flyway migrations on every shard.",
		subcommands = { SchemaCommand.Validate.class, SchemaCommand.Update.class, SchemaCommand.Migrate.class })
final class SchemaCommand implements Runnable {
	@picocli.CommandLine.Spec
	picocli.CommandLine.Model.CommandSpec spec;

	@Override
	public void run() {
		throw new picocli.CommandLine.ParameterException( spec.commandLine(), "Name what to do: validate, update or migrate" );
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

	@Command(name = "migrate", mixinStandardHelpOptions = true,
			description = { "Run the application's Flyway migrations on every shard, in shard order; stop at the first shard that fails, "
					+ "naming it. Migrations are found on --class-path (db/migration by default). A shard that holds tables but no "
					+ "Flyway history yet (the library's own tables, a schema made by Hibernate) is baselined at version 0 first." })
	static final class Migrate extends FactoryCommand {
		@picocli.CommandLine.Option(names = "--locations", split = ",", defaultValue = "classpath:db/migration", paramLabel = "LOCATION",
				description = "where the migrations are (default: ${DEFAULT-VALUE})")
		java.util.List<String> locations;

		@Override
		int run(ShardedSessionFactory factory) {
			for ( var shard : factory.getSessionFactories().entrySet() ) {
				javax.sql.DataSource dataSource = shard.getValue().unwrap( org.hibernate.engine.spi.SessionFactoryImplementor.class )
						.getServiceRegistry().requireService( org.hibernate.engine.jdbc.connections.spi.ConnectionProvider.class )
						.unwrap( javax.sql.DataSource.class );
				org.flywaydb.core.api.output.MigrateResult result;
				try {
					result = org.flywaydb.core.Flyway.configure( target.classLoader() ).dataSource( dataSource )
							.locations( locations.toArray( String[]::new ) ).baselineOnMigrate( true ).baselineVersion( "0" ).load().migrate();
				}
				catch (org.flywaydb.core.api.FlywayException e) {
					throw new org.hibernate.shards.ShardingException( shard.getKey() + ": the migration failed, and the shards after it were "
							+ "not migrated: " + e.getMessage(), e );
				}
				out().println( shard.getKey() + ": " + ( result.migrationsExecuted == 0 ? "up to date"
						: result.migrationsExecuted + " migrations run" ) + ( result.targetSchemaVersion == null ? ""
						: ", at version " + result.targetSchemaVersion ) );
			}
			return 0;
		}
	}
}
