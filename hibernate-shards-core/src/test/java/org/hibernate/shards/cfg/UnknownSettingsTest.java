package org.hibernate.shards.cfg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.ShardingConfigurationException;
import org.hibernate.shards.model.Account;
import org.hibernate.shards.model.Purchase;
import org.junit.jupiter.api.Test;

/**
 * A {@code hibernate.shards.*} name that is not a setting fails {@code buildShardedSessionFactory()} with the closest
 * valid name, before any connection: the shard here is unreachable ({@code 127.0.0.1:1}) and {@code hbm2ddl=create}
 * would connect to it, so only a check made first can give the settings error. hibernate-shards-strategy is not on this
 * module's class path; {@link DeclaredSettingExtension} is installed.
 */
class UnknownSettingsTest {

	private static ShardedConfiguration unreachableShard() {
		return new ShardedConfiguration()
				.setProperty( "hibernate.hbm2ddl.auto", "create" )
				.setProperty( ShardedSettings.forShard( 0, "hibernate.connection.url" ), "jdbc:mysql://127.0.0.1:1/x" )
				.addAnnotatedClass( Account.class ).addAnnotatedClass( Purchase.class );
	}

	/** Builds, expects the refusal and checks that its message has every fragment. */
	private static String assertRefused(ShardedConfiguration configuration, String... fragments) {
		String message = assertThrows( ShardingConfigurationException.class, configuration::buildShardedSessionFactory ).getMessage();
		for ( String fragment : fragments ) {
			assertTrue( message.contains( fragment ), "the message names '" + fragment + "': " + message );
		}
		return message;
	}

	@Test
	void aPerShardSettingIsNamedAfterTheHibernateSetting() {
		assertEquals( "hibernate.shards.2.connection.url", ShardedSettings.forShard( 2, "hibernate.connection.url" ) );
		assertThrows( IllegalArgumentException.class, () -> ShardedSettings.forShard( 2, "jakarta.persistence.jdbc.url" ) );
	}

	@Test
	void aMisspelledSettingIsRefusedWithTheClosestNameBeforeConnecting() {
		assertRefused( unreachableShard().setProperty( "hibernate.shards.virtual_shard", "64" ),
				"hibernate.shards.virtual_shard is not a setting", "did you mean hibernate.shards.virtual_shards?" );
	}

	@Test
	void theValueOfAnUnknownSettingIsNotRepeated() {
		String message = assertRefused( unreachableShard().setProperty( "hibernate.shards.acess_strategy", "s3cret-value" ),
				"did you mean hibernate.shards.access_strategy?" );
		assertFalse( message.contains( "s3cret-value" ), message );
	}

	@Test
	void everyUnknownSettingIsNamed() {
		assertRefused( unreachableShard()
						.setProperty( "hibernate.shards.cross_shard_relationship_check", "false" )
						.setProperty( "hibernate.shards.query.partial_result", "true" ),
				"did you mean hibernate.shards.cross_shard_relationship_checks?", "did you mean hibernate.shards.query.partial_results?" );
	}

	@Test
	void aMisspelledEntityFunctionSettingSuggestsTheFunctionSettingOfThatEntity() {
		assertRefused( unreachableShard().setProperty( "hibernate.shards.entity.Account.fucntion", "MOD(3)" ),
				"did you mean " + ShardedSettings.entityFunction( "Account" ) + "?" );
	}

	@Test
	void aDirectorySettingWithoutHibernateShardsStrategySaysWhichJarIsMissing() {
		assertRefused( unreachableShard().setProperty( "hibernate.shards.directory.enabled", "true" ),
				"hibernate.shards.directory.enabled", "hibernate-shards-strategy" );
	}

	@Test
	void aSettingAnExtensionDeclaresIsAcceptedAndItsMisspellingSuggested() {
		assertRefused( unreachableShard().setProperty( "hibernate.shards.declared_extension.flg", "true" ),
				"did you mean " + DeclaredSettingExtension.FLAG + "?" );

		ShardedConfiguration configuration = new ShardedConfiguration()
				.setProperty( "hibernate.hbm2ddl.auto", "create-drop" )
				.setProperty( DeclaredSettingExtension.FLAG, "true" )
				.addAnnotatedClass( Account.class ).addAnnotatedClass( Purchase.class );
		for ( int i = 0; i < 2; i++ ) {
			configuration.setProperty( ShardedSettings.forShard( i, "hibernate.connection.url" ), "jdbc:h2:mem:declared" + i + ";DB_CLOSE_DELAY=-1" );
		}
		try ( ShardedSessionFactory factory = configuration.buildShardedSessionFactory() ) {
			assertTrue( factory.isOpen() );
		}
	}
}
