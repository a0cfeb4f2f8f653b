package org.hibernate.shards.it.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.function.Function;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardKeyException;
import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.it.ShardRows;
import org.hibernate.shards.it.ShardedFactories;
import org.hibernate.shards.it.keys.model.DateEvent;
import org.hibernate.shards.it.keys.model.DivInvoice;
import org.hibernate.shards.it.keys.model.ModAccount;
import org.hibernate.shards.it.keys.model.OverriddenKey;
import org.hibernate.shards.it.keys.model.PrefixMember;
import org.hibernate.shards.it.keys.model.RangeName;
import org.hibernate.shards.it.keys.model.RangeReading;
import org.hibernate.shards.it.keys.model.TenantRow;
import org.hibernate.shards.test.MySqlShards;
import org.hibernate.shards.test.ShardDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every standard key function end to end on 4 real shards, without a directory: rows are written, found by id and by
 * {@code where key = :v}, and checked with plain JDBC against the documented placement, computed here independently
 * ({@link Placement}): the partition value is hashed onto the 256 virtual shards, so every value of one partition shares
 * one virtual shard (the low 10 bits of its {@code @ShardedId}) and one physical shard. Values a function cannot map
 * fail with {@link ShardKeyException} and nothing is written.
 * <p>
 * The JVM runs in Pacific/Auckland and Hibernate's JDBC time zone is Asia/Tokyo while this class runs, so that a
 * {@code DATE} function that used a local zone instead of UTC would put instants near midnight UTC on the wrong day.
 */
@MySqlShards(4)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyFunctionsOnShardsTest {
	private static final int VIRTUAL = 256;
	private static final int PHYSICAL = 4;
	private static final ZoneId JVM_ZONE = ZoneId.of( "Pacific/Auckland" );

	private TimeZone savedZone;
	private ShardedSessionFactory factory;
	private ShardRows rows;

	@BeforeAll
	void buildFactory(ShardDatabases dbs) {
		savedZone = TimeZone.getDefault();
		TimeZone.setDefault( TimeZone.getTimeZone( JVM_ZONE ) );
		rows = new ShardRows( dbs );
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put( "hibernate.generate_statistics", "true" );
		properties.put( "hibernate.jdbc.time_zone", "Asia/Tokyo" );
		properties.put( "hibernate.shards.entity.Tenant.function", "NONE()" );
		properties.put( "hibernate.shards.entity.OverriddenKey.function", "DIV(1000)" );
		factory = ShardedFactories.build( dbs, properties, ModAccount.class, DivInvoice.class, PrefixMember.class, TenantRow.class,
				DateEvent.class, RangeReading.class, RangeName.class, OverriddenKey.class );
	}

	@AfterAll
	void close() {
		try {
			if ( factory != null ) {
				factory.close();
			}
		}
		finally {
			TimeZone.setDefault( savedZone );
		}
	}

	@BeforeEach
	void emptyTables() {
		rows.deleteAll();
	}

	// ---- MOD

	@Test
	void modPlacesIntegersByFloorRemainderIncludingNegativesAndExtremes() {
		long[] values = { 1, 4, 7, -2, 0, 3, -3, 2, 5, -1, Long.MAX_VALUE, Long.MIN_VALUE };
		List<ModAccount> accounts = new ArrayList<>();
		for ( long value : values ) {
			accounts.add( new ModAccount( value ) );
		}
		persistAll( accounts );
		assertStoredByPartition( "mod_account", accounts, ModAccount::getId, a -> Math.floorMod( a.getKey(), 3L ) );
		assertEquals( 1L, Math.floorMod( -2L, 3L ), "the documented example: -2 is with 1, 4 and 7" );
		assertSamePlace( "mod_account", idsWhere( accounts, a -> Set.of( 1L, 4L, 7L, -2L ).contains( a.getKey() ) ) );

		for ( ModAccount account : accounts ) {
			assertFound( ModAccount.class, account.getId(), account.getKey(), ModAccount::getKey );
			assertQueryFinds( ModAccount.class, "accountNo", account.getKey(), List.of( account.getId() ),
					expectedShard( Math.floorMod( account.getKey(), 3L ) ) );
		}
		// A literal of another integer type (an int) is the same key: same partition, same single shard.
		ModAccount seven = accounts.get( 2 );
		ShardActivity activity = new ShardActivity();
		List<ModAccount> found = inSession( s -> s.createQuery( "from ModAccount a where a.accountNo = 7", ModAccount.class ).getResultList() );
		assertEquals( List.of( seven.getId() ), found.stream().map( ModAccount::getId ).toList() );
		assertEquals( List.of( expectedShard( 1L ) ), activity.shardsWithStatements(), "an int literal routes like the long key" );
	}

	// ---- DIV

	@Test
	void divPlacesBigIntegersInFixedWidthRangesFlooringNegatives() {
		BigInteger[] values = { big( 0 ), big( 999 ), big( 1000 ), big( 1999 ), big( -1 ), big( -1000 ), big( -1001 ),
				BigInteger.TWO.pow( 62 ), BigInteger.TWO.pow( 63 ).subtract( BigInteger.ONE ).negate() };
		List<DivInvoice> invoices = new ArrayList<>();
		for ( BigInteger value : values ) {
			invoices.add( new DivInvoice( value ) );
		}
		persistAll( invoices );
		Function<DivInvoice, Object> partition = i -> Math.floorDiv( i.getKey().longValueExact(), 1000L );
		assertStoredByPartition( "div_invoice", invoices, DivInvoice::getId, partition );
		assertSamePlace( "div_invoice", List.of( invoices.get( 0 ).getId(), invoices.get( 1 ).getId() ) );   // 0, 999
		assertSamePlace( "div_invoice", List.of( invoices.get( 4 ).getId(), invoices.get( 5 ).getId() ) );   // -1, -1000
		for ( DivInvoice invoice : invoices ) {
			assertFound( DivInvoice.class, invoice.getId(), invoice.getKey(), DivInvoice::getKey );
			assertQueryFinds( DivInvoice.class, "invoiceNo", invoice.getKey(), List.of( invoice.getId() ),
					expectedShard( partition.apply( invoice ) ) );
		}
	}

	@Test
	void divRefusesAnIntegerBeyond64BitsAtPersistAndWritesNothing() {
		DivInvoice valid = new DivInvoice( big( 5 ) );
		DivInvoice tooLarge = new DivInvoice( BigInteger.TWO.pow( 64 ) );
		try ( ShardedSession session = factory.openSession() ) {
			session.beginTransaction();
			session.persist( valid );
			ShardKeyException failure = assertThrows( ShardKeyException.class, () -> session.persist( tooLarge ) );
			assertTrue( failure.getMessage().contains( "DIV" ), failure.getMessage() );
			assertTrue( session.getTransaction().getRollbackOnly(), "the failed persist marks the transaction for rollback" );
			session.getTransaction().rollback();
		}
		assertEquals( 0L, rows.total( "div_invoice" ), "nothing is written on any shard" );
	}

	// ---- PREFIX

	@Test
	void prefixPlacesStringsByTheirFirstThreeCharactersFoldedAsTheDatabaseCompares() {
		List<String> nicknames = List.of( "martin", "maria", "mar", "MARGOT", // "mar": case does not split a partition
				"Émile", "emilie", // "Émi" and "emi" are one partition: the collation calls them equal
				"ab", "", // shorter than 3: its own prefix; the empty string is partition ""
				"😀😀😀 party", "😀😀😀 time", // three emoji are three characters
				"a😀bc", "a😀b!", "a😀xy", // an emoji is one character, not two UTF-16 units
				"東京都港区", "東京都新宿区", "大阪府",
				"E\u0301milia" ); // a combining accent is folded away before the prefix is taken: "emi" too
		List<PrefixMember> members = new ArrayList<>();
		nicknames.forEach( n -> members.add( new PrefixMember( n ) ) );
		persistAll( members );
		Function<PrefixMember, Object> partition = m -> Placement.prefix( m.getKey(), 3 );
		assertStoredByPartition( "prefix_member", members, PrefixMember::getId, partition );
		assertSamePlace( "prefix_member", idsWhere( members, m -> Placement.fold( m.getKey() ).startsWith( "mar" ) ) );
		assertSamePlace( "prefix_member", idsWhere( members, m -> m.getKey().startsWith( "a😀b" ) ) );
		assertSamePlace( "prefix_member", idsWhere( members, m -> Placement.fold( m.getKey() ).startsWith( "emi" ) ) );
		assertSamePlace( "prefix_member", idsWhere( members, m -> m.getKey().startsWith( "東京都" ) ) );
		assertNotEquals( virtualShardOfRow( "prefix_member", members.get( 10 ).getId() ),
				virtualShardOfRow( "prefix_member", members.get( 12 ).getId() ),
				"precondition: 'a😀b' and 'a😀x' hash to different virtual shards, so counting UTF-16 units would show" );

		for ( PrefixMember member : members ) {
			assertEquals( member.getKey(), rows.single( shardOfRow( "prefix_member", member.getId() ),
					"select nickname from prefix_member where id = ?", member.getId() ), "stored intact: " + member );
			assertFound( PrefixMember.class, member.getId(), member.getKey(), PrefixMember::getKey );
			assertQueryFinds( PrefixMember.class, "nickname", member.getKey(), List.of( member.getId() ),
					expectedShard( partition.apply( member ) ) );
		}
		// Values the database calls equal to stored ones route to the stored row's shard and find it.
		assertQueryFinds( PrefixMember.class, "nickname", "margot", List.of( members.get( 3 ).getId() ), expectedShard( "mar" ) );
		assertQueryFinds( PrefixMember.class, "nickname", "EMILE", List.of( members.get( 4 ).getId() ), expectedShard( "emi" ) );
		assertQueryFinds( PrefixMember.class, "nickname", " ", List.of( members.get( 7 ).getId() ), expectedShard( "" ) );
	}

	// ---- NONE (set by property only)

	@Test
	void noneConfiguredByPropertyPlacesEachValueAsItsOwnPartition() {
		List<TenantRow> tenants = List.of( new TenantRow( "acme" ), new TenantRow( "ACME " ), new TenantRow( "globex" ),
				new TenantRow( "Ünïcorn" ), new TenantRow( "unicorn" ), new TenantRow( "initech" ) );
		persistAll( tenants );
		assertStoredByPartition( "tenant_row", tenants, TenantRow::getId, TenantRow::getKey );
		assertSamePlace( "tenant_row", List.of( tenants.get( 0 ).getId(), tenants.get( 1 ).getId() ) );
		assertSamePlace( "tenant_row", List.of( tenants.get( 3 ).getId(), tenants.get( 4 ).getId() ) );
		assertQueryFinds( TenantRow.class, "tenant", "Acme", List.of( tenants.get( 0 ).getId(), tenants.get( 1 ).getId() ),
				expectedShard( "acme" ) );
		assertQueryFinds( TenantRow.class, "tenant", "UNICORN", List.of( tenants.get( 3 ).getId(), tenants.get( 4 ).getId() ),
				expectedShard( "unicorn" ) );
		for ( TenantRow tenant : tenants ) {
			assertFound( TenantRow.class, tenant.getId(), tenant.getKey(), TenantRow::getKey );
		}
	}

	// ---- DATE

	/**
	 * Whole seconds only: Connector/J sees MariaDB as MySQL 5.5.5 and drops fractional seconds when it binds a timestamp,
	 * so a millisecond would not survive the round trip (a driver matter, not a routing one).
	 */
	@Test
	void datePlacesInstantsByTheirUtcDayWhateverTheJvmAndSessionTimeZone() {
		List<Instant> instants = List.of(
				Instant.parse( "2025-03-09T00:00:00Z" ), Instant.parse( "2025-03-09T12:00:00Z" ), Instant.parse( "2025-03-09T23:59:59Z" ),
				Instant.parse( "2025-03-10T00:00:00Z" ), Instant.parse( "2025-03-10T00:00:01Z" ),
				Instant.parse( "2024-12-31T23:59:59Z" ), Instant.parse( "2025-01-01T00:00:00Z" ), Instant.parse( "2024-02-29T10:00:00Z" ) );
		assertEquals( JVM_ZONE, ZoneId.systemDefault() );
		assertNotEquals( LocalDate.of( 2025, 3, 9 ), instants.get( 2 ).atZone( ZoneId.systemDefault() ).toLocalDate(),
				"precondition: in the JVM's zone the last second of 9 March UTC is already 10 March" );
		List<DateEvent> events = new ArrayList<>();
		instants.forEach( i -> events.add( new DateEvent( i ) ) );
		persistAll( events );
		DateTimeFormatter day = DateTimeFormatter.ofPattern( "yyyy-MM-dd" );
		Function<DateEvent, Object> partition = e -> day.format( e.getKey().atOffset( ZoneOffset.UTC ) );
		assertStoredByPartition( "date_event", events, DateEvent::getId, partition );
		assertSamePlace( "date_event", List.of( events.get( 0 ).getId(), events.get( 1 ).getId(), events.get( 2 ).getId() ) );
		assertSamePlace( "date_event", List.of( events.get( 3 ).getId(), events.get( 4 ).getId() ) );
		assertNotEquals( virtualShardOfRow( "date_event", events.get( 2 ).getId() ), virtualShardOfRow( "date_event", events.get( 3 ).getId() ),
				"precondition: 2025-03-09 and 2025-03-10 hash to different virtual shards, so one second apart splits" );
		for ( DateEvent event : events ) {
			assertFound( DateEvent.class, event.getId(), event.getKey(), DateEvent::getKey );
			assertQueryFinds( DateEvent.class, "occurredAt", event.getKey(), List.of( event.getId() ), expectedShard( partition.apply( event ) ) );
		}
	}

	// ---- RANGE

	@Test
	void rangePlacesNumbersOnAndAroundItsBoundaries() {
		double[] values = { -5, 0, 99.99, 100, 100.01, 999.99, 1000, 1000.5, 1e12 };
		List<RangeReading> readings = new ArrayList<>();
		for ( double value : values ) {
			readings.add( new RangeReading( value ) );
		}
		persistAll( readings );
		Function<RangeReading, Object> partition = r -> r.getKey() < 100 ? 0L : r.getKey() < 1000 ? 1L : 2L;
		assertStoredByPartition( "range_reading", readings, RangeReading::getId, partition );
		assertSamePlace( "range_reading", List.of( readings.get( 0 ).getId(), readings.get( 1 ).getId(), readings.get( 2 ).getId() ) );
		assertSamePlace( "range_reading", List.of( readings.get( 3 ).getId(), readings.get( 4 ).getId(), readings.get( 5 ).getId() ) );
		assertSamePlace( "range_reading", List.of( readings.get( 6 ).getId(), readings.get( 7 ).getId(), readings.get( 8 ).getId() ) );
		for ( RangeReading reading : readings ) {
			assertFound( RangeReading.class, reading.getId(), reading.getKey(), RangeReading::getKey );
			assertQueryFinds( RangeReading.class, "reading", reading.getKey(), List.of( reading.getId() ), expectedShard( partition.apply( reading ) ) );
		}
	}

	@Test
	void rangeRefusesANumberItCannotPlaceAtPersistAndWritesNothing() {
		for ( double unplaceable : new double[] { Double.NaN, Double.POSITIVE_INFINITY } ) {
			RangeReading valid = new RangeReading( 5.0 );
			try ( ShardedSession session = factory.openSession() ) {
				session.beginTransaction();
				session.persist( valid );
				assertThrows( ShardKeyException.class, () -> session.persist( new RangeReading( unplaceable ) ),
						"RANGE(100, 1000) cannot place " + unplaceable + ": documented as ShardKeyException" );
				session.getTransaction().rollback();
			}
			assertEquals( 0L, rows.total( "range_reading" ), "nothing is written for " + unplaceable );
		}
	}

	@Test
	void rangeOnStringsPlacesCaseAndAccentVariantsInOnePartitionAndShard() {
		List<RangeName> names = List.of( new RangeName( "Zed" ), new RangeName( "zed" ), new RangeName( "ZÉD " ),
				new RangeName( "apple" ), new RangeName( "Mike" ) );
		assertNotEquals( virtualShardOfPartition( 0L ), virtualShardOfPartition( 2L ),
				"precondition: comparing 'Zed' case-sensitively (partition 0, as 'Z' < 'm') would put it on another virtual shard" );
		persistAll( names );
		Function<RangeName, Object> partition = n -> Map.of( "apple", 0L, "mike", 1L ).getOrDefault( Placement.fold( n.getKey() ), 2L );
		assertStoredByPartition( "range_name", names, RangeName::getId, partition );
		List<Long> zeds = names.subList( 0, 3 ).stream().map( RangeName::getId ).toList();
		assertSamePlace( "range_name", zeds );
		try ( ShardedSession session = factory.openSession() ) {
			for ( RangeName name : names.subList( 0, 3 ) ) {
				RangeName found = session.find( RangeName.class, name.getId() );
				assertEquals( ShardId.of( expectedShard( 2L ) ), session.getShardIdForObject( found ), name.toString() );
				assertEquals( virtualShardOfPartition( 2L ), session.getVirtualShardIdForObject( found ), name.toString() );
			}
		}
		for ( String variant : List.of( "Zed", "zed", "ZÉD ", "ZED" ) ) {
			assertQueryFinds( RangeName.class, "name", variant, zeds, expectedShard( 2L ) );
		}
	}

	// ---- the property wins over the annotation

	@Test
	void theFunctionPropertyWinsOverTheAnnotation() {
		long[] values = { 5, 7, 998 }; // DIV(1000): all partition 0; MOD(3) would split them into 2, 1, 2
		assertTrue( Placement.virtualShard( 1L, VIRTUAL ) != Placement.virtualShard( 0L, VIRTUAL )
				|| Placement.virtualShard( 2L, VIRTUAL ) != Placement.virtualShard( 0L, VIRTUAL ),
				"precondition: the annotation's partitions would not land together with DIV's" );
		List<OverriddenKey> keys = new ArrayList<>();
		for ( long value : values ) {
			keys.add( new OverriddenKey( value ) );
		}
		persistAll( keys );
		assertStoredByPartition( "overridden_key", keys, OverriddenKey::getId, k -> Math.floorDiv( k.getKey(), 1000L ) );
		assertSamePlace( "overridden_key", keys.stream().map( OverriddenKey::getId ).toList() );
		assertQueryFinds( OverriddenKey.class, "code", 7L, List.of( keys.get( 1 ).getId() ), expectedShard( 0L ) );
	}

	// ---- null keys

	@Test
	void aNullKeyFailsAtPersistForEveryFunctionAndNothingIsWritten() {
		List<Object> keyless = List.of( new ModAccount( null ), new DivInvoice( null ), new PrefixMember( null ), new TenantRow( null ),
				new DateEvent( null ), new RangeReading( null ), new RangeName( null ), new OverriddenKey( null ) );
		for ( Object entity : keyless ) {
			try ( ShardedSession session = factory.openSession() ) {
				session.beginTransaction();
				session.persist( new ModAccount( 1L ) );
				ShardKeyException failure = assertThrows( ShardKeyException.class, () -> session.persist( entity ), entity.toString() );
				assertTrue( failure.getMessage().contains( entity.getClass().getSimpleName() ), failure.getMessage() );
				assertTrue( session.getTransaction().getRollbackOnly(), "the failed persist marks the transaction for rollback" );
				assertThrows( RuntimeException.class, () -> session.getTransaction().commit(), "a rollback-only transaction does not commit" );
			}
		}
		for ( String table : List.of( "mod_account", "div_invoice", "prefix_member", "tenant_row", "date_event", "range_reading",
				"range_name", "overridden_key" ) ) {
			assertEquals( 0L, rows.total( table ), "nothing is written to " + table );
		}
	}

	// ---- helpers

	private static BigInteger big(long value) {
		return BigInteger.valueOf( value );
	}

	private static int virtualShardOfPartition(Object partition) {
		return Placement.virtualShard( partition, VIRTUAL );
	}

	private int expectedShard(Object partition) {
		return Placement.physicalShard( Placement.virtualShard( partition, VIRTUAL ), VIRTUAL, PHYSICAL );
	}

	private void persistAll(List<?> entities) {
		try ( ShardedSession session = factory.openSession() ) {
			session.beginTransaction();
			entities.forEach( session::persist );
			session.getTransaction().commit();
		}
	}

	private <T> T inSession(Function<ShardedSession, T> work) {
		try ( ShardedSession session = factory.openSession() ) {
			return work.apply( session );
		}
	}

	private static <E> List<Long> idsWhere(List<E> entities, java.util.function.Predicate<E> test) {
		return entities.stream().filter( test ).map( e -> {
			try {
				return (Long) e.getClass().getMethod( "getId" ).invoke( e );
			}
			catch (ReflectiveOperationException x) {
				throw new IllegalStateException( x );
			}
		} ).toList();
	}

	/** @return the one shard holding the row, read with JDBC */
	private int shardOfRow(String table, long id) {
		List<Integer> holding = rows.shardsHolding( table, id );
		assertEquals( 1, holding.size(), table + "#" + id + " is stored on exactly one shard: " + holding );
		return holding.get( 0 );
	}

	private int virtualShardOfRow(String table, long id) {
		shardOfRow( table, id );
		return Placement.virtualShardOfId( id );
	}

	/**
	 * Checks with JDBC that every entity is stored on exactly the physical shard of its partition's virtual shard, that
	 * its id carries that virtual shard, and that the entities of one partition share their virtual and physical shard.
	 */
	private <E> void assertStoredByPartition(String table, List<E> entities, Function<E, Long> id, Function<E, Object> partition) {
		Map<Object, Set<List<Integer>>> placesByPartition = new LinkedHashMap<>();
		for ( E entity : entities ) {
			Object value = partition.apply( entity );
			int virtualShard = Placement.virtualShard( value, VIRTUAL );
			int shard = Placement.physicalShard( virtualShard, VIRTUAL, PHYSICAL );
			long entityId = id.apply( entity );
			assertEquals( List.of( shard ), rows.shardsHolding( table, entityId ),
					entity + " (partition '" + value + "', virtual shard " + virtualShard + ") is stored on shard " + shard + " only" );
			assertEquals( virtualShard, Placement.virtualShardOfId( entityId ), entity + ": the id's low 10 bits are the partition's virtual shard" );
			placesByPartition.computeIfAbsent( value instanceof String s ? Placement.fold( s ) : value, p -> new HashSet<>() )
					.add( List.of( shard, Placement.virtualShardOfId( entityId ) ) );
		}
		placesByPartition.forEach( (value, places) -> assertEquals( 1, places.size(),
				"every value of partition '" + value + "' shares one physical and virtual shard: " + places ) );
		assertTrue( placesByPartition.values().stream().distinct().count() > 1 || placesByPartition.size() == 1,
				"precondition: the partitions of this test land on more than one virtual shard" );
	}

	/** The rows (read by JDBC) share one physical shard and one virtual shard. */
	private void assertSamePlace(String table, List<Long> ids) {
		assertTrue( ids.size() > 1, "a group of at least two rows" );
		Set<List<Integer>> places = new HashSet<>();
		for ( long id : ids ) {
			places.add( List.of( shardOfRow( table, id ), Placement.virtualShardOfId( id ) ) );
		}
		assertEquals( 1, places.size(), "rows " + ids + " of one partition share their physical and virtual shard: " + places );
	}

	private <E> void assertFound(Class<E> type, long id, Object key, Function<E, Object> keyOf) {
		E found = inSession( s -> s.find( type, id ) );
		assertNotNull( found, type.getSimpleName() + "#" + id + " is found by id" );
		assertEquals( key, keyOf.apply( found ) );
	}

	/** {@code from E e where e.attribute = :v} returns exactly the expected ids and asks only the expected shard. */
	private void assertQueryFinds(Class<?> type, String attribute, Object value, List<Long> expectedIds, int expectedShard) {
		ShardActivity activity = new ShardActivity();
		jakarta.persistence.Entity entity = type.getAnnotation( jakarta.persistence.Entity.class );
		String entityName = entity.name().isEmpty() ? type.getSimpleName() : entity.name();
		List<Long> ids = inSession( s -> s.createQuery( "select e.id from " + entityName + " e where e." + attribute
				+ " = :v order by e.id", Long.class ).setParameter( "v", value ).getResultList() );
		assertEquals( expectedIds.stream().sorted().toList(), ids, type.getSimpleName() + "." + attribute + " = '" + value + "'" );
		assertEquals( List.of( expectedShard ), activity.shardsWithStatements(),
				type.getSimpleName() + "." + attribute + " = '" + value + "' asks only the shard of its partition" );
	}

	/** Which shards prepared statements since the snapshot, by each shard factory's statistics. */
	private final class ShardActivity {
		private final long[] statements = new long[PHYSICAL];

		ShardActivity() {
			for ( int i = 0; i < PHYSICAL; i++ ) {
				statements[i] = statistics( i );
			}
		}

		List<Integer> shardsWithStatements() {
			List<Integer> touched = new ArrayList<>();
			for ( int i = 0; i < PHYSICAL; i++ ) {
				if ( statistics( i ) > statements[i] ) {
					touched.add( i );
				}
			}
			return touched;
		}

		private long statistics(int shard) {
			return factory.getSessionFactories().get( ShardId.of( shard ) ).getStatistics().getPrepareStatementCount();
		}
	}
}
