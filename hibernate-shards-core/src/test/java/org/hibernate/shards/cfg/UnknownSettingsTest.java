package org.hibernate.shards.cfg;

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

	private static String refusal(ShardedConfiguration configuration) {
		return assertThrows( ShardingConfigurationException.class, configuration::buildShardedSessionFactory ).getMessage();
	}

	@Test
	void aMisspelledSettingIsRefusedWithTheClosestNameBeforeConnecting() {
		String message = refusal( unreachableShard().setProperty( "hibernate.shards.virtual_shard", "64" ) );
		assertTrue( message.contains( "hibernate.shards.virtual_shard is not a setting" ), message );
		assertTrue( message.contains( "did you mean hibernate.shards.virtual_shards?" ), message );
	}

	@Test
	void theValueOfAnUnknownSettingIsNotRepeated() {
		String message = refusal( unreachableShard().setProperty( "hibernate.shards.acess_strategy", "s3cret-value" ) );
		assertTrue( message.contains( "did you mean hibernate.shards.access_strategy?" ), message );
		assertFalse( message.contains( "s3cret-value" ), message );
	}

	@Test
	void everyUnknownSettingIsNamed() {
		String message = refusal( unreachableShard()
				.setProperty( "hibernate.shards.cross_shard_relationship_check", "false" )
				.setProperty( "hibernate.shards.query.partial_result", "true" ) );
		assertTrue( message.contains( "did you mean hibernate.shards.cross_shard_relationship_checks?" ), message );
		assertTrue( message.contains( "did you mean hibernate.shards.query.partial_results?" ), message );
	}

	@Test
	void aMisspelledEntityFunctionSettingSuggestsTheFunctionSettingOfThatEntity() {
		String message = refusal( unreachableShard().setProperty( "hibernate.shards.entity.Account.fucntion", "MOD(3)" ) );
		assertTrue( message.contains( "did you mean " + ShardedSettings.entityFunction( "Account" ) + "?" ), message );
	}

	@Test
	void aDirectorySettingWithoutHibernateShardsStrategySaysWhichJarIsMissing() {
		String message = refusal( unreachableShard().setProperty( "hibernate.shards.directory.enabled", "true" ) );
		assertTrue( message.contains( "hibernate.shards.directory.enabled" ), message );
		assertTrue( message.contains( "hibernate-shards-strategy" ), message );
	}

	@Test
	void aSettingAnExtensionDeclaresIsAcceptedAndItsMisspellingSuggested() {
		String message = refusal( unreachableShard().setProperty( "hibernate.shards.declared_extension.flg", "true" ) );
		assertTrue( message.contains( "did you mean " + DeclaredSettingExtension.FLAG + "?" ), message );

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
