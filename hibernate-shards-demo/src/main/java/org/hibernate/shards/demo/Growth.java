package org.hibernate.shards.demo;

import java.util.ArrayList;
import java.util.List;

import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.admin.MoveHandle;
import org.hibernate.shards.admin.MoveReport;
import org.hibernate.shards.admin.RebalancePlan;
import org.hibernate.shards.admin.ShardAdmin;
import org.hibernate.shards.admin.ShardStatus;

/**
 * The end of Pyshards' story: the active shards are over their capacity, so the rebalance puts the standby shard to use
 * and moves whole virtual shards onto it, one by one, while a background writer keeps inserting users.
 *
 * @param before the shards before the rebalance
 * @param plan the moves planned and the standby shards activated
 * @param moves what each move did
 * @param after the shards after it
 * @param writer what the background writer wrote, and found again afterwards
 */
record Growth(ShardStatus before, RebalancePlan plan, List<MoveReport> moves, ShardStatus after, BackgroundWriter.Outcome writer) {

	static Growth run(ShardedSessionFactory factory, long seed, Report report) {
		ShardAdmin admin = ShardAdmin.of( factory );
		ShardStatus before = admin.status();
		report.capacity( "5. The shards against their capacity (hibernate.shards.N.capacity_mb; the last shard is a standby shard)", before );
		List<MoveReport> moves = new ArrayList<>();
		RebalancePlan plan;
		BackgroundWriter.Outcome written;
		try ( BackgroundWriter writer = new BackgroundWriter( factory, seed + 1 ) ) {
			plan = admin.rebalance( false );
			report.rebalanceStarts( plan );
			awaitAll( plan, moves, report );
			written = writer.stopAndCheck();
		}
		report.backgroundWriter( written );
		// The writer kept inserting while the plan ran: what it added may tip a shard over again.
		RebalancePlan more = admin.rebalance( false );
		if ( !more.moves().isEmpty() ) {
			report.rebalanceAgain( more );
			awaitAll( more, moves, report );
		}
		ShardStatus after = admin.status();
		report.capacity( "7. The shards after the rebalance", after );
		return new Growth( before, plan, List.copyOf( moves ), after, written );
	}

	private static void awaitAll(RebalancePlan plan, List<MoveReport> moves, Report report) {
		int done = 0;
		for ( MoveHandle handle : plan.handles() ) {
			MoveReport moved = handle.await();
			moves.add( moved );
			report.moved( ++done, plan.moves().size(), moved );
		}
	}
}
