package org.hibernate.shards.it.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.ShardingConfigurationException;
import org.hibernate.shards.it.ShardRows;
import org.hibernate.shards.it.ShardedFactories;
import org.hibernate.shards.it.keys.model.DirMember;
import org.hibernate.shards.strategy.directory.ShardDirectory;
import org.hibernate.shards.test.MySqlShards;
import org.hibernate.shards.test.ShardDatabase;
import org.hibernate.shards.test.ShardDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * How factories start with a partition directory on 4 real shards (16 virtual shards): the directory's tables are
 * created on first use and initialised from the configured map; later factories route by the directory, not by their
 * own map; a control database of its own ({@code hibernate.shards.directory.url}); {@code fallback=hash}; and factories
 * that disagree with the directory refuse to start. Only the first test uses the default control database (shard 0);
 * the others each get a fresh control database, so that the tests do not depend on each other's order.
 */
@MySqlShards(4)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DirectoryBootTest {
	private static final int VIRTUAL = 16;
	/** Not the default map (0-3:0, 4-7:1, 8-11:2, 12-15:3). */
	private static final String CONFIGURED_MAP = "0-9:0,10-11:1,12-13:2,14-15:3";
	private static final List<Integer> CONFIGURED_PLACEMENT = List.of( 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 2, 2, 3, 3 );

	private ShardDatabases dbs;
	private ShardRows rows;

	@BeforeAll
	void shards(ShardDatabases dbs) {
		this.dbs = dbs;
		this.rows = new ShardRows( dbs );
		ShardedFactories.build( dbs, Map.of(), DirMember.class ).close(); // the entity table, on every shard
	}

	@BeforeEach
	void emptyEntityTable() {
		for ( int shard = 0; shard < 4; shard++ ) {
			rows.update( shard, "delete from dir_member" );
		}
	}

	/** A factory with the directory on; {@code control} null for the default control database, shard 0. */
	private ShardedSessionFactory factory(ShardDatabase control, Map<String, String> more) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put( "hibernate.hbm2ddl.auto", "none" );
		properties.put( "hibernate.shards.virtual_shards", String.valueOf( VIRTUAL ) );
		properties.put( "hibernate.shards.directory.enabled", "true" );
		properties.put( "hibernate.shards.directory.refresh_seconds", "1" );
		if ( control != null ) {
			properties.put( "hibernate.shards.directory.url", control.jdbcUrl() );
			properties.put( "hibernate.shards.directory.username", control.username() );
			properties.put( "hibernate.shards.directory.password", control.password() );
		}
		properties.putAll( more );
		return ShardedFactories.build( dbs, properties, DirMember.class );
	}

	private static List<Integer> placementOf(ShardedSessionFactory factory) {
		List<Integer> placement = new ArrayList<>();
		for ( int v = 0; v < factory.getVirtualShardCount(); v++ ) {
			placement.add( factory.getShardIdForVirtualShard( v ).getId() );
		}
		return placement;
	}

	/** A nickname whose PREFIX(3) partition hashes onto the virtual shard (16 virtual shards). */
	private static String nicknameOnVirtualShard(int virtualShard) {
		for ( int i = 100; ; i++ ) {
			String prefix = "n" + Integer.toString( i, 36 );
			if ( prefix.length() == 3 && Placement.virtualShard( prefix, VIRTUAL ) == virtualShard ) {
				return prefix + "-member";
			}
		}
	}

	private static DirMember persist(ShardedSessionFactory factory, String nickname) {
		DirMember member = new DirMember( nickname );
		try ( ShardedSession session = factory.openSession() ) {
			session.beginTransaction();
			session.persist( member );
			session.getTransaction().commit();
		}
		return member;
	}

	@Test
	void theTablesAreCreatedOnShardZeroFromTheConfiguredMapAndLaterFactoriesRouteByThem() {
		DirectoryTables onShardZero = new DirectoryTables( dbs.get( 0 ) );
		assertEquals( 0, onShardZero.tableCount(), "no directory before the first factory" );
		try ( ShardedSessionFactory first = factory( null, Map.of( "hibernate.shards.virtual_shard_map", CONFIGURED_MAP ) ) ) {
			assertEquals( 4, onShardZero.tableCount(), "created on first use, on physical shard 0" );
			for ( int shard = 1; shard < 4; shard++ ) {
				assertTrue( !rows.tableExists( shard, "hibernate_shards_virtual_shard" ), "nothing on shard " + shard );
			}
			assertEquals( CONFIGURED_PLACEMENT, onShardZero.placement(), "initialised from hibernate.shards.virtual_shard_map" );
			assertEquals( 1L, onShardZero.version() );
			assertEquals( 1L, ShardDirectory.of( first ).version() );

			// A factory started later with the default map routes by the directory's: virtual shard 9 is on shard 0, not 2.
			try ( ShardedSessionFactory later = factory( null, Map.of() ) ) {
				assertEquals( CONFIGURED_PLACEMENT, placementOf( later ) );
				DirMember member = persist( later, nicknameOnVirtualShard( 9 ) );
				assertEquals( List.of( 0 ), rows.shardsHolding( "dir_member", member.getId() ) );
				assertEquals( 9, Placement.virtualShardOfId( member.getId() ) );
				assertEquals( CONFIGURED_PLACEMENT, onShardZero.placement(), "and does not overwrite it with its own map" );
			}

			ShardDirectory.of( first ).assignVirtualShard( 15, ShardId.of( 1 ) );
			List<Integer> moved = new ArrayList<>( CONFIGURED_PLACEMENT );
			moved.set( 15, 1 );
			assertEquals( moved, onShardZero.placement() );
			try ( ShardedSessionFactory afterAssignment = factory( null, Map.of( "hibernate.shards.virtual_shard_map", CONFIGURED_MAP ) ) ) {
				assertEquals( moved, placementOf( afterAssignment ), "a factory started after assignVirtualShard routes by the directory" );
				DirMember member = persist( afterAssignment, nicknameOnVirtualShard( 15 ) );
				assertEquals( List.of( 1 ), rows.shardsHolding( "dir_member", member.getId() ) );
			}
		}
	}

	@Test
	void aControlDatabaseOfItsOwnHoldsTheDirectory() {
		ShardDatabase control = dbs.createExtraDatabase( "control" );
		DirectoryTables tables = new DirectoryTables( control );
		assertEquals( 0, tables.tableCount() );
		try ( ShardedSessionFactory factory = factory( control, Map.of() ) ) {
			assertEquals( 4, tables.tableCount(), "created in the control database" );
			List<Integer> defaultPlacement = new ArrayList<>();
			for ( int v = 0; v < VIRTUAL; v++ ) {
				defaultPlacement.add( v * 4 / VIRTUAL );
			}
			assertEquals( defaultPlacement, tables.placement() );
			ShardDirectory directory = ShardDirectory.of( factory );
			directory.setupTable( "DirMember", "nickname", null, "PREFIX(3)" );
			directory.addPartition( "DirMember", "mar", "mar", 5 );
			assertEquals( List.of( "mar|mar|5" ), tables.partitions( "DirMember" ) );
			// The setup, then the partition's move (an empty one: its start, switch and end), each a version.
			assertEquals( directory.version(), tables.version() );
			assertTrue( tables.version() > 2, "version " + tables.version() );
			for ( int shard = 0; shard < 4; shard++ ) {
				assertTrue( !rows.tableExists( shard, "hibernate_shards_partition" )
						|| rows.count( shard, "select count(*) from hibernate_shards_partition where name = 'mar'" ) == 0,
						"the partition is not written to shard " + shard );
			}
			DirMember martin = persist( factory, "martin" );
			assertEquals( List.of( 1 ), rows.shardsHolding( "dir_member", martin.getId() ) );
			assertEquals( 5, Placement.virtualShardOfId( martin.getId() ) );
		}
	}

	@Test
	void withFallbackHashValuesWithoutAPartitionAreHashedEvenWithADefaultPartition() {
		// Two directories (each instance of an application shares one; these two are different applications' directories).
		ShardDatabase defaults = dbs.createExtraDatabase( "control" );
		ShardDatabase hashes = dbs.createExtraDatabase( "control" );
		int hashed = Placement.virtualShard( "zoe", VIRTUAL );
		assertNotEquals( 0, hashed, "precondition: the hash of 'zoe' is not the default partition's virtual shard" );
		try ( ShardedSessionFactory byDefault = factory( defaults, Map.of() );
				ShardedSessionFactory byHash = factory( hashes, Map.of( "hibernate.shards.directory.fallback", "hash" ) ) ) {
			for ( ShardedSessionFactory factory : List.of( byDefault, byHash ) ) {
				ShardDirectory directory = ShardDirectory.of( factory );
				directory.setupTable( "DirMember", "nickname", "default", "PREFIX(3)" );
				directory.addPartition( "DirMember", "default", "", 0 );
				directory.addPartition( "DirMember", "mar", "mar", 13 );
			}
			try ( ShardedSession session = byDefault.openSession() ) {
				assertEquals( 0, session.getVirtualShardIdForObject( new DirMember( "zoe" ) ), "fallback default_partition" );
			}
			DirMember zoe = persist( byHash, "zoe" );
			assertEquals( hashed, Placement.virtualShardOfId( zoe.getId() ), "fallback hash: the hash of its partition" );
			assertEquals( List.of( hashed * 4 / VIRTUAL ), rows.shardsHolding( "dir_member", zoe.getId() ) );
			DirMember martin = persist( byHash, "martin" );
			assertEquals( 13, Placement.virtualShardOfId( martin.getId() ), "a value with a partition goes to its partition" );
			assertEquals( List.of( 3 ), rows.shardsHolding( "dir_member", martin.getId() ) );
		}
	}

	@Test
	void aFactoryWithAnotherFallbackThanTheDirectoryRefusesToStart() {
		ShardDatabase control = dbs.createExtraDatabase( "control" );
		DirectoryTables tables = new DirectoryTables( control );
		factory( control, Map.of() ).close();
		List<String> before = tables.dump();
		ShardingConfigurationException refused = assertThrows( ShardingConfigurationException.class,
				() -> factory( control, Map.of( "hibernate.shards.directory.fallback", "hash" ) ) );
		assertTrue( refused.getMessage().contains( "fallback" ), refused.getMessage() );
		assertEquals( before, tables.dump(), "the directory is left as it was" );
	}

	// ---- factories that disagree with the directory refuse to start; the directory is left as it was

	@Test
	void aFactoryWithAnotherNumberOfVirtualShardsRefusesToStart() {
		ShardDatabase control = dbs.createExtraDatabase( "control" );
		DirectoryTables tables = new DirectoryTables( control );
		factory( control, Map.of() ).close();
		List<String> before = tables.dump();
		ShardingConfigurationException refused = assertThrows( ShardingConfigurationException.class,
				() -> factory( control, Map.of( "hibernate.shards.virtual_shards", "32" ) ) );
		assertTrue( refused.getMessage().contains( "16" ) && refused.getMessage().contains( "32" ), refused.getMessage() );
		assertTrue( refused.getMessage().contains( "hibernate.shards.virtual_shards" ), refused.getMessage() );
		assertEquals( before, tables.dump() );
	}

	@Test
	void aFactoryWithAnotherKeyFunctionForAnEntityRefusesToStart() {
		ShardDatabase control = dbs.createExtraDatabase( "control" );
		DirectoryTables tables = new DirectoryTables( control );
		try ( ShardedSessionFactory factory = factory( control, Map.of() ) ) {
			ShardDirectory.of( factory ).setupTable( "DirMember", "nickname", null, "PREFIX(3)" );
		}
		List<String> before = tables.dump();
		ShardingConfigurationException refused = assertThrows( ShardingConfigurationException.class,
				() -> factory( control, Map.of( "hibernate.shards.entity.DirMember.function", "PREFIX(4)" ) ) );
		for ( String fragment : List.of( "DirMember", "PREFIX(3)", "PREFIX(4)" ) ) {
			assertTrue( refused.getMessage().contains( fragment ), "names '" + fragment + "': " + refused.getMessage() );
		}
		assertEquals( before, tables.dump() );
		// the same function, written differently, is the same function
		factory( control, Map.of( "hibernate.shards.entity.DirMember.function", "prefix( 3 )" ) ).close();
	}

	@Test
	void aFactoryWithoutAPhysicalShardTheDirectoryUsesRefusesToStart() {
		ShardDatabase control = dbs.createExtraDatabase( "control" );
		DirectoryTables tables = new DirectoryTables( control );
		factory( control, Map.of() ).close();
		List<String> before = tables.dump();
		Map<String, String> threeShards = new LinkedHashMap<>( dbs.hibernateProperties() );
		threeShards.keySet().removeIf( key -> key.startsWith( "hibernate.shards.3." ) );
		threeShards.put( "hibernate.hbm2ddl.auto", "none" );
		threeShards.put( "hibernate.shards.virtual_shards", String.valueOf( VIRTUAL ) );
		threeShards.put( "hibernate.shards.directory.enabled", "true" );
		threeShards.put( "hibernate.shards.directory.url", control.jdbcUrl() );
		threeShards.put( "hibernate.shards.directory.username", control.username() );
		threeShards.put( "hibernate.shards.directory.password", control.password() );
		org.hibernate.shards.cfg.ShardedConfiguration configuration = new org.hibernate.shards.cfg.ShardedConfiguration();
		threeShards.forEach( configuration::setProperty );
		configuration.addAnnotatedClass( DirMember.class );
		ShardingConfigurationException refused = assertThrows( ShardingConfigurationException.class, configuration::buildShardedSessionFactory );
		assertTrue( refused.getMessage().contains( "3" ), refused.getMessage() );
		assertEquals( before, tables.dump() );
	}
}
