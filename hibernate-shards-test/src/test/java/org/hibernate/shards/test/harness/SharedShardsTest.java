package org.hibernate.shards.test.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hibernate.shards.test.MySqlShards;
import org.hibernate.shards.test.ShardDatabase;
import org.hibernate.shards.test.ShardDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@MySqlShards(4)
class SharedShardsTest {

	private static ShardDatabases fromBeforeAll;
	private final ShardDatabases fromConstructor;
	private ShardDatabases fromBeforeEach;

	SharedShardsTest(ShardDatabases databases) {
		this.fromConstructor = databases;
	}

	@BeforeAll
	static void rememberDatabases(ShardDatabases databases) {
		fromBeforeAll = databases;
	}

	@BeforeEach
	void rememberDatabasesAgain(ShardDatabases databases) {
		fromBeforeEach = databases;
	}

	@Test
	void sameDatabasesForTheWholeClass(ShardDatabases databases) {
		assertSame( fromBeforeAll, databases );
		assertSame( fromConstructor, databases );
		assertSame( fromBeforeEach, databases );
	}

	@Test
	void providesFourDistinctFreshDatabases(ShardDatabases databases) throws SQLException {
		assertEquals( 4, databases.size() );
		assertEquals( 4, databases.all().size() );
		Set<String> seen = new HashSet<>();
		for ( int i = 0; i < databases.size(); i++ ) {
			ShardDatabase shard = databases.get( i );
			assertEquals( i, shard.index() );
			assertSame( shard, databases.all().get( i ) );
			try ( Connection connection = shard.openConnection() ) {
				String name = currentDatabase( connection );
				assertTrue( name.startsWith( "shards_sharedshardstest_" + i + "_" ), name );
				assertTrue( seen.add( shard.jdbcUrl() + "|" + name ), "database used twice: " + name );
				assertEquals( List.of(), tables( connection ), "fresh database must be empty" );
				assertEquals( "utf8mb4", query( connection, "SELECT @@character_set_database" ) );
			}
		}
		// a table created in one shard is absent in the others
		try ( Connection connection = databases.get( 0 ).openConnection(); Statement statement = connection.createStatement() ) {
			statement.execute( "CREATE TABLE only_in_shard_0 (id INT PRIMARY KEY)" );
			statement.execute( "INSERT INTO only_in_shard_0 VALUES (1)" );
		}
		for ( int i = 1; i < databases.size(); i++ ) {
			try ( Connection connection = databases.get( i ).openConnection() ) {
				assertEquals( List.of(), tables( connection ), "shard " + i );
			}
		}
		try ( Connection connection = databases.get( 0 ).openConnection() ) {
			assertEquals( List.of( "only_in_shard_0" ), tables( connection ) );
			try ( Statement statement = connection.createStatement() ) {
				statement.execute( "DROP TABLE only_in_shard_0" );
			}
		}
	}

	@Test
	void jdbcUrlWorksWithPlainDriverManager(ShardDatabases databases) throws SQLException {
		ShardDatabase shard = databases.get( 3 );
		assertTrue( shard.jdbcUrl().startsWith( "jdbc:mysql://" ), shard.jdbcUrl() );
		assertTrue( shard.jdbcUrl().contains( "rewriteBatchedStatements=true" ), shard.jdbcUrl() );
		// Timeouts are the library's to set (hibernate.shards.connect_timeout_ms, socket_timeout_ms): a URL that set them would win.
		assertFalse( shard.jdbcUrl().contains( "socketTimeout=" ) || shard.jdbcUrl().contains( "connectTimeout=" ), shard.jdbcUrl() );
		try ( Connection connection = java.sql.DriverManager.getConnection( shard.jdbcUrl(), shard.username(), shard.password() ) ) {
			assertEquals( currentDatabase( shard.openConnection() ), currentDatabase( connection ) );
		}
	}

	@Test
	void hibernatePropertiesNameEveryShard(ShardDatabases databases) {
		Map<String, String> properties = databases.hibernateProperties();
		for ( ShardDatabase shard : databases.all() ) {
			String prefix = "hibernate.shards." + shard.index() + ".connection.";
			assertEquals( shard.jdbcUrl(), properties.get( prefix + "url" ) );
			assertEquals( shard.username(), properties.get( prefix + "username" ) );
			assertEquals( shard.password(), properties.get( prefix + "password" ) );
		}
		assertFalse( properties.containsKey( "hibernate.shards.4.connection.url" ) );
		ShardDatabase first = databases.get( 0 );
		if ( first.isMariaDb() ) {
			assertEquals( "org.hibernate.dialect.MariaDBDialect", properties.get( "hibernate.dialect" ) );
			String version = properties.get( "jakarta.persistence.database-product-version" );
			assertTrue( version.matches( "\\d+\\.\\d+\\.\\d+" ), version );
			assertTrue( first.serverVersion().startsWith( version + "-" ), first.serverVersion() );
			assertEquals( 4 * 3 + 2, properties.size() );
		}
		else {
			assertFalse( properties.containsKey( "hibernate.dialect" ) );
			assertFalse( properties.containsKey( "jakarta.persistence.database-product-version" ) );
			assertEquals( 4 * 3, properties.size() );
		}
		assertThrows( UnsupportedOperationException.class, () -> properties.put( "x", "y" ) );
	}

	@Test
	void serverVersionMatchesSelectVersion(ShardDatabases databases) throws SQLException {
		for ( ShardDatabase shard : databases.all() ) {
			try ( Connection connection = shard.openConnection() ) {
				String version = query( connection, "SELECT VERSION()" );
				assertEquals( version, shard.serverVersion() );
				assertEquals( version.toLowerCase().contains( "mariadb" ), shard.isMariaDb() );
			}
		}
	}

	@Test
	void sharedServersCannotBeStopped(ShardDatabases databases) throws SQLException {
		ShardDatabase shard = databases.get( 1 );
		assertFalse( shard.canStopAndStart() );
		assertThrows( UnsupportedOperationException.class, shard::stop );
		assertThrows( UnsupportedOperationException.class, shard::start );
		try ( Connection connection = shard.openConnection() ) {
			assertTrue( connection.isValid( 2 ) );
		}
	}

	@Test
	void extraDatabaseIsFreshAndSeparate(ShardDatabases databases) throws SQLException {
		ShardDatabase reference = databases.createExtraDatabase( "reference" );
		ShardDatabase another = databases.createExtraDatabase( "reference" );
		assertEquals( -1, reference.index() );
		assertFalse( databases.all().contains( reference ) );
		assertEquals( 4, databases.size() );
		String referenceName;
		try ( Connection connection = reference.openConnection(); Statement statement = connection.createStatement() ) {
			referenceName = currentDatabase( connection );
			assertTrue( referenceName.startsWith( "reference_" ), referenceName );
			assertEquals( List.of(), tables( connection ) );
			statement.execute( "CREATE TABLE only_in_reference (id INT PRIMARY KEY)" );
		}
		try ( Connection connection = another.openConnection() ) {
			assertNotEquals( referenceName, currentDatabase( connection ) );
			assertEquals( List.of(), tables( connection ) );
		}
		for ( ShardDatabase shard : databases.all() ) {
			try ( Connection connection = shard.openConnection() ) {
				assertNotEquals( referenceName, currentDatabase( connection ) );
				assertFalse( tables( connection ).contains( "only_in_reference" ) );
			}
		}
		assertFalse( databases.hibernateProperties().containsValue( reference.jdbcUrl() ) );
	}

	@Test
	void sourceIsNamed(ShardDatabases databases) {
		assertTrue( List.of( "env", "testcontainers", "mariadbd" ).contains( databases.source() ), databases.source() );
	}

	/** A nested class without its own annotation uses the enclosing class's databases. */
	@Nested
	class NestedTests {

		@Test
		void seesEnclosingDatabases(ShardDatabases databases) {
			assertSame( fromBeforeAll, databases );
		}
	}

	static String currentDatabase(Connection connection) throws SQLException {
		return query( connection, "SELECT DATABASE()" );
	}

	static String query(Connection connection, String sql) throws SQLException {
		try ( Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery( sql ) ) {
			assertTrue( rs.next() );
			return rs.getString( 1 );
		}
	}

	static List<String> tables(Connection connection) throws SQLException {
		List<String> tables = new ArrayList<>();
		try ( Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery( "SHOW TABLES" ) ) {
			while ( rs.next() ) {
				tables.add( rs.getString( 1 ) );
			}
		}
		return tables;
	}
}
