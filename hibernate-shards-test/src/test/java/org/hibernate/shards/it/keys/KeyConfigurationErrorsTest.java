package org.hibernate.shards.it.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.hibernate.shards.it.ShardRows;
import org.hibernate.shards.it.keys.model.AssociationKeyed;
import org.hibernate.shards.it.keys.model.FunctionOnAssociationKey;
import org.hibernate.shards.it.keys.model.LocalDateKeyed;
import org.hibernate.shards.it.keys.model.LongKeyed;
import org.hibernate.shards.it.keys.model.ModOnStringKey;
import org.hibernate.shards.it.keys.model.StringKeyed;
import org.hibernate.shards.it.keys.model.Unkeyed;
import org.hibernate.shards.test.MySqlShards;
import org.hibernate.shards.test.ShardDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Key-function and directory settings that cannot work fail {@code buildShardedSessionFactory()} with a
 * {@link ShardingConfigurationException} whose message names the entity, where the function was written (the property
 * or the annotation) and the text.
 * <p>
 * When each error is found:
 * <ul>
 * <li><b>Settings alone</b> ({@code hibernate.shards.directory.refresh_seconds}, {@code .fallback}, {@code .enabled}) are
 * checked by the directory extension's {@code validate} before any pool opens: no connection reaches a shard, and with
 * {@code hibernate.hbm2ddl.auto=create} nothing is dropped (asserted below).</li>
 * <li><b>Key functions</b> (unparseable text, unknown function, a function that cannot take the key's type, bad
 * arguments, a function on an association key) of annotated entity classes are checked with the attribute's declared
 * type before any pool opens (see BadConfigurationInputTest, which builds with {@code hbm2ddl=create}); a function on an
 * entity without key or {@code hibernate.shards.entity.<Unknown>.function} need the mappings, so they are found only once
 * every shard's Hibernate mappings are built, after the schema tool has run. These tests build with {@code hbm2ddl=none}
 * and assert that the refused build wrote nothing and left the existing rows.</li>
 * </ul>
 */
@MySqlShards(4)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyConfigurationErrorsTest {
	private static final String STRING_KEYED = "hibernate.shards.entity.StringKeyed.function";
	private static final String LONG_KEYED = "hibernate.shards.entity.LongKeyed.function";

	private ShardDatabases dbs;
	private ShardRows rows;

	@BeforeAll
	void createSchemaWithOneRowPerShard(ShardDatabases dbs) throws SQLException {
		this.dbs = dbs;
		this.rows = new ShardRows( dbs );
		configuration( Map.of( "hibernate.hbm2ddl.auto", "create" ), StringKeyed.class, LongKeyed.class ).buildShardedSessionFactory().close();
		for ( int shard = 0; shard < 4; shard++ ) {
			try ( Connection connection = dbs.get( shard ).openConnection(); Statement statement = connection.createStatement() ) {
				statement.execute( "insert into string_keyed (id, code) values (" + ( shard + 1 ) + ", 'KEEP')" );
			}
		}
	}

	private ShardedConfiguration configuration(Map<String, String> overrides, Class<?>... entities) {
		Map<String, String> properties = new LinkedHashMap<>( dbs.hibernateProperties() );
		properties.put( "hibernate.hbm2ddl.auto", "none" );
		properties.putAll( overrides );
		ShardedConfiguration configuration = new ShardedConfiguration();
		properties.forEach( configuration::setProperty );
		for ( Class<?> entity : entities ) {
			configuration.addAnnotatedClass( entity );
		}
		return configuration;
	}

	/** Builds, expects the refusal, checks every fragment of its message and that the shards' rows are intact. */
	private ShardingConfigurationException assertRefused(ShardedConfiguration configuration, String... fragments) {
		ShardingConfigurationException failure = assertThrows( ShardingConfigurationException.class, configuration::buildShardedSessionFactory );
		for ( String fragment : fragments ) {
			assertTrue( failure.getMessage().contains( fragment ), "the message names '" + fragment + "': " + failure.getMessage() );
		}
		assertEquals( List.of( 1L, 1L, 1L, 1L ), rows.countsPerShard( "string_keyed" ), "the refused build leaves every shard's rows" );
		return failure;
	}

	private ShardingConfigurationException assertFunctionPropertyRefused(String property, String text, Class<?> entity, String... more) {
		List<String> fragments = new ArrayList<>( List.of( property, text, entity.getSimpleName() ) );
		fragments.addAll( List.of( more ) );
		return assertRefused( configuration( Map.of( property, text ), entity ), fragments.toArray( String[]::new ) );
	}

	// ---- key functions: found once the mappings are built

	@Test
	void unparseableFunctionText() {
		assertFunctionPropertyRefused( STRING_KEYED, "PREFIX(3", StringKeyed.class );
	}

	@Test
	void unknownFunction() {
		assertFunctionPropertyRefused( STRING_KEYED, "FOO(1)", StringKeyed.class, "FOO" );
	}

	@Test
	void modOnAStringKeyByAnnotation() {
		assertRefused( configuration( Map.of(), ModOnStringKey.class ), "@ShardKey(function)", "ModOnStringKey", "code", "MOD(3)", "String" );
	}

	@Test
	void modOnAStringKeyByProperty() {
		assertFunctionPropertyRefused( STRING_KEYED, "MOD(3)", StringKeyed.class, "String" );
	}

	@Test
	void aDatePatternWithHoursOnALocalDate() {
		assertFunctionPropertyRefused( "hibernate.shards.entity.LocalDateKeyed.function", "DATE(yyyy-MM-dd HH)", LocalDateKeyed.class,
				"LocalDate" );
	}

	@Test
	void modByZero() {
		assertFunctionPropertyRefused( LONG_KEYED, "MOD(0)", LongKeyed.class );
	}

	@Test
	void rangeBoundariesThatDoNotIncrease() {
		assertFunctionPropertyRefused( LONG_KEYED, "RANGE(10, 5)", LongKeyed.class );
	}

	@Test
	void aFunctionForAnEntityThatDoesNotExist() {
		assertRefused( configuration( Map.of( "hibernate.shards.entity.NoSuchEntity.function", "MOD(3)" ), LongKeyed.class ),
				"hibernate.shards.entity.NoSuchEntity.function", "NoSuchEntity", "MOD(3)" );
	}

	@Test
	void aFunctionOnAnAssociationKeyByAnnotation() {
		assertRefused( configuration( Map.of(), LongKeyed.class, FunctionOnAssociationKey.class ),
				"@ShardKey(function)", "FunctionOnAssociationKey", "parent", "MOD(3)", "association" );
	}

	@Test
	void aFunctionOnAnAssociationKeyByProperty() {
		String property = "hibernate.shards.entity.AssociationKeyed.function";
		assertRefused( configuration( Map.of( property, "PREFIX(3)" ), LongKeyed.class, AssociationKeyed.class ),
				property, "PREFIX(3)", "AssociationKeyed", "parent", "association" );
	}

	@Test
	void aFunctionForAnEntityWithoutShardKey() {
		assertFunctionPropertyRefused( "hibernate.shards.entity.Unkeyed.function", "NONE()", Unkeyed.class, "@ShardKey" );
	}

	// ---- directory settings: checked before any connection

	@Test
	void aRefreshIntervalOfZeroSeconds() {
		assertSettingRefusedBeforeConnecting( Map.of( "hibernate.shards.directory.enabled", "true",
				"hibernate.shards.directory.refresh_seconds", "0" ), "hibernate.shards.directory.refresh_seconds", "0" );
	}

	@Test
	void anUnknownFallback() {
		assertSettingRefusedBeforeConnecting( Map.of( "hibernate.shards.directory.enabled", "true",
				"hibernate.shards.directory.fallback", "foo" ), "hibernate.shards.directory.fallback", "foo" );
	}

	@Test
	void anEnabledFlagThatIsNotABoolean() {
		assertSettingRefusedBeforeConnecting( Map.of( "hibernate.shards.directory.enabled", "yes" ), "hibernate.shards.directory.enabled", "yes" );
	}

	@Test
	void aMisspelledDirectorySettingIsRefusedWithTheClosestName() {
		assertSettingRefusedBeforeConnecting( Map.of( "hibernate.shards.directory.enabled", "true",
				"hibernate.shards.directory.refresh_second", "10" ), "hibernate.shards.directory.refresh_second",
				"did you mean hibernate.shards.directory.refresh_seconds?" );
	}

	@Test
	void aMisspelledEntityFunctionSettingIsRefusedWithTheSettingOfThatEntity() {
		assertSettingRefusedBeforeConnecting( Map.of( "hibernate.shards.entity.StringKeyed.functon", "PREFIX(3)" ),
				"did you mean " + STRING_KEYED + "?" );
	}

	/**
	 * The refusal opens no connection to any shard (each server's {@code Connections} counter) and, although the
	 * configuration says {@code hbm2ddl=create}, drops nothing.
	 */
	private void assertSettingRefusedBeforeConnecting(Map<String, String> settings, String... fragments) {
		Map<String, String> withCreate = new LinkedHashMap<>( settings );
		withCreate.put( "hibernate.hbm2ddl.auto", "create" );
		ShardedConfiguration configuration = configuration( withCreate, StringKeyed.class, LongKeyed.class );
		List<Long> before = connectionCounters();
		assertRefused( configuration, fragments );
		List<Long> after = connectionCounters();
		List<Long> opened = new ArrayList<>();
		for ( int shard = 0; shard < 4; shard++ ) {
			// minus the connection that read the counter, and the one that counted the rows in assertRefused
			opened.add( after.get( shard ) - before.get( shard ) - 2 );
		}
		assertEquals( List.of( 0L, 0L, 0L, 0L ), opened, "connections opened to each shard by the refused build" );
	}

	private List<Long> connectionCounters() {
		List<Long> counters = new ArrayList<>();
		for ( int shard = 0; shard < 4; shard++ ) {
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
}
