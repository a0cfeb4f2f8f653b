package org.hibernate.shards.test.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.sql.Connection;
import java.sql.SQLException;

import org.hibernate.shards.test.MySqlShards;
import org.hibernate.shards.test.ShardDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** With one instance per class the constructor is resolved before any before-all callback runs. */
@MySqlShards(2)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PerClassLifecycleTest {

	private final ShardDatabases fromConstructor;
	private ShardDatabases fromBeforeAll;

	PerClassLifecycleTest(ShardDatabases databases) {
		this.fromConstructor = databases;
	}

	@BeforeAll
	void remember(ShardDatabases databases) {
		fromBeforeAll = databases;
	}

	@Test
	void oneSetOfDatabases(ShardDatabases databases) throws SQLException {
		assertSame( fromConstructor, databases );
		assertSame( fromBeforeAll, databases );
		assertEquals( 2, databases.size() );
		try ( Connection connection = databases.get( 1 ).openConnection() ) {
			assertEquals( "1", SharedShardsTest.query( connection, "SELECT 1" ) );
		}
	}
}
