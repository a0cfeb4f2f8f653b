package org.hibernate.shards.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.ShardingConfigurationException;
import org.hibernate.shards.it.model.Customer;
import org.hibernate.shards.test.MySqlShards;
import org.hibernate.shards.test.ShardDatabases;
import org.junit.jupiter.api.Test;

/**
 * Each shard records at first start what it was set up as (its number, the number of virtual shards, the map). A
 * restart with another map, another number of virtual shards, or swapped or duplicated shard URLs would silently send
 * existing rows' keys elsewhere: it is refused before any schema tool touches a shard, naming both layouts. A start
 * that drops and creates the schema ({@code hbm2ddl.auto=create}) keeps no row, and records its layout anew.
 */
@MySqlShards(2)
class ShardLayoutTest {

	@Test
	void aRestartWithAnotherLayoutIsRefusedBeforeAnythingIsWrittenAndTheSameLayoutStarts(ShardDatabases dbs) {
		Map<String, String> recorded = Map.of( "hibernate.shards.virtual_shards", "16" );
		Customer customer = new Customer( "layout@example.com", "placed under the first layout" );
		try ( ShardedSessionFactory factory = ShardedFactories.build( dbs, recorded ) ) {
			try ( ShardedSession session = factory.openSession() ) {
				session.inTransaction( tx -> session.persist( customer ) );
			}
			org.hibernate.shards.admin.ShardAdminException noDirectory = assertThrows( org.hibernate.shards.admin.ShardAdminException.class,
					() -> org.hibernate.shards.admin.ShardAdmin.of( factory ) );
			assertTrue( noDirectory.getMessage().contains( "hibernate.shards.directory.enabled=true" ), noDirectory.getMessage() );
		}
		ShardRows rows = new ShardRows( dbs );
		assertEquals( 1, rows.total( "customer" ) );

		assertRefused( dbs, Map.of( "hibernate.shards.virtual_shards", "32" ), "hibernate.shards.virtual_shards is 32", "16 virtual shards" );
		assertRefused( dbs, Map.of( "hibernate.shards.virtual_shards", "16", "hibernate.shards.virtual_shard_map", "0-3:0,4-15:1" ),
				"0-3:0,4-15:1", "0-7:0,8-15:1" );
		Map<String, String> swapped = new HashMap<>( recorded );
		swapped.put( "hibernate.shards.0.connection.url", dbs.get( 1 ).jdbcUrl() );
		swapped.put( "hibernate.shards.1.connection.url", dbs.get( 0 ).jdbcUrl() );
		assertRefused( dbs, swapped, "hibernate.shards.0.connection.url", "set up as shard 1" );
		Map<String, String> twice = new HashMap<>( recorded );
		twice.put( "hibernate.shards.1.connection.url", dbs.get( 0 ).jdbcUrl() );
		assertRefused( dbs, twice, "hibernate.shards.0.connection.url", "hibernate.shards.1.connection.url", "the same database" );
		// Written another way, the same database is not recognised from the URLs: what it was set up as says it.
		Map<String, String> disguised = new HashMap<>( recorded );
		disguised.put( "hibernate.shards.1.connection.url", dbs.get( 0 ).jdbcUrl().replace( "127.0.0.1", "localhost" ) );
		assertRefused( dbs, disguised, "hibernate.shards.1.connection.url", "set up as shard 0" );
		assertEquals( 1, rows.total( "customer" ), "no refused start dropped or wrote anything" );

		Map<String, String> again = new HashMap<>( recorded );
		again.put( "hibernate.hbm2ddl.auto", "none" );
		try ( ShardedSessionFactory factory = ShardedFactories.build( dbs, again ); ShardedSession session = factory.openSession() ) {
			assertEquals( "placed under the first layout", session.find( Customer.class, customer.getId() ).getName() );
		}

		Map<String, String> afresh = Map.of( "hibernate.shards.virtual_shards", "32", "hibernate.hbm2ddl.auto", "create" );
		ShardedFactories.build( dbs, afresh ).close();
		assertEquals( 0, rows.total( "customer" ), "the schema was created anew, without rows" );
		ShardedFactories.build( dbs, Map.of( "hibernate.shards.virtual_shards", "32", "hibernate.hbm2ddl.auto", "none" ) ).close();
		assertRefused( dbs, recorded, "hibernate.shards.virtual_shards is 16", "32 virtual shards" );
	}

	private static void assertRefused(ShardDatabases dbs, Map<String, String> overrides, String... fragments) {
		Map<String, String> settings = new HashMap<>( overrides );
		settings.put( "hibernate.hbm2ddl.auto", "update" ); // would alter the tables if the check came after the schema tool
		ShardingConfigurationException refused = assertThrows( ShardingConfigurationException.class,
				() -> ShardedFactories.build( dbs, settings ).close() );
		for ( String fragment : fragments ) {
			assertTrue( refused.getMessage().contains( fragment ), "the message names '" + fragment + "': " + refused.getMessage() );
		}
	}
}
