package org.hibernate.shards.it.move;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.admin.MoveHandle;
import org.hibernate.shards.admin.RebalancePlan;
import org.hibernate.shards.admin.ShardAdmin;
import org.hibernate.shards.admin.ShardStatus;
import org.hibernate.shards.it.ShardedFactories;
import org.hibernate.shards.it.move.model.MvAccount;
import org.hibernate.shards.test.MySqlShards;
import org.hibernate.shards.test.ShardDatabases;
import org.junit.jupiter.api.Test;

/**
 * Capacity and standby shards on three real shards: shards 0 and 1 hold the 8 virtual shards, shard 2 is a standby
 * shard. Shard 0 is filled past the capacity it declares; a dry run plans moves and changes nothing; the rebalance
 * activates the standby shard and brings shard 0 under its capacity.
 */
@MySqlShards(3)
class RebalanceTest {
	private static final String PADDING = "x".repeat( 90 );

	@Test
	void aShardOverItsCapacityIsBroughtUnderItByActivatingTheStandbyShard(ShardDatabases dbs) throws SQLException {
		try ( ShardedSessionFactory loader = factory( dbs, "create", Map.of() ) ) {
			ShardStatus status = ShardAdmin.of( loader ).status();
			assertEquals( ShardStatus.State.STANDBY, status.shards().get( 2 ).state(), "a standby shard holds no virtual shards" );
			assertEquals( List.of(), status.shards().get( 2 ).virtualShards() );
			load( loader, List.of( 0, 1, 2, 3 ), 1500 );
			load( loader, List.of( 4, 5, 6, 7 ), 100 );
		}
		analyze( dbs );
		double loaded = sizeMb( dbs, 0 );
		assertTrue( loaded > 2.0, "shard 0 holds more than twice its capacity: " + loaded + " MB" );

		Map<String, String> capacities = new LinkedHashMap<>();
		capacities.put( "hibernate.shards.0.capacity_mb", "1" );
		capacities.put( "hibernate.shards.1.capacity_mb", String.valueOf( (long) Math.ceil( sizeMb( dbs, 1 ) ) ) );
		try ( ShardedSessionFactory factory = factory( dbs, "none", capacities ) ) {
			ShardAdmin admin = ShardAdmin.of( factory );
			ShardStatus before = admin.status();
			assertEquals( 1.0, before.shards().get( 0 ).capacityMb() );
			assertTrue( before.shards().get( 0 ).dataMb() + before.shards().get( 0 ).indexMb() > 1 );

			RebalancePlan dryRun = admin.rebalance( true );
			assertFalse( dryRun.moves().isEmpty() );
			assertEquals( List.of( ShardId.of( 2 ) ), dryRun.activated() );
			assertTrue( dryRun.handles().isEmpty() );
			dryRun.moves().forEach( move -> assertEquals( ShardId.of( 0 ), move.source() ) );
			assertEquals( placement( before ), placement( admin.status() ), "a dry run changes nothing" );
			assertEquals( before.shards().get( 0 ).rowsByEntity(), admin.status().shards().get( 0 ).rowsByEntity() );

			RebalancePlan done = admin.rebalance( false );
			assertEquals( dryRun.moves(), done.moves(), "the same plan, carried out" );
			for ( MoveHandle handle : done.handles() ) {
				handle.await();
			}
			optimize( dbs, 0 );
			ShardStatus after = admin.status();
			assertEquals( ShardStatus.State.ACTIVE, after.shards().get( 2 ).state() );
			double left = after.shards().get( 0 ).dataMb() + after.shards().get( 0 ).indexMb();
			assertTrue( left <= 1.0, "shard 0 is under its capacity: " + left + " MB; plan " + done.moves() + "; status " + after.shards().get( 0 ) + " tables " + tableSizes( dbs, 0 ) );
			assertTrue( admin.rebalance( true ).moves().isEmpty(), "nothing left to do" );
			long accounts = after.shards().stream().mapToLong( shard -> shard.rowsByEntity().get( MvAccount.class.getName() ) ).sum();
			assertEquals( 4 * 1500 + 4 * 100, accounts, "every account is still there, once" );
		}
	}

	private static ShardedSessionFactory factory(ShardDatabases dbs, String hbm2ddl, Map<String, String> more) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put( "hibernate.hbm2ddl.auto", hbm2ddl );
		properties.put( "hibernate.shards.virtual_shards", "8" );
		properties.put( "hibernate.shards.2.standby", "true" );
		properties.put( "hibernate.shards.directory.enabled", "true" );
		properties.put( "hibernate.shards.move.instance_timeout_seconds", "2" );
		properties.put( "hibernate.shards.move.batch_size", "1000" );
		properties.put( "hibernate.jdbc.batch_size", "100" );
		properties.putAll( more );
		return ShardedFactories.build( dbs, properties, MoveFixture.MODEL );
	}

	private static void load(ShardedSessionFactory factory, List<Integer> virtualShards, int perVirtualShard) {
		for ( int v : virtualShards ) {
			List<MvAccount> accounts = new ArrayList<>();
			for ( int i = 0; accounts.size() < perVirtualShard; i++ ) {
				String email = "user" + i + "." + v + "@example.com";
				if ( org.hibernate.shards.it.KeyRouting.virtualShard( email, 8 ) == v ) {
					accounts.add( new MvAccount( email, PADDING + i ) );
				}
			}
			try ( ShardedSession session = factory.openSession() ) {
				session.inTransaction( tx -> accounts.forEach( session::persist ) );
			}
		}
	}

	private static Map<Integer, List<Integer>> placement(ShardStatus status) {
		Map<Integer, List<Integer>> placement = new LinkedHashMap<>();
		status.shards().forEach( shard -> placement.put( shard.id().getId(), shard.virtualShards() ) );
		return placement;
	}

	private static void analyze(ShardDatabases dbs) throws SQLException {
		for ( int shard = 0; shard < 3; shard++ ) {
			execute( dbs, shard, "analyze table mv_account, mv_account_tag, mv_invoice, mv_memo, mv_memo_line" );
		}
	}

	/** Rebuilds the tables, so that the space of purged rows is given back and the reported size is what is left. */
	private static void optimize(ShardDatabases dbs, int shard) throws SQLException {
		execute( dbs, shard, "optimize table mv_account, mv_account_tag, mv_invoice, mv_memo, mv_memo_line" );
		execute( dbs, shard, "analyze table mv_account, mv_account_tag, mv_invoice, mv_memo, mv_memo_line" );
	}

	private static void execute(ShardDatabases dbs, int shard, String sql) throws SQLException {
		try ( Connection connection = dbs.get( shard ).openConnection(); Statement statement = connection.createStatement();
				ResultSet ignored = statement.executeQuery( sql ) ) {
			while ( ignored.next() ) {
				// analyze and optimize answer with a status row per table
			}
		}
	}

	private static String tableSizes(ShardDatabases dbs, int shard) throws SQLException {
		StringBuilder sizes = new StringBuilder();
		try ( Connection connection = dbs.get( shard ).openConnection(); Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery( "select table_name, data_length, index_length from information_schema.tables where table_schema = database()" ) ) {
			while ( result.next() ) {
				sizes.append( result.getString( 1 ) ).append( '=' ).append( result.getLong( 2 ) / 1024 ).append( '+' ).append( result.getLong( 3 ) / 1024 ).append( "K " );
			}
		}
		return sizes.toString();
	}

	private static double sizeMb(ShardDatabases dbs, int shard) throws SQLException {
		try ( Connection connection = dbs.get( shard ).openConnection(); Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery( "select sum(data_length + index_length) from information_schema.tables where table_schema = database()" ) ) {
			result.next();
			return result.getLong( 1 ) / 1048576.0;
		}
	}
}
