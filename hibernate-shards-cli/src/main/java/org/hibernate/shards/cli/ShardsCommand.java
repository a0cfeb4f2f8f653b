package org.hibernate.shards.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code shards}: see where an application's rows are and change it, through the library's own API. Each sub-command
 * builds the application's sharded session factory from its configuration ({@code --config}, {@code --properties}), or
 * from the demo's embedded databases when it is given none, does its work and closes the factory.
 * <p>
 * Exit codes: 0 done, 1 refused or failed (the reason on standard error), 2 a usage error.
 */
@Command(name = "shards", mixinStandardHelpOptions = true, versionProvider = ShardsCommand.Version.class,
		description = "Operate a sharded Hibernate application: status, checks, partitions, moves, rebalance, schema.",
		subcommands = { StatusCommand.class, CheckCommand.class, ListPartitionsCommand.class, SetupTableCommand.class,
				AddPartitionCommand.class, RemovePartitionCommand.class, MoveCommand.class, RebalanceCommand.class,
				SchemaCommand.class, ConsoleCommand.class, CommandLine.HelpCommand.class })
public final class ShardsCommand implements Runnable {
	public static final int REFUSED = 1;

	static {
		// Hibernate logs through JBoss Logging: route it to slf4j-simple, which prints warnings only (simplelogger.properties).
		if ( System.getProperty( "org.jboss.logging.provider" ) == null ) {
			System.setProperty( "org.jboss.logging.provider", "slf4j" );
		}
		// Connector/J's clean-up thread would keep the JVM alive after the command; the pools close every connection.
		if ( System.getProperty( "com.mysql.cj.disableAbandonedConnectionCleanup" ) == null ) {
			System.setProperty( "com.mysql.cj.disableAbandonedConnectionCleanup", "true" );
		}
	}

	@Spec
	CommandSpec spec;

	public static void main(String[] args) {
		System.exit( execute( new PrintWriter( System.out, true ), new PrintWriter( System.err, true ), args ) );
	}

	/** Runs the command line with the given output and error streams; @return its exit code */
	public static int execute(PrintWriter out, PrintWriter err, String... args) {
		CommandLine line = new CommandLine( new ShardsCommand() );
		line.setOut( out );
		line.setErr( err );
		line.setExecutionExceptionHandler( (e, commandLine, parsed) -> {
			commandLine.getErr().println( Failures.describe( e ) );
			commandLine.getErr().flush();
			return REFUSED;
		} );
		int code = line.execute( args );
		out.flush();
		err.flush();
		return code;
	}

	@Override
	public void run() {
		throw new CommandLine.ParameterException( spec.commandLine(), "Name a command: " + String.join( ", ", spec.subcommands().keySet() ) );
	}

	static final class Version implements CommandLine.IVersionProvider {
		@Override
		public String[] getVersion() {
			String version = ShardsCommand.class.getPackage().getImplementationVersion();
			return new String[] { "shards " + ( version == null ? "(development build)" : version ) };
		}
	}
}
