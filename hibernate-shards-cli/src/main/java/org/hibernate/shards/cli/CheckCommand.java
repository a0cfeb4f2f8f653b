package org.hibernate.shards.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hibernate.SessionFactory;
import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.strategy.directory.ShardDirectory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code shards check}: the configuration (the factory builds, which validates every setting and reaches every shard),
 * each shard's connection, the control database, the mapped schema on each shard and drift between the shards.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
		description = "Check the configuration, the connection to every shard and to the control database, the mapped schema on every "
				+ "shard, and differences between the shards' tables. Exit code 1 when a check fails.")
final class CheckCommand extends FactoryCommand {
	@Option(names = "--json", description = "print JSON instead of a table")
	boolean json;

	/** One check's outcome; {@code shard} is -1 for checks of the whole application. */
	record Result(String check, int shard, boolean ok, String detail) {
	}

	@Override
	int run(ShardedSessionFactory factory) {
		List<Result> results = new ArrayList<>();
		results.add( new Result( "configuration", -1, true, "read from " + target + "; " + factory.getSessionFactories().size()
				+ " physical shards, " + factory.getVirtualShardCount() + " virtual shards" ) );
		Map<ShardId, SessionFactory> shards = factory.getSessionFactories();
		List<TableShapes> shapes = new ArrayList<>();
		shards.forEach( (shard, sessionFactory) -> {
			TableShapes read = connectionCheck( shard, sessionFactory, results );
			if ( read != null ) {
				shapes.add( read );
				results.add( schemaCheck( shard, sessionFactory ) );
			}
		} );
		results.add( directoryCheck( factory ) );
		results.addAll( TableShapes.drift( shapes ) );
		boolean ok = results.stream().allMatch( Result::ok );
		if ( json ) {
			Output.json( out(), results );
		}
		else {
			List<List<String>> rows = new ArrayList<>();
			results.forEach( r -> rows.add( List.of( r.check(), r.shard() < 0 ? "-" : String.valueOf( r.shard() ), r.ok() ? "ok" : "FAILED",
					r.detail() ) ) );
			Output.table( out(), List.of( "CHECK", "SHARD", "RESULT", "DETAIL" ), rows );
		}
		return ok ? 0 : ShardsCommand.REFUSED;
	}

	private static TableShapes connectionCheck(ShardId shard, SessionFactory sessionFactory, List<Result> results) {
		long start = System.nanoTime();
		try ( var session = sessionFactory.openSession() ) {
			TableShapes shapes = session.doReturningWork( connection -> TableShapes.read( shard, connection ) );
			results.add( new Result( "connection", shard.getId(), true, shapes.server() + ", answered in "
					+ ( System.nanoTime() - start ) / 1_000_000 + " ms" ) );
			return shapes;
		}
		catch (RuntimeException e) {
			results.add( new Result( "connection", shard.getId(), false, Failures.describe( e ) ) );
			return null;
		}
	}

	private static Result schemaCheck(ShardId shard, SessionFactory sessionFactory) {
		try {
			sessionFactory.getSchemaManager().validateMappedObjects();
			return new Result( "mapped schema", shard.getId(), true, "every mapped table and column is there" );
		}
		catch (RuntimeException e) {
			return new Result( "mapped schema", shard.getId(), false, e.getMessage() + " (shards schema update creates what is missing)" );
		}
	}

	private static Result directoryCheck(ShardedSessionFactory factory) {
		ShardDirectory directory;
		try {
			directory = ShardDirectory.of( factory );
		}
		catch (RuntimeException e) {
			return new Result( "control database", -1, true, "none: no partition directory (hibernate.shards.directory.enabled is off)" );
		}
		try {
			directory.refresh();
			return new Result( "control database", -1, true, "the partition directory answered, version " + directory.version() );
		}
		catch (RuntimeException e) {
			return new Result( "control database", -1, false, Failures.describe( e ) );
		}
	}
}
