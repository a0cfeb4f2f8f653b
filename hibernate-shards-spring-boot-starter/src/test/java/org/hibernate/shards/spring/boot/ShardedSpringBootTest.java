package org.hibernate.shards.spring.boot;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.hibernate.shards.test.MySqlShards;
import org.hibernate.shards.test.ShardDatabases;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Gives a {@code @SpringBootTest} two real shards: the test kit creates them before the class's context starts (a static
 * {@code @BeforeAll} runs before Spring loads the context for the first test), and their settings reach Spring as
 * {@code spring.jpa.properties.*}. Each class gets its own context, closed with the class, as its databases are.
 */
@MySqlShards(2)
@DirtiesContext
abstract class ShardedSpringBootTest {
	static ShardDatabases shards;

	@BeforeAll
	static void createShards(ShardDatabases databases) {
		shards = databases;
	}

	@DynamicPropertySource
	static void shardProperties(DynamicPropertyRegistry registry) {
		shards.hibernateProperties().forEach( (name, value) -> registry.add( ShardedJpaProperties.PREFIX + "." + name, () -> value ) );
		registry.add( ShardedJpaProperties.PREFIX + ".hibernate.hbm2ddl.auto", () -> "create" );
	}

	/** @return the rows of a table on one shard, counted with plain JDBC */
	static long countRows(int shard, String table) {
		try ( Connection connection = shards.get( shard ).openConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery( "select count(*) from " + table ) ) {
			rows.next();
			return rows.getLong( 1 );
		}
		catch (SQLException e) {
			throw new IllegalStateException( e );
		}
	}
}
