package org.hibernate.shards.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hibernate.shards.ShardingConfigurationException;
import org.hibernate.shards.cfg.ShardedConfiguration;
import org.hibernate.shards.it.inputs.model.IntegerShardedId;
import org.hibernate.shards.it.inputs.model.KeyOnShardedId;
import org.hibernate.shards.it.inputs.model.KeyOnTransient;
import org.hibernate.shards.it.inputs.model.StringShardedId;
import org.hibernate.shards.test.MySqlShards;
import org.hibernate.shards.test.ShardDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A configuration that cannot work fails while the factory is built, with a {@link ShardingConfigurationException}
 * naming the property and its value, and (as documented: "Every setting is checked [...] before any connection is
 * opened") without connecting to any shard. The shards are real, so that the URLs are real; whether a build connected
 * is told by each server's {@code Connections} status counter.
 */
@MySqlShards(4)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfigurationErrorsTest {
	private ShardDatabases dbs;

	@BeforeAll
	void shards(ShardDatabases dbs) {
		this.dbs = dbs;
	}

	/** A valid configuration of the 4 shards, changed by the overrides; a {@code null} value removes the property. */
	private ShardedConfiguration configuration(Map<String, String> overrides, Class<?>... moreEntities) {
		return ShardedFactories.withOverrides( dbs, overrides, moreEntities );
	}

	/** Builds, expects the failure, checks that its message has every fragment and that no shard was connected to. */
	private ShardingConfigurationException assertRefused(Map<String, String> overrides, String... fragments) {
		return assertRefused( configuration( overrides ), fragments );
	}

	/** As {@link #assertRefused(Map, String...)}, for a configuration made here (with more entities, say). */
	private ShardingConfigurationException assertRefused(ShardedConfiguration configuration, String... fragments) {
		List<Long> before = connectionCounters();
		ShardingConfigurationException failure = assertThrows( ShardingConfigurationException.class,
				configuration::buildShardedSessionFactory );
		for ( String fragment : fragments ) {
			assertTrue( failure.getMessage().contains( fragment ), "the message names '" + fragment + "': " + failure.getMessage() );
		}
		List<Long> after = connectionCounters();
		List<Long> opened = new ArrayList<>();
		for ( int shard = 0; shard < before.size(); shard++ ) {
			opened.add( after.get( shard ) - before.get( shard ) - 1 ); // minus the connection that reads the counter
		}
		assertEquals( List.of( 0L, 0L, 0L, 0L ), opened, "connections opened to each shard by the refused build" );
		return failure;
	}

	/** Each shard server's count of connection attempts so far. */
	private List<Long> connectionCounters() {
		List<Long> counters = new ArrayList<>();
		for ( int shard = 0; shard < dbs.size(); shard++ ) {
			try ( Connection connection = dbs.get( shard ).openConnection(); Statement statement = connection.createStatement();
					ResultSet result = statement.executeQuery( "show global status like 'Connections'" ) ) {
				result.next();
				counters.add( result.getLong( 2 ) );
			}
			catch (SQLException e) {
				throw new IllegalStateException( e );
			}
		}
		return counters;
	}

	@Test
	void aShardWithoutUrlIsNamed() {
		assertRefused( Map.of( "hibernate.shards.1.connection.url", "" ), "hibernate.shards.1.connection.url" );
		Map<String, String> withoutShardOne = new LinkedHashMap<>();
		withoutShardOne.put( "hibernate.shards.1.connection.url", null );
		withoutShardOne.put( "hibernate.shards.1.connection.username", null );
		withoutShardOne.put( "hibernate.shards.1.connection.password", null );
		assertRefused( withoutShardOne, "hibernate.shards.1.connection.url" );
	}

	@Test
	void aTimeoutSetBothInTheUrlAndInTheSettingsOrNotANumberIsNamed() {
		String url = dbs.get( 1 ).jdbcUrl() + ( dbs.get( 1 ).jdbcUrl().contains( "?" ) ? "&" : "?" ) + "socketTimeout=5000";
		assertRefused( Map.of( "hibernate.shards.1.connection.url", url, "hibernate.shards.socket_timeout_ms", "2000" ),
				"shard 1", "socketTimeout", "hibernate.shards.socket_timeout_ms" );
		assertRefused( Map.of( "hibernate.shards.1.socket_timeout_ms", "soon" ), "hibernate.shards.1.socket_timeout_ms", "soon" );
		assertRefused( Map.of( "hibernate.shards.connect_timeout_ms", "0" ), "hibernate.shards.connect_timeout_ms" );
	}

	@Test
	void fewerVirtualShardsThanPhysicalShards() {
		assertRefused( Map.of( "hibernate.shards.virtual_shards", "3" ), "hibernate.shards.virtual_shards", "3", "4 physical shards" );
	}

	@Test
	void aVirtualShardMapThatLeavesAVirtualShardUnassigned() {
		String map = "0-3:0,4-5:1,6:2";
		ShardingConfigurationException failure = assertRefused(
				Map.of( "hibernate.shards.virtual_shards", "8", "hibernate.shards.virtual_shard_map", map ),
				"hibernate.shards.virtual_shard_map", map );
		assertTrue( failure.getMessage().contains( "7" ), "the unassigned virtual shard is named: " + failure.getMessage() );
	}

	@Test
	void aVirtualShardMapNamingAPhysicalShardThatDoesNotExist() {
		String map = "0-3:0,4-5:1,6:2,7:9";
		assertRefused( Map.of( "hibernate.shards.virtual_shards", "8", "hibernate.shards.virtual_shard_map", map ),
				"hibernate.shards.virtual_shard_map", map, "9" );
	}

	@Test
	void anUnknownStrategyFactoryClass() {
		assertRefused( Map.of( "hibernate.shards.strategy_factory", "com.example.NoSuchStrategyFactory" ),
				"hibernate.shards.strategy_factory", "com.example.NoSuchStrategyFactory" );
	}

	@Test
	void aStrategyFactoryClassThatIsNotAStrategyFactory() {
		assertRefused( Map.of( "hibernate.shards.strategy_factory", "java.lang.String" ),
				"hibernate.shards.strategy_factory", "java.lang.String" );
	}

	@Test
	void anUnknownAccessStrategy() {
		assertRefused( Map.of( "hibernate.shards.access_strategy", "round_robin" ), "hibernate.shards.access_strategy", "round_robin" );
	}

	@Test
	void aRefusedConfigurationLeavesTheShardsSchemaAndDataAlone() {
		ShardedFactories.build( dbs ).close(); // hbm2ddl create: the tables exist
		for ( int shard = 0; shard < 4; shard++ ) {
			try ( Connection connection = dbs.get( shard ).openConnection(); Statement statement = connection.createStatement() ) {
				statement.execute( "insert into product (id, sku, name, price) values (" + ( shard + 1 ) + ", 'KEEP', 'Kept', 1)" );
			}
			catch (SQLException e) {
				throw new IllegalStateException( e );
			}
		}
		// The same configuration with hbm2ddl=create and one typo: refused, so nothing may have been dropped.
		for ( Map<String, String> typo : List.of(
				Map.of( "hibernate.hbm2ddl.auto", "create", "hibernate.shards.virtual_shards", "3" ),
				Map.of( "hibernate.hbm2ddl.auto", "create", "hibernate.shards.access_strategy", "round_robin" ) ) ) {
			assertThrows( ShardingConfigurationException.class, () -> configuration( typo ).buildShardedSessionFactory(), typo.toString() );
			ShardRows rows = new ShardRows( dbs );
			assertEquals( List.of( 1L, 1L, 1L, 1L ), rows.countsPerShard( "product" ),
					"the rows of every shard survive the refused configuration " + typo );
		}
	}

	@Test
	void aCrossShardCheckSettingThatIsNotABoolean() {
		assertRefused( Map.of( "hibernate.shards.cross_shard_relationship_checks", "yes" ),
				"hibernate.shards.cross_shard_relationship_checks", "yes" );
	}

	@Test
	void aMisspelledSettingIsRefusedWithTheClosestName() {
		assertRefused( Map.of( "hibernate.shards.virtual_shard", "64" ),
				"hibernate.shards.virtual_shard is not a setting", "did you mean hibernate.shards.virtual_shards?" );
	}

	@Test
	void aMisspelledSettingIsRefusedBeforeAnUnreachableShardIsTried() {
		// Without the check, hbm2ddl=create would try the closed port 1 and fail with a connection error.
		assertRefused( Map.of( "hibernate.shards.3.connection.url", "jdbc:mysql://127.0.0.1:1/x", "hibernate.hbm2ddl.auto", "create",
				"hibernate.shards.parallel.timeout", "5000" ), "did you mean hibernate.shards.parallel.timeout_ms?" );
	}

	@Test
	void noShardsAtAll() {
		Map<String, String> none = new LinkedHashMap<>();
		for ( int shard = 0; shard < 4; shard++ ) {
			for ( String part : List.of( "url", "username", "password" ) ) {
				none.put( "hibernate.shards." + shard + ".connection." + part, null );
			}
		}
		assertRefused( none, "hibernate.shards.0.connection.url" );
	}

	@Test
	void aShardUrlWhosePortIsNotANumberIsNamedWithoutWaitingForIt() {
		long start = System.nanoTime();
		assertRefused( Map.of( "hibernate.shards.2.connection.url", "jdbc:mysql://127.0.0.1:abc/db" ),
				"hibernate.shards.2.connection.url", "'abc'" );
		assertRefused( Map.of( "hibernate.shards.2.connection.url", "jdbc:mariadb://127.0.0.1:99999/db" ),
				"hibernate.shards.2.connection.url", "99999" );
		assertTrue( System.nanoTime() - start < 10_000_000_000L, "refused at once, not after a connection timeout" );
		ShardingConfigurationException withPassword = assertRefused(
				Map.of( "hibernate.shards.2.connection.url", "jdbc:mysql://app:s3cret@127.0.0.1:abc/db?password=other" ),
				"hibernate.shards.2.connection.url" );
		assertFalse( withPassword.getMessage().contains( "s3cret" ) || withPassword.getMessage().contains( "other" ),
				"no password in the message: " + withPassword.getMessage() );
	}

	@Test
	void twoShardsOnTheSameDatabaseAreNamed() {
		String shardOne = dbs.hibernateProperties().get( "hibernate.shards.1.connection.url" );
		assertRefused( Map.of( "hibernate.shards.3.connection.url", shardOne ),
				"hibernate.shards.1.connection.url", "hibernate.shards.3.connection.url", "same database" );
	}

	@Test
	void aShardNumberWrittenTwoWaysIsNamed() {
		String shardOne = dbs.hibernateProperties().get( "hibernate.shards.1.connection.url" );
		assertRefused( Map.of( "hibernate.shards.01.connection.url", shardOne ),
				"hibernate.shards.01.connection.url", "hibernate.shards.1.connection.url" );
	}

	@Test
	void aPoolSizeThatIsNotANumberIsNamed() {
		assertRefused( Map.of( "hibernate.connection.pool_size", "ten" ), "hibernate.connection.pool_size", "ten" );
		assertRefused( Map.of( "hibernate.shards.2.connection.pool_size", "ten" ), "hibernate.shards.2.connection.pool_size", "ten" );
		assertRefused( Map.of( "hibernate.connection.pool_size", "0" ), "hibernate.connection.pool_size" );
	}

	@Test
	void querySettingsThatAreNotValuesAreNamed() {
		assertRefused( Map.of( "hibernate.shards.query.partial_results", "maybe" ), "hibernate.shards.query.partial_results", "maybe" );
		assertRefused( Map.of( "hibernate.shards.query.deep_paging_warning_rows", "many" ),
				"hibernate.shards.query.deep_paging_warning_rows", "many" );
	}

	@Test
	void parallelSettingsAreCheckedWhateverTheAccessStrategy() {
		assertRefused( Map.of( "hibernate.shards.access_strategy", "sequential", "hibernate.shards.parallel.timeout_ms", "soon" ),
				"hibernate.shards.parallel.timeout_ms", "soon" );
		assertRefused( Map.of( "hibernate.shards.parallel.threads", "0" ), "hibernate.shards.parallel.threads", "0" );
		assertRefused( Map.of( "hibernate.shards.access_strategy", "parallel", "hibernate.shards.parallel.timeout_ms", "soon" ),
				"hibernate.shards.parallel.timeout_ms", "soon" );
	}

	@Test
	void aShardedIdThatIsNotALongNamesTheEntityAndAttribute() {
		Map<String, String> create = Map.of( "hibernate.hbm2ddl.auto", "create" );
		assertRefused( configuration( create, StringShardedId.class ), "StringShardedId.code", "java.lang.String", "Long or long" );
		assertRefused( configuration( create, IntegerShardedId.class ), "IntegerShardedId.number", "java.lang.Integer", "Long or long" );
	}

	@Test
	void aShardKeyOnTheShardedIdOrOnATransientFieldNamesTheEntityAndAttribute() {
		Map<String, String> create = Map.of( "hibernate.hbm2ddl.auto", "create" );
		assertRefused( configuration( create, KeyOnShardedId.class ), "@ShardKey on KeyOnShardedId.id", "@ShardedId" );
		assertRefused( configuration( create, KeyOnTransient.class ), "@ShardKey on KeyOnTransient.region", "transient" );
	}
}
