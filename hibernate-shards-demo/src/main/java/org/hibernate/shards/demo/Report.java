package org.hibernate.shards.demo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardedSessionFactory;

/** Everything the demo prints. Numbers are formatted with a fixed locale so the output looks the same everywhere. */
final class Report {
	private static final int BAR_WIDTH = 50;

	private final PrintStream out;
	private int reportedTenths;

	Report(PrintStream out) {
		this.out = out;
	}

	private void line(String format, Object... args) {
		out.println( String.format( Locale.ROOT, format, args ) );
	}

	void header(DemoOptions options, ShardedSessionFactory factory) {
		line( "Hibernate Shards demo: %,d users sharded by e-mail over %d physical and %d virtual shards (seed %d)",
				options.users(), factory.getSessionFactories().size(), factory.getVirtualShardCount(), options.seed() );
		factory.getSessionFactories().keySet().forEach( shard -> line( "  %s  %-28s holds %s", shard,
				withoutParameters( options.urls().get( shard.getId() ) ), virtualShardRanges( factory, shard ) ) );
		out.println();
	}

	/** JDBC URLs may carry credentials or noise after '?' or ';'; the database name is what matters here. */
	private static String withoutParameters(String url) {
		return url.replaceFirst( "[?;].*", "" );
	}

	/** @return e.g. "v00-v15": the virtual shards placed on a physical shard, as ranges */
	static String virtualShardRanges(ShardedSessionFactory factory, ShardId shard) {
		List<String> ranges = new ArrayList<>();
		int count = factory.getVirtualShardCount();
		for ( int v = 0; v < count; v++ ) {
			if ( factory.getShardIdForVirtualShard( v ).equals( shard ) ) {
				int first = v;
				while ( v + 1 < count && factory.getShardIdForVirtualShard( v + 1 ).equals( shard ) ) {
					v++;
				}
				ranges.add( first == v ? String.format( "v%02d", v ) : String.format( "v%02d-v%02d", first, v ) );
			}
		}
		return ranges.isEmpty() ? "nothing (standby)" : String.join( ",", ranges );
	}

	void loadingStarts(int users, int perTransaction) {
		line( "Loading %,d users with their comments, %,d users per transaction ...", users, perTransaction );
		reportedTenths = 0;
	}

	/** One line each time another tenth of the users is stored. */
	void progress(int loaded, int users, int comments, long nanos) {
		int tenths = (int) ( loaded * 10L / users );
		if ( tenths > reportedTenths ) {
			reportedTenths = tenths;
			line( "  %3d%%  %,7d users  %,7d comments  %5.1f s", loaded * 100L / users, loaded, comments, nanos / 1e9 );
		}
	}

	void loadingDone(int users, int comments, long millis) {
		line( "Loaded %,d users and %,d comments in %.1f s (%,d users/s)%n", users, comments, millis / 1e3,
				millis == 0 ? users : users * 1000L / millis );
	}

	void shards(ShardedSessionFactory factory, ShardStats stats) {
		line( "1. Rows per physical shard (select count(*) on each shard's own SessionFactory)" );
		line( "   %-8s %8s %9s", "", "users", "comments" );
		for ( ShardId shard : stats.usersPerShard().keySet() ) {
			line( "   %-8s %,8d %,9d", shard, stats.usersPerShard().get( shard ), stats.commentsPerShard().get( shard ) );
		}
		out.println();

		long[] perVirtual = stats.usersPerVirtualShard();
		long max = LongStream.of( perVirtual ).max().orElse( 0 );
		line( "   Users per virtual shard (virtual shard = id & 1023: a @ShardedId carries it in its low 10 bits)" );
		for ( int v = 0; v < perVirtual.length; v++ ) {
			int width = max == 0 ? 0 : (int) Math.round( (double) perVirtual[v] * BAR_WIDTH / max );
			line( "   v%02d [%s] %s %,d", v, factory.getShardIdForVirtualShard( v ), "#".repeat( width ), perVirtual[v] );
		}
		line( "   min %,d, max %,d, mean %.1f users per virtual shard%s%n",
				LongStream.of( perVirtual ).min().orElse( 0 ), max, LongStream.of( perVirtual ).average().orElse( 0 ),
				stats.misplacedUsers() == 0 ? "" : String.format( "; %,d users on the WRONG shard!", stats.misplacedUsers() ) );
	}

	void lookups(List<DemoResult.Lookup> lookups) {
		line( "2. Finding %d users by id and by e-mail (each routed to one shard; timed after a warm-up pass)", lookups.size() );
		for ( DemoResult.Lookup lookup : lookups ) {
			line( "   %-36s id %d (virtual shard %d)", lookup.email(), lookup.id(), ShardStats.virtualShardOf( lookup.id() ) );
			line( "      %-41s -> %-8s in %,6d us%s", "find(User.class, id)", lookup.shardById(), lookup.microsById(),
					lookup.email().equals( lookup.emailFoundById() ) ? "" : "  NOT FOUND or wrong user" );
			line( "      %-41s -> %-8s in %,6d us%s", "find(User.class, email, KeyType.NATURAL)", lookup.shardByEmail(), lookup.microsByEmail(),
					Long.valueOf( lookup.id() ).equals( lookup.idFoundByEmail() ) ? "" : "  NOT FOUND or wrong user" );
		}
		out.println();
	}

	void crossShardQueries(ShardStats stats, CrossShardQueries queries) {
		Map<ShardId, Long> perShard = stats.usersPerShard();
		line( "3. Cross-shard count: %,d users in all", queries.userCount() );
		line( "   session.createQuery(\"select count(*) from User u\", Long.class): asked every shard, added the counts (%s)",
				perShard.values().stream().map( n -> String.format( Locale.ROOT, "%,d", n ) ).collect( Collectors.joining( " + " ) ) );
		line( "%n4. Most active users, over all shards (group by, order by count, limit 5: groups merged, then paged)" );
		for ( Object[] row : queries.mostActive() ) {
			line( "   %-36s %d comments", row[0], row[1] );
		}
		out.println();
	}

	void capacity(String title, org.hibernate.shards.admin.ShardStatus status) {
		line( "%s", title );
		line( "   %-8s %-8s %8s %8s %9s %s", "", "state", "users", "size MB", "capacity", "virtual shards" );
		for ( org.hibernate.shards.admin.ShardStatus.Shard shard : status.shards() ) {
			double size = shard.dataMb() + shard.indexMb();
			line( "   %-8s %-8s %,8d %8.2f %9s %d%s", shard.id(), shard.state(), shard.rowsByEntity().getOrDefault( User.class.getName(), 0L ),
					size, shard.capacityMb() == 0 ? "none" : String.format( Locale.ROOT, "%.2f MB", shard.capacityMb() ),
					shard.virtualShards().size(), shard.capacityMb() > 0 && size > shard.capacityMb() ? "  over its capacity" : "" );
		}
		out.println();
	}

	void rebalanceStarts(org.hibernate.shards.admin.RebalancePlan plan) {
		line( "6. Rebalancing: %d moves of whole virtual shards, activating %s; a background writer keeps inserting users",
				plan.moves().size(), plan.activated().isEmpty() ? "no standby shard" : plan.activated() );
	}

	void rebalanceAgain(org.hibernate.shards.admin.RebalancePlan plan) {
		line( "   The background writer's users tipped shards over again: %d more moves", plan.moves().size() );
	}

	void moved(int done, int of, org.hibernate.shards.admin.MoveReport moved) {
		line( "   [%2d/%d] v%02d %s -> %s: %,d users, %,d comments copied, verified, switched, purged; writes to it paused %d ms%s",
				done, of, moved.virtualShard(), moved.source(), moved.target(), moved.rowsByEntity().getOrDefault( User.class.getName(), 0L ),
				moved.rowsByEntity().getOrDefault( Comment.class.getName(), 0L ), moved.writePause().toMillis(),
				moved.followedBinlog() ? "" : " (no binary log to follow: the copy ran behind the fence)" );
	}

	void backgroundWriter(BackgroundWriter.Outcome written) {
		line( "%n   Background writer: %,d users written during the rebalance, %,d of them found afterwards by id "
				+ "(%d writes met a moving virtual shard's fence and were retried with a new session)%n", written.written(), written.found(),
				written.retries() );
	}

	void done(long nanos) {
		line( "%nDone in %.1f s (building the sharded session factory included).", nanos / 1e9 );
	}
}
