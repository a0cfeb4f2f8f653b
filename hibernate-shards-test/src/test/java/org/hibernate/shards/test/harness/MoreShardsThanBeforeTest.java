package org.hibernate.shards.test.harness;

import static org.hibernate.shards.test.harness.SharedShardsTest.currentDatabase;
import static org.hibernate.shards.test.harness.SharedShardsTest.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

import org.hibernate.shards.test.MySqlShards;
import org.hibernate.shards.test.ShardDatabase;
import org.hibernate.shards.test.ShardDatabases;
import org.junit.jupiter.api.Test;

/** Asks for more shards than {@link SharedShardsTest}: the shared pool grows on demand. */
@MySqlShards(6)
class MoreShardsThanBeforeTest {

	@Test
	void providesSixDatabases(ShardDatabases databases) throws SQLException {
		assertEquals( 6, databases.size() );
		Set<String> names = new HashSet<>();
		Set<String> servers = new HashSet<>();
		for ( ShardDatabase shard : databases.all() ) {
			try ( Connection connection = shard.openConnection() ) {
				names.add( currentDatabase( connection ) );
				servers.add( query( connection, "SELECT @@hostname" ) + ":" + query( connection, "SELECT @@port" ) );
			}
		}
		assertEquals( 6, names.size() );
		if ( databases.source().equals( "mariadbd" ) ) {
			assertEquals( 6, servers.size(), "local servers: one per shard" );
		}
		assertTrue( names.stream().allMatch( n -> n.startsWith( "shards_moreshardsthanbeforetest_" ) ), names.toString() );
	}
}
