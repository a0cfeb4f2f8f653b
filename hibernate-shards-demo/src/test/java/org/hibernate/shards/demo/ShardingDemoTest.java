package org.hibernate.shards.demo;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

/** Runs the demo small on H2 and checks what it found, from the returned result rather than from its printout. */
class ShardingDemoTest {
	private static final int USERS = 500;

	@Test
	void everyUserIsStoredOnceAndFoundWhereItsKeySaysByIdAndByEmail() {
		// Databases of its own, so that the test never meets the tables of another run in the same JVM.
		// Three active shards and a standby one; a capacity the users overflow, so that the rebalance puts the standby to use.
		DemoOptions options = DemoOptions.defaults().withUsers( USERS ).withUrls( DemoOptions.h2Urls( "demo_test_shard_", 4 ) )
				.withCapacityMb( 0.03 );
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		DemoResult result = ShardingDemo.run( options, new PrintStream( printed, true, StandardCharsets.UTF_8 ) );
		ShardStats stats = result.stats();

		assertEquals( USERS, result.usersLoaded() );
		assertEquals( USERS, result.totalUsers(), "the per-shard counts add up to the users loaded: each is on exactly one shard" );
		assertEquals( result.commentsLoaded(), stats.totalComments(), "every comment was stored" );
		assertEquals( USERS, LongStream.of( stats.usersPerVirtualShard() ).sum(), "the virtual-shard histogram covers every user" );
		assertEquals( 0, stats.misplacedUsers(), "every user is on the physical shard that holds its virtual shard" );
		assertEquals( 4, stats.usersPerShard().size() );
		stats.usersPerShard().forEach( (shard, users) -> assertTrue( shard.getId() == 3 ? users == 0 : users > 0,
				shard + " holds " + users + " users; the last shard is the standby shard, which holds none before the rebalance" ) );

		assertEquals( ShardingDemo.LOOKUPS, result.lookups().size() );
		assertAll( result.lookups().stream().map( lookup -> () -> {
			assertEquals( lookup.email(), lookup.emailFoundById(), "found by id " + lookup.id() );
			assertEquals( lookup.id(), lookup.idFoundByEmail(), "found by e-mail " + lookup.email() );
			assertEquals( lookup.expectedShard(), lookup.shardById(), "shard that answered by id" );
			assertEquals( lookup.expectedShard(), lookup.shardByEmail(), "shard that answered by e-mail" );
		} ) );

		String output = printed.toString( StandardCharsets.UTF_8 );
		assertTrue( output.contains( "Cross-shard count: 500 users in all" ), output );
		assertEquals( USERS, result.queries().userCount(), "the cross-shard count query equals the users loaded" );
		assertEquals( 5, result.queries().mostActive().size() );
		long top = (Long) result.queries().mostActive().get( 0 )[1];
		for ( Object[] row : result.queries().mostActive() ) {
			assertTrue( (Long) row[1] <= top, "ordered by number of comments, descending" );
		}
		assertTrue( output.contains( "v63 [shard 2] #" ), output );
	}

	@Test
	void theRebalanceActivatesTheStandbyShardAndLosesNoUserWrittenMeanwhile() {
		DemoOptions options = DemoOptions.defaults().withUsers( USERS ).withUrls( DemoOptions.h2Urls( "demo_growth_shard_", 4 ) )
				.withCapacityMb( 0.03 );
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		DemoResult result = ShardingDemo.run( options, new PrintStream( printed, true, StandardCharsets.UTF_8 ) );
		Growth growth = result.growth();

		assertEquals( List.of( org.hibernate.shards.ShardId.of( 3 ) ), growth.plan().activated(), "the standby shard is put to use" );
		assertTrue( growth.moves().size() >= growth.plan().moves().size() && !growth.moves().isEmpty() );
		growth.moves().forEach( move -> assertEquals( org.hibernate.shards.ShardId.of( 3 ), move.target() ) );
		assertEquals( org.hibernate.shards.admin.ShardStatus.State.STANDBY, growth.before().shards().get( 3 ).state() );
		assertEquals( org.hibernate.shards.admin.ShardStatus.State.ACTIVE, growth.after().shards().get( 3 ).state() );
		assertTrue( growth.writer().written() > 0, "the background writer wrote while virtual shards moved" );
		assertEquals( growth.writer().written(), growth.writer().found(), "every user the writer was told was stored is found by id" );
		ShardStats grown = result.grown();
		assertEquals( USERS + growth.writer().written(), grown.totalUsers(), "no user lost or duplicated by the moves" );
		assertEquals( 0, grown.misplacedUsers(), "every user is on the physical shard that now holds its virtual shard" );
		assertTrue( grown.usersPerShard().get( org.hibernate.shards.ShardId.of( 3 ) ) > 0 );
		String output = printed.toString( StandardCharsets.UTF_8 );
		assertTrue( output.contains( "copied, verified, switched, purged" ), output );
	}

	@Test
	void parsesTheCommandLine() {
		DemoOptions options = DemoOptions.parse( "--users", "1_000", "--seed", "7", "--mysql",
				"jdbc:mysql://h:3306/db0, jdbc:mysql://h:3306/db1", "--user", "app", "--password", "secret", "--dialect", "MySQLDialect" );
		assertEquals( 1000, options.users() );
		assertEquals( 7, options.seed() );
		assertEquals( List.of( "jdbc:mysql://h:3306/db0", "jdbc:mysql://h:3306/db1" ), options.urls() );
		assertEquals( "app", options.user() );
		assertEquals( "secret", options.password() );
		assertEquals( "MySQLDialect", options.dialect() );
		assertTrue( !options.toString().contains( "secret" ) );

		DemoOptions defaults = DemoOptions.parse();
		assertEquals( DemoOptions.DEFAULT_USERS, defaults.users() );
		assertEquals( DemoOptions.h2Urls( "demo_shard_", 5 ), defaults.urls(), "four active shards and a standby one" );
		assertEquals( DemoOptions.DEFAULT_CAPACITY_MB, defaults.capacityMb() );
		assertEquals( 2.5, DemoOptions.parse( "--capacity-mb", "2.5" ).capacityMb() );
		assertThrows( IllegalArgumentException.class, () -> DemoOptions.parse( "--capacity-mb", "0" ) );
		assertEquals( null, defaults.dialect(), "the dialect is detected unless given" );

		assertThrows( IllegalArgumentException.class, () -> DemoOptions.parse( "--shards", "4" ) );
		assertThrows( IllegalArgumentException.class, () -> DemoOptions.parse( "--users" ) );
		assertThrows( IllegalArgumentException.class, () -> DemoOptions.parse( "--users", "0" ) );
	}
}
