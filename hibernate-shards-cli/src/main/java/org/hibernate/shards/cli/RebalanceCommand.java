package org.hibernate.shards.cli;

import java.util.ArrayList;
import java.util.List;

import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.admin.RebalancePlan;
import org.hibernate.shards.admin.ShardAdmin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code shards rebalance}: moves that bring every shard under its capacity, largest virtual shards first, planned or run. */
@Command(name = "rebalance", mixinStandardHelpOptions = true,
		description = "Plan moves, largest virtual shards first, that bring every physical shard under its capacity (activating standby shards), and run them "
				+ "unless --dry-run.")
final class RebalanceCommand extends FactoryCommand {
	@Option(names = "--dry-run", description = "only print the plan; change nothing")
	boolean dryRun;

	@Option(names = "--json", description = "print the plan as JSON (with --dry-run)")
	boolean json;

	record PlanView(List<Move> moves, List<Integer> activated) {
		record Move(int virtualShard, int source, int target, double sizeMb) {
		}
	}

	@Override
	int run(ShardedSessionFactory factory) {
		if ( json && !dryRun ) {
			throw new picocli.CommandLine.ParameterException( spec.commandLine(), "--json prints a plan: use it with --dry-run" );
		}
		RebalancePlan plan = ShardAdmin.of( factory ).rebalance( dryRun );
		PlanView view = new PlanView( plan.moves().stream().map( m -> new PlanView.Move( m.virtualShard(), m.source().getId(), m.target().getId(),
				m.sizeMb() ) ).toList(), plan.activated().stream().map( shard -> shard.getId() ).toList() );
		if ( json ) {
			Output.json( out(), view );
			return 0;
		}
		if ( view.moves().isEmpty() ) {
			out().println( "Every shard is within its capacity: nothing to move" );
			return 0;
		}
		List<List<String>> rows = new ArrayList<>();
		view.moves().forEach( m -> rows.add( List.of( String.valueOf( m.virtualShard() ), String.valueOf( m.source() ), String.valueOf( m.target() ),
				Output.megabytes( m.sizeMb() ) ) ) );
		Output.table( out(), List.of( "VIRTUAL SHARD", "FROM", "TO", "SIZE MB" ), rows );
		if ( !view.activated().isEmpty() ) {
			out().println( "Standby shards put to use: " + view.activated() );
		}
		if ( dryRun ) {
			out().println( "Dry run: nothing was moved" );
			return 0;
		}
		MoveWatch.await( plan.handles(), out(), System.err );
		return 0;
	}
}
