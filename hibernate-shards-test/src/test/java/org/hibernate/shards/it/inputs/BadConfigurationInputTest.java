package org.hibernate.shards.it.inputs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.hibernate.shards.ShardingConfigurationException;
import org.hibernate.shards.cfg.ShardedConfiguration;
import org.hibernate.shards.it.ShardRows;
import org.hibernate.shards.it.ShardedFactories;
import org.hibernate.shards.it.inputs.model.CollectionKeyed;
import org.hibernate.shards.it.inputs.model.RangeKeyOutOfOrder;
import org.hibernate.shards.it.inputs.model.UrlKeyed;
import org.hibernate.shards.test.MySqlShards;
import org.hibernate.shards.test.ShardDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input suite, part one: settings and mappings that cannot work. Each case fails the build with a
 * {@link ShardingConfigurationException} whose message names the culprit (the setting and its value, or the entity and
 * attribute), never shows the password the shards are configured with ({@link SecretCredentials}), and leaves every
 * shard's rows as they were. The other suites of wrong input: ConfigurationErrorsTest, KeyConfigurationErrorsTest,
 * {@link BadRuntimeInputTest}.
 */
@MySqlShards(4)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadConfigurationInputTest {
	private static final String SECRET = SecretCredentials.PASSWORD;

	private ShardDatabases dbs;
	private SecretCredentials credentials;
	private ShardRows rows;

	@BeforeAll
	void schema(ShardDatabases dbs) {
		this.dbs = dbs;
		this.rows = new ShardRows( dbs );
		this.credentials = SecretCredentials.create( dbs, "bad_cfg_inputs" );
		configuration( Map.of( "hibernate.hbm2ddl.auto", "create" ) ).buildShardedSessionFactory().close();
	}

	/** A row on every shard, so that a refused build that dropped or emptied a table would show. */
	@BeforeEach
	void aRowOnEveryShard() throws SQLException {
		for ( int shard = 0; shard < dbs.size(); shard++ ) {
			try ( Connection connection = dbs.get( shard ).openConnection(); Statement statement = connection.createStatement() ) {
				statement.execute( "replace into product (id, sku, name, price) values (" + ( shard + 1 ) + ", 'KEEP', 'Kept', 1)" );
			}
		}
	}

	@AfterAll
	void dropAccount() {
		credentials.drop();
	}

	/** The shared model on the 4 shards, as the secret account, without schema tool; then the overrides (a null removes). */
	private ShardedConfiguration configuration(Map<String, String> overrides, Class<?>... moreEntities) {
		Map<String, String> settings = new LinkedHashMap<>( credentials.properties() );
		settings.putAll( overrides );
		return ShardedFactories.withOverrides( dbs, settings, moreEntities );
	}

	private static Arguments refused(String name, Map<String, String> settings, String... culprits) {
		return Arguments.of( Named.of( name, settings ), new Class<?>[0], List.of( culprits ) );
	}

	/** A mapping refused with {@code hibernate.hbm2ddl.auto=create}: before the schema tool could drop a table. */
	private static Arguments refusedMapping(String name, Class<?> entity, String... culprits) {
		return Arguments.of( Named.of( name, Map.of( "hibernate.hbm2ddl.auto", "create" ) ), new Class<?>[] { entity }, List.of( culprits ) );
	}

	static Stream<Arguments> cases() {
		String property = "hibernate.shards.entity.Customer.function";
		return Stream.of(
				refused( "virtual shards that are not a number", Map.of( "hibernate.shards.virtual_shards", "lots" ),
						"hibernate.shards.virtual_shards", "lots" ),
				refused( "more virtual shards than ids can carry", Map.of( "hibernate.shards.virtual_shards", "4096" ),
						"hibernate.shards.virtual_shards", "4096" ),
				refused( "a virtual shard map without physical shards", Map.of( "hibernate.shards.virtual_shards", "8",
						"hibernate.shards.virtual_shard_map", "0-7" ), "hibernate.shards.virtual_shard_map", "0-7" ),
				refused( "a fail-fast time that is not a number", Map.of( "hibernate.shards.fail_fast_ms", "soon" ),
						"hibernate.shards.fail_fast_ms", "soon" ),
				refused( "a negative id node", Map.of( "hibernate.shards.id.node", "-1" ), "hibernate.shards.id.node", "-1" ),
				refused( "an id lease that is not a number", Map.of( "hibernate.shards.id.lease_seconds", "forever" ),
						"hibernate.shards.id.lease_seconds", "forever" ),
				refused( "a capacity that is not a number", Map.of( "hibernate.shards.2.capacity_mb", "huge" ),
						"hibernate.shards.2.capacity_mb", "huge" ),
				refused( "a standby flag that is not a boolean", Map.of( "hibernate.shards.3.standby", "perhaps" ),
						"hibernate.shards.3.standby", "perhaps" ),
				refused( "a password for a shard without URL", Map.of( "hibernate.shards.4.connection.password", SECRET ),
						"hibernate.shards.4.connection.url" ),
				refused( "a URL with the password in it and a port that is not a number",
						Map.of( "hibernate.shards.1.connection.url", "jdbc:mysql://bad_cfg_inputs:" + SECRET + "@127.0.0.1:port/db?password=" + SECRET ),
						"hibernate.shards.1.connection.url", "'port'" ),
				refused( "parallel threads that are not a number", Map.of( "hibernate.shards.access_strategy", "parallel",
						"hibernate.shards.parallel.threads", "many" ), "hibernate.shards.parallel.threads", "many" ),
				refused( "a directory refresh below one second, with the directory's own password",
						Map.of( "hibernate.shards.directory.enabled", "true", "hibernate.shards.directory.password", SECRET,
								"hibernate.shards.directory.refresh_seconds", "0" ), "hibernate.shards.directory.refresh_seconds" ),
				refused( "RANGE boundaries equal once case is ignored", Map.of( property, "RANGE('zed', 'Zed')" ),
						property, "RANGE('zed', 'Zed')", "as routing compares strings" ),
				refused( "RANGE boundaries equal once accents are ignored", Map.of( property, "RANGE('É', 'e')" ),
						property, "RANGE('É', 'e')", "'É' ('e') is not below 'e' ('e')" ),
				refused( "a RANGE boundary of spaces only", Map.of( property, "RANGE('a', '   ')" ), property, "RANGE('a', '   ')",
						"one or more boundaries" ),
				refused( "a key function with an unclosed quote", Map.of( property, "RANGE('a, 'b')" ), property, "quote is not closed" ),
				refused( "PREFIX of no characters", Map.of( property, "PREFIX(0)" ), property, "PREFIX(0)" ),
				refused( "a key function set by property, refused before the schema tool recreates a table",
						Map.of( property, "MOD(3)", "hibernate.hbm2ddl.auto", "create" ), property, "MOD(3)", "String" ),
				refusedMapping( "RANGE boundaries out of order once folded, by annotation", RangeKeyOutOfOrder.class,
						"RangeKeyOutOfOrder.code", "RANGE('b', 'A')", "'b' ('b') is not below 'A' ('a')" ),
				refusedMapping( "a shard key of a type the hash cannot place", UrlKeyed.class, "UrlKeyed.website", "java.net.URL" ),
				refusedMapping( "a shard key on a collection", CollectionKeyed.class, "CollectionKeyed.tags" )
		);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void aSettingOrMappingThatCannotWorkIsRefusedNamingItWithoutThePasswordAndNothingIsWritten(Map<String, String> settings,
			Class<?>[] entities, List<String> culprits) {
		Map<String, List<Long>> before = counts();
		ShardingConfigurationException failure = assertThrows( ShardingConfigurationException.class,
				() -> configuration( settings, entities ).buildShardedSessionFactory() );
		for ( String culprit : culprits ) {
			assertTrue( failure.getMessage().contains( culprit ), "the message names " + culprit + ": " + failure.getMessage() );
		}
		SecretCredentials.assertNotShown( failure );
		assertEquals( before, counts(), "every shard's rows are as they were" );
	}

	private Map<String, List<Long>> counts() {
		Map<String, List<Long>> counts = new LinkedHashMap<>();
		for ( String table : ShardedFactories.MODEL_TABLES ) {
			counts.put( table, rows.countsPerShard( table ) );
		}
		return counts;
	}
}
