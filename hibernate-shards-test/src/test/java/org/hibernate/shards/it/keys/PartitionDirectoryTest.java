package org.hibernate.shards.it.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.it.ShardRows;
import org.hibernate.shards.it.ShardedFactories;
import org.hibernate.shards.it.keys.model.DirCounter;
import org.hibernate.shards.it.keys.model.DirEvent;
import org.hibernate.shards.it.keys.model.DirMember;
import org.hibernate.shards.it.keys.model.DirNote;
import org.hibernate.shards.strategy.directory.Partition;
import org.hibernate.shards.strategy.directory.ShardDirectory;
import org.hibernate.shards.strategy.directory.ShardDirectoryException;
import org.hibernate.shards.test.MySqlShards;
import org.hibernate.shards.test.ShardDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;

/**
 * The partition directory on 4 real shards, its tables on physical shard 0 (the default control database), 16 virtual
 * shards placed 0-3 on shard 0, 4-7 on shard 1, 8-11 on shard 2, 12-15 on shard 3. Two factories share it, as two
 * application instances would: {@code a}, through which the tests administer the directory, and {@code b}, which must
 * converge within {@code refresh_seconds=1}. Rows are checked with plain JDBC: the physical shard holding them and the
 * virtual shard in the low 10 bits of their {@code @ShardedId}. Every refused change throws
 * {@link ShardDirectoryException} and leaves the directory's tables and version exactly as they were.
 * <p>
 * Before every test the entity tables are emptied and the directory is reset by JDBC (no entities, no partitions,
 * the configured placement, open fences, a new version), and both factories re-read it.
 */
@MySqlShards(4)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartitionDirectoryTest {
	private static final int VIRTUAL = 16;
	private static final List<Integer> CONFIGURED_PLACEMENT = List.of( 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3 );
	private static final String[] ENTITY_TABLES = { "dir_note", "dir_member", "dir_counter", "dir_event" };

	private ShardRows rows;
	private DirectoryTables tables;
	private ShardedSessionFactory a;
	private ShardedSessionFactory b;
	private ShardDirectory directory;
	private ShardDirectory directoryOfB;

	@BeforeAll
	void buildTwoInstances(ShardDatabases dbs) {
		rows = new ShardRows( dbs );
		tables = new DirectoryTables( dbs.get( 0 ) );
		a = factory( dbs, "create" );
		b = factory( dbs, "none" );
		directory = ShardDirectory.of( a );
		directoryOfB = ShardDirectory.of( b );
	}

	private static ShardedSessionFactory factory(ShardDatabases dbs, String hbm2ddl) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put( "hibernate.hbm2ddl.auto", hbm2ddl );
		properties.put( "hibernate.shards.virtual_shards", String.valueOf( VIRTUAL ) );
		properties.put( "hibernate.shards.directory.enabled", "true" );
		properties.put( "hibernate.shards.directory.refresh_seconds", "1" );
		properties.put( "hibernate.generate_statistics", "true" );
		return ShardedFactories.build( dbs, properties, DirMember.class, DirCounter.class, DirEvent.class, DirNote.class );
	}

	@AfterAll
	void close() {
		for ( ShardedSessionFactory factory : new ShardedSessionFactory[] { b, a } ) {
			if ( factory != null ) {
				factory.close();
			}
		}
	}

	@BeforeEach
	void emptyTablesAndDirectory() {
		for ( int shard = 0; shard < 4; shard++ ) {
			for ( String table : ENTITY_TABLES ) {
				rows.update( shard, "delete from " + table );
			}
			// Moves of earlier tests closed fences on the shards virtual shards left; the configured placement opens them.
			rows.update( shard, "update hibernate_shards_fence set state = 'OPEN', moved_to = null, move_id = null" );
		}
		tables.reset( CONFIGURED_PLACEMENT );
		directory.refresh();
		directoryOfB.refresh();
		assertEquals( CONFIGURED_PLACEMENT, placementOf( a ) );
	}

	/** The usual set-up: PREFIX(3) nicknames, partition "default" (value "") on virtual shard 0, "mar" on 13 (shard 3). */
	private void setUpMembersWithMar() {
		directory.setupTable( "DirMember", "nickname", "default", "PREFIX(3)" );
		directory.addPartition( "DirMember", "default", "", 0 );
		directory.addPartition( "DirMember", "mar", "mar", 13 );
	}

	// ---- routing by the directory

	@Test
	void setupTableCreatesTheDefaultPartitionOnItsVirtualShard() {
		long version = directory.version();
		directory.setupTable( "DirMember", "nickname", "default", 9, "PREFIX(3)" );
		assertEquals( version + 1, directory.version(), "the entity and its default partition in one change" );
		List<Partition> partitions = directory.listPartitions( "DirMember" );
		assertEquals( 1, partitions.size() );
		assertEquals( "default", partitions.get( 0 ).name() );
		assertEquals( 9, partitions.get( 0 ).virtualShard() );
		directory.addPartition( "DirMember", "mar", "mar", 13 );
		DirMember zoe = persist( a, new DirMember( "zoe" ) ).get( 0 );
		DirMember martin = persist( a, new DirMember( "martin" ) ).get( 0 );
		assertStoredOn( "dir_member", zoe.getId(), 2, 9 );
		assertStoredOn( "dir_member", martin.getId(), 3, 13 );
		directory.setupTable( "DirMember", "nickname", "default", 9, "PREFIX(3)" ); // the same again changes nothing that matters
		assertRefused( "virtual shard 9", () -> directory.setupTable( "DirMember", "nickname", "default", 4, "PREFIX(3)" ) );
		assertRefused( "'mar'", () -> directory.setupTable( "DirMember", "nickname", "mar", 4, "PREFIX(3)" ) );
	}

	/** Initialisation from the configured map is checked in {@link DirectoryBootTest}, on a directory not reset by a test. */
	@Test
	void theDirectoryLivesOnShardZeroByDefaultAndRefreshReadsItsVersion() {
		assertEquals( 4, tables.tableCount(), "the directory's tables are on physical shard 0" );
		for ( int shard = 1; shard < 4; shard++ ) {
			assertTrue( !rows.tableExists( shard, "hibernate_shards_directory" ), "no directory table on shard " + shard );
		}
		assertEquals( tables.version(), directory.version() );
		assertEquals( tables.version(), directoryOfB.version() );
	}

	@Test
	void aPrefixPartitionRoutesPersistFindAndQueriesToItsVirtualShard() {
		assertNotEquals( 13, Placement.virtualShard( "mar", VIRTUAL ), "precondition: the hash alone would not choose 13" );
		assertNotEquals( 0, Placement.virtualShard( "zoe", VIRTUAL ), "precondition: the hash alone would not choose 0" );
		setUpMembersWithMar();
		List<DirMember> members = persist( a, new DirMember( "martin" ), new DirMember( "maria" ), new DirMember( "Marguerite" ),
				new DirMember( "zoe" ), new DirMember( "" ) );
		for ( DirMember member : members.subList( 0, 3 ) ) {
			assertStoredOn( "dir_member", member.getId(), 3, 13 );
		}
		assertStoredOn( "dir_member", members.get( 3 ).getId(), 0, 0 ); // no partition "zoe": the default partition
		assertStoredOn( "dir_member", members.get( 4 ).getId(), 0, 0 );

		for ( DirMember member : members ) {
			try ( ShardedSession session = a.openSession() ) {
				DirMember found = session.find( DirMember.class, member.getId() );
				assertNotNull( found, "found by id: " + member );
				assertEquals( member.getKey(), found.getKey() );
			}
		}
		assertQuery( a, "from DirMember m where m.nickname = 'martin'", null, List.of( members.get( 0 ).getId() ), List.of( 3 ) );
		assertQuery( a, "from DirMember m where m.nickname = :v", "MARTIN", List.of( members.get( 0 ).getId() ), List.of( 3 ) );
		assertQuery( a, "from DirMember m where m.nickname = :v", "zoe", List.of( members.get( 3 ).getId() ), List.of( 0 ) );
		assertQuery( a, "from DirMember m where m.nickname in ('maria', 'zoe')", null,
				List.of( members.get( 1 ).getId(), members.get( 3 ).getId() ), List.of( 0, 3 ) );
	}

	@Test
	void withoutADefaultPartitionValuesWithoutAPartitionAreHashed() {
		assertNotEquals( 5, Placement.virtualShard( 1L, VIRTUAL ), "precondition: the hash alone would not choose 5" );
		directory.setupTable( "DirCounter", "counterNo", null, "MOD(3)" );
		directory.addPartition( "DirCounter", "ones", "1", 5 );
		List<DirCounter> counters = persist( a, new DirCounter( 1L ), new DirCounter( 4L ), new DirCounter( -2L ), new DirCounter( 0L ),
				new DirCounter( 3L ), new DirCounter( 2L ) );
		for ( DirCounter counter : counters ) {
			long partition = Math.floorMod( counter.getKey(), 3L );
			int virtualShard = partition == 1 ? 5 : Placement.virtualShard( partition, VIRTUAL );
			assertStoredOn( "dir_counter", counter.getId(), CONFIGURED_PLACEMENT.get( virtualShard ), virtualShard );
		}
		assertQuery( a, "from DirCounter c where c.counterNo = -2", null, List.of( counters.get( 2 ).getId() ), List.of( 1 ) );
		assertQuery( a, "from DirCounter c where c.counterNo = :v", 4L, List.of( counters.get( 1 ).getId() ), List.of( 1 ) );
	}

	@Test
	void listPartitionsShowsEveryPartitionWithItsFoldedValueAndVirtualShard() {
		directory.setupTable( "DirMember", "nickname", "default", "PREFIX(3)" );
		directory.addPartition( "DirMember", "default", "", 0 );
		directory.addPartition( "DirMember", "Mar", "MAR", 13 );
		directory.setupTable( "DirCounter", "counterNo", null, "MOD(3)" );
		directory.addPartition( "DirCounter", "twos", "2", 9 );
		List<Partition> expected = List.of( new Partition( "DirMember", "default", "", 0 ), new Partition( "DirMember", "Mar", "mar", 13 ) );
		assertEquals( expected, directory.listPartitions( "DirMember" ) );
		assertEquals( List.of( new Partition( "DirCounter", "twos", "2", 9 ) ), directory.listPartitions( "DirCounter" ) );
		assertEquals( List.of( "Mar|mar|13", "default||0" ), tables.partitions( "DirMember" ).stream().sorted().toList() );
		assertEquals( expected, directoryOfB.listPartitions( "DirMember" ), "another instance lists what the control database holds" );
		DirMember martha = persist( a, new DirMember( "MARTHA" ) ).get( 0 );
		assertStoredOn( "dir_member", martha.getId(), 3, 13 ); // partition 'Mar'

	}

	@Test
	void removePartitionSendsTheValuesOfTheRemovedPartitionToTheDefault() {
		setUpMembersWithMar();
		long version = directory.version();
		directory.removePartition( "DirMember", "mar" );
		// Virtual shards 13 and 0 live on different shards: the values move (the start, switch and end of a partition move).
		assertTrue( directory.version() > version, "every change moves the version" );
		assertEquals( directory.version(), tables.version() );
		assertEquals( List.of( new Partition( "DirMember", "default", "", 0 ) ), directory.listPartitions( "DirMember" ) );
		assertEquals( List.of( "default||0" ), tables.partitions( "DirMember" ) );
		DirMember martin = persist( a, new DirMember( "martin" ) ).get( 0 );
		assertStoredOn( "dir_member", martin.getId(), 0, 0 );
	}

	@Test
	void assignVirtualShardPlacesAnEmptyVirtualShardOnAnotherPhysicalShard() {
		setUpMembersWithMar();
		long version = directory.version();
		directory.assignVirtualShard( 13, ShardId.of( 0 ) );
		assertTrue( directory.version() > version, "the placement's version moved" );
		assertEquals( ShardId.of( 0 ), a.getShardIdForVirtualShard( 13 ) );
		List<Integer> expected = new ArrayList<>( CONFIGURED_PLACEMENT );
		expected.set( 13, 0 );
		assertEquals( expected, tables.placement() );
		DirMember martin = persist( a, new DirMember( "martin" ) ).get( 0 );
		assertStoredOn( "dir_member", martin.getId(), 0, 13 );
		assertQuery( a, "from DirMember m where m.nickname = 'martin'", null, List.of( martin.getId() ), List.of( 0 ) );
		try ( ShardedSession session = a.openSession() ) {
			assertNotNull( session.find( DirMember.class, martin.getId() ), "found by id on its virtual shard's new physical shard" );
		}
	}

	@Test
	void anEditThroughOneInstanceReachesAnotherWithinTheRefreshInterval() throws InterruptedException {
		long before = directoryOfB.version();
		directory.setupTable( "DirMember", "nickname", "default", "PREFIX(3)" );
		directory.addPartition( "DirMember", "default", "", 0 );
		directory.assignVirtualShard( 6, ShardId.of( 3 ) );
		directory.addPartition( "DirMember", "zed", "zed", 6 );
		long target = directory.version();
		assertTrue( target >= before + 4, "at least one new version per change" );

		long start = System.nanoTime();
		while ( !( directoryOfB.version() == target && shardOfNew( b, "zedong" ).equals( ShardId.of( 3 ) ) ) ) {
			assertTrue( System.nanoTime() - start < 5_000_000_000L,
					"instance b converges within a few seconds; it routes by version " + directoryOfB.version() + ", not " + target );
			Thread.sleep( 50 );
		}
		long millis = ( System.nanoTime() - start ) / 1_000_000;
		assertTrue( millis <= 3_000, "converged in " + millis + " ms, within refresh_seconds=1 and a margin" );
		assertEquals( ShardId.of( 3 ), b.getShardIdForVirtualShard( 6 ) );

		DirMember zedong = persist( b, new DirMember( "zedong" ) ).get( 0 );
		assertStoredOn( "dir_member", zedong.getId(), 3, 6 );
		assertQuery( a, "from DirMember m where m.nickname = 'zedong'", null, List.of( zedong.getId() ), List.of( 3 ) );
	}

	// ---- refused changes: ShardDirectoryException, nothing changed

	@Test
	void anUnknownEntityIsRefused() {
		assertRefused( "Nobody", () -> directory.setupTable( "Nobody", "nickname", null, "PREFIX(3)" ) );
		assertRefused( "Nobody", () -> directory.addPartition( "Nobody", "x", "x", 1 ) );
		assertRefused( "Nobody", () -> directory.removePartition( "Nobody", "x" ) );
		assertRefused( "Nobody", () -> directory.listPartitions( "Nobody" ) );
		assertRefused( "org.hibernate.shards.it.keys.model.DirMember",
				() -> directory.setupTable( "org.hibernate.shards.it.keys.model.DirMember", "nickname", null, "PREFIX(3)" ) );
	}

	@Test
	void aKeyPropertyThatIsNotTheShardKeyIsRefused() {
		assertRefused( "nickname", () -> directory.setupTable( "DirMember", "id", "default", "PREFIX(3)" ) );
		assertRefused( "nickname", () -> directory.setupTable( "DirMember", "nick", "default", "PREFIX(3)" ) );
	}

	@Test
	void aFunctionOtherThanTheConfiguredOneIsRefused() {
		assertRefused( "PREFIX(4)", () -> directory.setupTable( "DirMember", "nickname", "default", "PREFIX(4)" ) );
		assertRefused( "HASH()", () -> directory.setupTable( "DirMember", "nickname", "default", "HASH()" ) );
		assertRefused( "PREFIX(3)", () -> directory.setupTable( "DirMember", "nickname", "default", null ) );
		assertRefused( "MOD(3)", () -> directory.setupTable( "DirMember", "nickname", "default", "MOD(3)" ) );
	}

	@Test
	void anEntityKeyedByAnAssociationIsRefused() {
		assertRefused( "DirNote", () -> directory.setupTable( "DirNote", "member", null, null ) );
	}

	@Test
	void aPartitionOfAnEntityNotSetUpIsRefused() {
		assertRefused( "setupTable", () -> directory.addPartition( "DirMember", "mar", "mar", 13 ) );
	}

	@Test
	void aDuplicatePartitionNameIsRefused() {
		setUpMembersWithMar();
		assertRefused( "'mar'", () -> directory.addPartition( "DirMember", "mar", "zoe", 7 ) );
		// the control database compares names as it compares keys: 'MAR' is 'mar'
		assertRefused( "MAR", () -> directory.addPartition( "DirMember", "MAR", "zoe", 7 ) );
	}

	@Test
	void aValueThatAnotherPartitionHasIsRefused() {
		setUpMembersWithMar();
		assertRefused( "overlap", () -> directory.addPartition( "DirMember", "mar2", "mar", 7 ) );
		assertRefused( "overlap", () -> directory.addPartition( "DirMember", "MAR", "MAR", 7 ) );
		assertRefused( "overlap", () -> directory.addPartition( "DirMember", "mär", "Mär", 7 ) );
		assertRefused( "overlap", () -> directory.addPartition( "DirMember", "empty", "", 7 ) );
	}

	@Test
	void aValueTheFunctionCannotProduceIsRefused() {
		directory.setupTable( "DirMember", "nickname", "default", "PREFIX(3)" );
		directory.setupTable( "DirCounter", "counterNo", null, "MOD(3)" );
		directory.setupTable( "DirEvent", "eventDay", null, "DATE(yyyy-MM-dd)" );
		assertRefused( "martin", () -> directory.addPartition( "DirMember", "martin", "martin", 7 ) );
		assertRefused( "5", () -> directory.addPartition( "DirCounter", "fives", "5", 7 ) );
		assertRefused( "-1", () -> directory.addPartition( "DirCounter", "minus", "-1", 7 ) );
		assertRefused( "x", () -> directory.addPartition( "DirCounter", "x", "x", 7 ) );
		assertRefused( "2025-13-01", () -> directory.addPartition( "DirEvent", "month13", "2025-13-01", 7 ) );
		assertRefused( "2025-3-1", () -> directory.addPartition( "DirEvent", "short", "2025-3-1", 7 ) );
	}

	/**
	 * DATE(yyyy-MM-dd) formats real days only: no LocalDate is ever written "2025-02-30" or "2025-02-29", so such a
	 * partition could never hold a row and is "a value the function cannot produce".
	 */
	@Test
	void aDayThatDoesNotExistIsNotADatePartition() {
		directory.setupTable( "DirEvent", "eventDay", null, "DATE(yyyy-MM-dd)" );
		assertThrows( java.time.DateTimeException.class, () -> LocalDate.of( 2025, 2, 30 ) );
		assertRefused( "2025-02-30", () -> directory.addPartition( "DirEvent", "feb30", "2025-02-30", 7 ) );
		assertRefused( "2025-02-29", () -> directory.addPartition( "DirEvent", "feb29", "2025-02-29", 7 ) );
	}

	@Test
	void aVirtualShardThatDoesNotExistIsRefused() {
		setUpMembersWithMar();
		assertRefused( "16", () -> directory.addPartition( "DirMember", "zoe", "zoe", VIRTUAL ) );
		assertRefused( "-1", () -> directory.addPartition( "DirMember", "zoe", "zoe", -1 ) );
		assertRefused( "16", () -> directory.assignVirtualShard( VIRTUAL, ShardId.of( 0 ) ) );
		assertRefused( "-1", () -> directory.assignVirtualShard( -1, ShardId.of( 0 ) ) );
	}

	@Test
	void aPhysicalShardThatDoesNotExistIsRefused() {
		assertRefused( "4", () -> directory.assignVirtualShard( 3, ShardId.of( 4 ) ) );
		assertRefused( "null", () -> directory.assignVirtualShard( 3, null ) );
	}

	@Test
	void assigningAVirtualShardThatHoldsRowsMovesThem() {
		setUpMembersWithMar();
		DirMember martin = persist( a, new DirMember( "martin" ) ).get( 0 );
		assertStoredOn( "dir_member", martin.getId(), 3, 13 );
		// a row placed by hash, of an entity not in the directory
		DirCounter counter = persist( a, new DirCounter( 42L ) ).get( 0 );
		int virtualShard = Placement.virtualShardOfId( counter.getId() );
		int other = ( CONFIGURED_PLACEMENT.get( virtualShard ) + 1 ) % 4;

		directory.assignVirtualShard( 13, ShardId.of( 0 ) );
		directory.assignVirtualShard( virtualShard, ShardId.of( other ) );

		assertStoredOn( "dir_member", martin.getId(), 0, 13 );
		assertEquals( List.of( other ), rows.shardsHolding( "dir_counter", counter.getId() ) );
		try ( ShardedSession session = a.openSession() ) {
			assertNotNull( session.find( DirMember.class, martin.getId() ) );
			assertNotNull( session.find( DirCounter.class, counter.getId() ) );
		}
	}

	@Test
	void addingAPartitionWhoseValuesAlreadyHaveRowsIsRefused() {
		directory.setupTable( "DirMember", "nickname", "default", "PREFIX(3)" );
		directory.addPartition( "DirMember", "default", "", 0 );
		DirMember zoe = persist( a, new DirMember( "Zoé" ) ).get( 0 ); // stored in the default partition
		assertRefused( "zoe", () -> directory.addPartition( "DirMember", "zoe", "zoe", 7 ) );
		assertStoredOn( "dir_member", zoe.getId(), 0, 0 );
		try ( ShardedSession session = a.openSession() ) {
			assertNotNull( session.find( DirMember.class, zoe.getId() ) );
			assertEquals( 1, session.createQuery( "from DirMember m where m.nickname = 'zoe'", DirMember.class ).getResultList().size(),
					"still found by its key where it is stored" );
		}
	}

	@Test
	void removingAPartitionWhoseValuesHaveRowsIsRefused() {
		setUpMembersWithMar();
		persist( a, new DirMember( "martin" ) );
		assertRefused( "stored rows", () -> directory.removePartition( "DirMember", "mar" ) );
		assertRefused( "stored rows", () -> directory.removePartition( "DirMember", "default" ) );
	}

	/**
	 * The control database finds partition 'mar' by the name 'MAR' (names are compared by its collation, as the
	 * duplicate-name check above shows), so removing it by that name must be checked for rows like removing it by 'mar':
	 * otherwise the rows of 'mar' are stranded on virtual shard 13 while their key routes to the default partition.
	 */
	@Test
	void removingAPartitionWithRowsByAnotherCaseOfItsNameIsRefused() {
		setUpMembersWithMar();
		DirMember martin = persist( a, new DirMember( "martin" ) ).get( 0 );
		assertRefused( "stored rows", () -> directory.removePartition( "DirMember", "MAR" ) );
		assertQuery( a, "from DirMember m where m.nickname = 'martin'", null, List.of( martin.getId() ), List.of( 3 ) );
	}

	@Test
	void changingTheDefaultPartitionOfAnEntityWithRowsIsRefused() {
		setUpMembersWithMar();
		persist( a, new DirMember( "zoe" ) );
		assertRefused( "default", () -> directory.setupTable( "DirMember", "nickname", "other", "PREFIX(3)" ) );
		assertRefused( "default", () -> directory.setupTable( "DirMember", "nickname", null, "PREFIX(3)" ) );
	}

	@Test
	void removingAPartitionThatDoesNotExistIsRefused() {
		setUpMembersWithMar();
		assertRefused( "nope", () -> directory.removePartition( "DirMember", "nope" ) );
	}

	// ---- helpers

	/**
	 * The call throws {@link ShardDirectoryException} whose message has the fragment, and the directory's tables and version
	 * (in the control database and in both instances) are exactly as before.
	 */
	private void assertRefused(String fragment, Executable call) {
		List<String> before = tables.dump();
		long version = directory.version();
		ShardDirectoryException failure = assertThrows( ShardDirectoryException.class, call );
		assertTrue( failure.getMessage().contains( fragment ), "the message names '" + fragment + "': " + failure.getMessage() );
		assertEquals( before, tables.dump(), "the refused change wrote nothing: " + failure.getMessage() );
		assertEquals( version, directory.version(), "the version did not move" );
	}

	@SafeVarargs
	private static <T> List<T> persist(ShardedSessionFactory factory, T... entities) {
		List<T> persisted = new ArrayList<>();
		try ( ShardedSession session = factory.openSession() ) {
			session.beginTransaction();
			for ( T entity : entities ) {
				session.persist( entity );
				persisted.add( entity );
			}
			session.getTransaction().commit();
		}
		return persisted;
	}

	private static ShardId shardOfNew(ShardedSessionFactory factory, String nickname) {
		try ( ShardedSession session = factory.openSession() ) {
			return session.getShardIdForObject( new DirMember( nickname ) );
		}
	}

	private static List<Integer> placementOf(ShardedSessionFactory factory) {
		List<Integer> placement = new ArrayList<>();
		for ( int v = 0; v < VIRTUAL; v++ ) {
			placement.add( factory.getShardIdForVirtualShard( v ).getId() );
		}
		return placement;
	}

	/** The row is stored on that physical shard only (JDBC), and its id carries that virtual shard. */
	private void assertStoredOn(String table, long id, int shard, int virtualShard) {
		assertEquals( List.of( shard ), rows.shardsHolding( table, id ), table + "#" + id + " is stored on shard " + shard + " only" );
		assertEquals( virtualShard, Placement.virtualShardOfId( id ), table + "#" + id + " is on virtual shard " + virtualShard );
	}

	/** Runs the query through the factory and checks the ids found and the shards that ran a statement. */
	private void assertQuery(ShardedSessionFactory factory, String hql, Object parameter, List<Long> expectedIds, List<Integer> expectedShards) {
		long[] before = statements( factory );
		List<Long> ids;
		try ( ShardedSession session = factory.openSession() ) {
			var query = session.createQuery( hql, Object.class );
			if ( parameter != null ) {
				query.setParameter( "v", parameter );
			}
			ids = query.getResultList().stream().map( idOf() ).sorted().toList();
		}
		long[] after = statements( factory );
		List<Integer> touched = new ArrayList<>();
		for ( int shard = 0; shard < 4; shard++ ) {
			if ( after[shard] > before[shard] ) {
				touched.add( shard );
			}
		}
		assertEquals( expectedIds.stream().sorted().toList(), ids, hql + " [" + parameter + "]" );
		assertEquals( expectedShards, touched, hql + " [" + parameter + "] asks only the shards of the partitions" );
	}

	private static Function<Object, Long> idOf() {
		return entity -> entity instanceof DirMember m ? m.getId() : ( (DirCounter) entity ).getId();
	}

	private static long[] statements(ShardedSessionFactory factory) {
		long[] counts = new long[4];
		for ( int shard = 0; shard < 4; shard++ ) {
			counts[shard] = factory.getSessionFactories().get( ShardId.of( shard ) ).getStatistics().getPrepareStatementCount();
		}
		return counts;
	}
}
