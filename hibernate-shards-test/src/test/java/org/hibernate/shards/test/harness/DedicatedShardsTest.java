package org.hibernate.shards.test.harness;

import static org.hibernate.shards.test.harness.SharedShardsTest.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.hibernate.shards.test.MySqlShards;
import org.hibernate.shards.test.ShardDatabase;
import org.hibernate.shards.test.ShardDatabases;
import org.junit.jupiter.api.Test;

@MySqlShards(value = 2, dedicated = true)
class DedicatedShardsTest {

	@Test
	void eachShardHasItsOwnServer(ShardDatabases databases) throws SQLException {
		assertEquals( 2, databases.size() );
		if ( databases.source().equals( "env" ) ) {
			return; // the environment may name a single server, shared round-robin
		}
		try ( Connection first = databases.get( 0 ).openConnection(); Connection second = databases.get( 1 ).openConnection() ) {
			assertNotEquals( query( first, "SELECT @@port" ), query( second, "SELECT @@port" ) );
		}
	}

	@Test
	void dedicatedShardCanBeStoppedAndStartedAgain(ShardDatabases databases) throws SQLException {
		ShardDatabase shard = databases.get( 0 );
		if ( !databases.source().equals( "mariadbd" ) ) {
			// servers the extension did not start itself cannot be stopped: documented, and checked here
			assertFalse( shard.canStopAndStart() );
			assertThrows( UnsupportedOperationException.class, shard::stop );
			return;
		}
		assertTrue( shard.canStopAndStart() );
		try ( Connection connection = shard.openConnection(); Statement statement = connection.createStatement() ) {
			statement.execute( "CREATE TABLE survivor (id INT PRIMARY KEY, name VARCHAR(20))" );
			statement.execute( "INSERT INTO survivor VALUES (1, 'before stop')" );
		}
		Connection open = shard.openConnection();

		shard.stop();
		shard.stop(); // idempotent

		long start = System.nanoTime();
		assertThrows( SQLException.class, shard::openConnection );
		long failMillis = ( System.nanoTime() - start ) / 1_000_000;
		assertTrue( failMillis < 3_500, "connecting to a stopped shard took " + failMillis + " ms" );
		assertThrows( SQLException.class, () -> query( open, "SELECT 1" ) );
		open.close();
		// the other shard is unaffected
		try ( Connection other = databases.get( 1 ).openConnection() ) {
			assertEquals( "1", query( other, "SELECT 1" ) );
		}

		shard.start();
		shard.start(); // idempotent

		try ( Connection connection = shard.openConnection() ) {
			assertEquals( "before stop", query( connection, "SELECT name FROM survivor WHERE id = 1" ) );
		}
	}
}
