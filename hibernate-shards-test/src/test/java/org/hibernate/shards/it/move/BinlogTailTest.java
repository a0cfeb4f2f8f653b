package org.hibernate.shards.it.move;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.hibernate.shards.admin.internal.BinlogTail;
import org.hibernate.shards.admin.internal.BinlogTail.Position;
import org.hibernate.shards.test.MySqlShards;
import org.hibernate.shards.test.ShardDatabase;
import org.hibernate.shards.test.ShardDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.mysql.cj.jdbc.MysqlDataSource;

/**
 * {@link BinlogTail} against a real server's binary log. Shard 0 is followed; shard 1 and an extra database on shard
 * 0's server hold look-alike tables whose changes must not be reported. Every tail starts at (or before) a position
 * taken in the test, so earlier tests' writes are never seen, and is closed after the test.
 */
@MySqlShards(2)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BinlogTailTest {
	private static final Duration WAIT = Duration.ofSeconds( 10 );
	private static final Map<String, List<String>> FOLLOWED = Map.of(
			"account", List.of( "id" ),
			"tag", List.of( "code" ),
			"membership", List.of( "tenant", "member" ) );
	private static final String[] TABLES = {
			"create table account (id bigint primary key, name varchar(50))",
			"create table tag (code varchar(40) primary key, label varchar(50))",
			"create table membership (tenant varchar(20), member int, role varchar(20), primary key (tenant, member))",
			"create table audit (id bigint primary key, what varchar(50))" };

	private ShardDatabase shard;
	private ShardDatabase otherServer;
	private ShardDatabase otherDatabase;
	private MysqlDataSource metadata;
	private final List<BinlogTail> tails = new ArrayList<>();

	@BeforeAll
	void createTables(ShardDatabases dbs) throws SQLException {
		shard = dbs.get( 0 );
		otherServer = dbs.get( 1 );
		otherDatabase = dbs.createExtraDatabase( "binlog_other" );
		try ( Connection connection = shard.openConnection() ) {
			Optional<String> unavailable = BinlogTail.unavailableReason( connection );
			if ( "mariadbd".equals( dbs.source() ) ) {
				assertEquals( Optional.empty(), unavailable, "the test kit's servers keep a row-based binary log" );
			}
			Assumptions.assumeTrue( unavailable.isEmpty(), () -> "no binary log to follow: " + unavailable.get() );
		}
		for ( ShardDatabase db : List.of( shard, otherServer, otherDatabase ) ) {
			sql( db, TABLES );
		}
		sql( shard, "create table typed (id int primary key, tiny tinyint, tiny_u tinyint unsigned,"
						+ " small_u smallint unsigned, medium_u mediumint unsigned, int_u int unsigned, big bigint,"
						+ " big_u bigint unsigned, amount decimal(12,2), code char(8), latin varchar(20) character set latin1)",
				"create table shifting (id bigint primary key, v int)" );
		metadata = new MysqlDataSource();
		metadata.setURL( shard.jdbcUrl() );
		metadata.setUser( shard.username() );
		metadata.setPassword( shard.password() );
	}

	@BeforeEach
	void emptyTables() throws SQLException {
		for ( ShardDatabase db : List.of( shard, otherServer, otherDatabase ) ) {
			sql( db, "delete from account", "delete from tag", "delete from membership", "delete from audit" );
		}
	}

	@AfterEach
	void closeTails() {
		tails.forEach( BinlogTail::close );
		tails.clear();
	}

	@Test
	void insertsUpdatesAndDeletesAreReportedByKey() throws Exception {
		BinlogTail tail = tail( now() );
		sql( shard,
				"insert into account values (1, 'a'), (2, 'b'), (3, 'c')",
				"update account set name = 'B' where id = 2",
				"update account set id = 30 where id = 3",
				"delete from account where id = 1",
				"insert into tag values ('größe', 'x'), ('plain', 'y')",
				"update tag set code = 'weiß' where code = 'größe'",
				"delete from tag where code = 'plain'",
				"insert into membership values ('acme', 7, 'owner'), ('acme', 8, 'member')",
				"update membership set member = 9 where tenant = 'acme' and member = 8",
				"delete from membership where tenant = 'acme' and member = 7" );

		assertEquals( Map.of(
				"account", Set.of( List.of( 1L ), List.of( 2L ), List.of( 3L ), List.of( 30L ) ),
				"tag", Set.of( List.of( "größe" ), List.of( "weiß" ), List.of( "plain" ) ),
				"membership", Set.of( List.of( "acme", 7 ), List.of( "acme", 8 ), List.of( "acme", 9 ) ) ),
				caughtUp( tail ) );
	}

	@Test
	void changesInOtherTablesAndDatabasesAreNotReported() throws Exception {
		BinlogTail tail = tail( now() );
		sql( shard, "insert into audit values (1, 'not followed')" );
		sql( otherDatabase, "insert into account values (2, 'same server, other database')" );
		sql( otherServer, "insert into account values (3, 'other server')" );
		sql( shard, "insert into account values (4, 'followed')" );

		assertEquals( Map.of( "account", Set.of( List.of( 4L ) ) ), caughtUp( tail ) );
	}

	@Test
	void awaitPositionReturnsOnceTheWritesBeforeItAreRead() throws Exception {
		BinlogTail tail = tail( now() );
		sql( shard, "insert into account values (11, 'a')", "insert into account values (12, 'b')" );
		Position afterWrites = now();

		assertTrue( tail.awaitPosition( afterWrites, WAIT ) );
		assertTrue( tail.position().compareTo( afterWrites ) >= 0, tail.position() + " before " + afterWrites );
		assertEquals( Map.of( "account", Set.of( List.of( 11L ), List.of( 12L ) ) ), tail.drain() );
		Position notYetWritten = new Position( afterWrites.file(), afterWrites.offset() + 1_000_000 );
		assertFalse( tail.awaitPosition( notYetWritten, Duration.ofMillis( 200 ) ) );
	}

	@Test
	void drainingTwiceGivesNothingNewTheSecondTime() throws Exception {
		BinlogTail tail = tail( now() );
		sql( shard, "insert into account values (21, 'a')" );

		assertEquals( Map.of( "account", Set.of( List.of( 21L ) ) ), caughtUp( tail ) );
		assertEquals( Map.of(), tail.drain() );
		sql( shard, "update account set name = 'b' where id = 21" );
		assertEquals( Map.of( "account", Set.of( List.of( 21L ) ) ), caughtUp( tail ) );
	}

	@Test
	void aTailStartedLateCatchesUpFromARecordedPosition() throws Exception {
		Position recorded = now();
		sql( shard, "insert into account values (41, 'a'), (42, 'b')", "delete from account where id = 41" );

		BinlogTail tail = tail( recorded );
		assertEquals( Map.of( "account", Set.of( List.of( 41L ), List.of( 42L ) ) ), caughtUp( tail ) );
	}

	@Test
	void followsTheLogIntoTheNextFile() throws Exception {
		Position start = now();
		BinlogTail tail = tail( start );
		sql( shard, "insert into account values (51, 'a')", "flush binary logs", "insert into account values (52, 'b')" );
		Position afterRotation = now();

		assertNotEquals( start.file(), afterRotation.file() );
		assertTrue( afterRotation.compareTo( start ) > 0 );
		assertEquals( Map.of( "account", Set.of( List.of( 51L ), List.of( 52L ) ) ), caughtUp( tail ) );
		assertEquals( afterRotation.file(), tail.position().file() );
	}

	@Test
	void keyValuesEqualWhatJdbcReadsBack() throws Exception {
		List<String> columns = List.of( "tiny", "tiny_u", "small_u", "medium_u", "int_u", "big", "big_u", "amount",
				"code", "latin" );
		BinlogTail tail = tail( now(), Map.of( "typed", columns ) );
		sql( shard, "insert into typed values (1, -128, 255, 65535, 16777215, 4294967295, -9223372036854775808,"
				+ " 18446744073709551615, -1234567890.50, 'ünï', 'café')" );

		List<Object> readBack = new ArrayList<>();
		try ( Connection connection = shard.openConnection();
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery( "select " + String.join( ", ", columns ) + " from typed" ) ) {
			rs.next();
			for ( int i = 1; i <= columns.size(); i++ ) {
				readBack.add( rs.getObject( i ) );
			}
		}
		assertEquals( Map.of( "typed", Set.of( readBack ) ), caughtUp( tail ) );
	}

	@Test
	void tableAndColumnNamesMatchIgnoringCase() throws Exception {
		BinlogTail tail = tail( now(), Map.of( "ACCOUNT", List.of( "ID" ) ) );
		sql( shard, "insert into account values (61, 'a')" );

		assertEquals( Map.of( "ACCOUNT", Set.of( List.of( 61L ) ) ), caughtUp( tail ) );
	}

	@Test
	void aTableCreatedAfterTheStartIsFollowed() throws Exception {
		BinlogTail tail = tail( now(), Map.of( "late", List.of( "id" ) ) );
		try {
			sql( shard, "create table late (id int primary key)", "insert into late values (1), (2)" );
			assertEquals( Map.of( "late", Set.of( List.of( 1 ), List.of( 2 ) ) ), caughtUp( tail ) );
		}
		finally {
			sql( shard, "drop table if exists late" );
		}
	}

	@Test
	void aColumnAddedBeforeTheKeyIsResolvedAgain() throws Exception {
		BinlogTail tail = tail( now(), Map.of( "shifting", List.of( "id" ) ) );
		sql( shard, "insert into shifting values (71, 1)" );
		assertEquals( Map.of( "shifting", Set.of( List.of( 71L ) ) ), caughtUp( tail ) );

		sql( shard, "alter table shifting add column first_one varchar(10) first",
				"insert into shifting values ('x', 72, 2)" );
		assertEquals( Map.of( "shifting", Set.of( List.of( 72L ) ) ), caughtUp( tail ) );
	}

	@Test
	void twoTailsOnOneServerBothFollow() throws Exception {
		Position start = now();
		BinlogTail first = tail( start );
		BinlogTail second = tail( start );
		sql( shard, "insert into account values (81, 'a')" );

		assertEquals( Map.of( "account", Set.of( List.of( 81L ) ) ), caughtUp( first ) );
		assertEquals( Map.of( "account", Set.of( List.of( 81L ) ) ), caughtUp( second ) );
		assertEquals( Optional.empty(), first.failure() );
		assertEquals( Optional.empty(), second.failure() );
	}

	@Test
	void aKilledConnectionIsReportedAsTheFailure() throws Exception {
		BinlogTail tail = tail( now() );
		killBinlogDumps();

		long begin = System.nanoTime();
		assertFalse( tail.awaitPosition( new Position( "zzz.999999", 4 ), WAIT ) );
		assertTrue( Duration.ofNanos( System.nanoTime() - begin ).compareTo( WAIT ) < 0, "woken by the failure" );
		Exception failure = tail.failure().orElseThrow();
		assertTrue( failure.getMessage().contains( hostPortDatabase() ), failure.getMessage() );
	}

	@Test
	void startFailsWithAMessageThatHidesThePassword() {
		BinlogTail tail = new BinlogTail( shard.jdbcUrl(), shard.username(), "wrong-Secret-42", metadata, FOLLOWED, now() );
		tails.add( tail );

		IllegalStateException failure = assertThrows( IllegalStateException.class, () -> tail.start( WAIT ) );
		assertTrue( failure.getMessage().contains( hostPortDatabase() ), failure.getMessage() );
		assertFalse( failure.getMessage().contains( "wrong-Secret-42" ), failure.getMessage() );
	}

	@Test
	void startFailsAtAPositionTheServerDoesNotHave() {
		BinlogTail tail = new BinlogTail( shard.jdbcUrl(), shard.username(), shard.password(), metadata, FOLLOWED,
				new Position( "no-such-log.000001", 4 ) );
		tails.add( tail );

		IllegalStateException failure = assertThrows( IllegalStateException.class, () -> tail.start( WAIT ) );
		assertTrue( failure.getMessage().contains( "no-such-log.000001:4" ), failure.getMessage() );
	}

	@Test
	void unknownKeyColumnsAreRefusedAtStart() {
		BinlogTail tail = new BinlogTail( shard.jdbcUrl(), shard.username(), shard.password(), metadata,
				Map.of( "account", List.of( "owner_id" ) ), now() );
		tails.add( tail );

		IllegalArgumentException failure = assertThrows( IllegalArgumentException.class, () -> tail.start( WAIT ) );
		assertTrue( failure.getMessage().contains( "account has no column owner_id" ), failure.getMessage() );
	}

	@Test
	void closeStopsTheClientThread() throws Exception {
		Set<Thread> before = clientThreads();
		BinlogTail tail = tail( now() );
		Set<Thread> started = clientThreads();
		started.removeAll( before );
		assertFalse( started.isEmpty(), "the tail reads in a thread of its own" );

		tail.close();
		assertEquals( Set.of(), started.stream().filter( Thread::isAlive ).collect( Collectors.toSet() ) );
		assertFalse( tail.awaitPosition( new Position( "zzz.999999", 4 ), WAIT ) );
	}

	// ---- helpers

	private BinlogTail tail(Position from) {
		return tail( from, FOLLOWED );
	}

	private BinlogTail tail(Position from, Map<String, List<String>> followed) {
		BinlogTail tail = new BinlogTail( shard.jdbcUrl(), shard.username(), shard.password(), metadata, followed, from );
		tails.add( tail );
		tail.start( WAIT );
		return tail;
	}

	/** Waits until the tail has read everything written so far, then drains it. */
	private Map<String, Set<List<Object>>> caughtUp(BinlogTail tail) throws InterruptedException {
		Position end = now();
		assertTrue( tail.awaitPosition( end, WAIT ), () -> "stuck at " + tail.position() + " before " + end + ", "
				+ tail.failure().map( Exception::getMessage ).orElse( "no failure" ) );
		return tail.drain();
	}

	private Position now() {
		try ( Connection connection = shard.openConnection() ) {
			return BinlogTail.currentPosition( connection );
		}
		catch (SQLException e) {
			throw new IllegalStateException( e );
		}
	}

	private void killBinlogDumps() throws SQLException {
		try ( Connection connection = shard.openConnection(); Statement statement = connection.createStatement() ) {
			List<Long> dumps = new ArrayList<>();
			try ( ResultSet rs = statement.executeQuery( "show processlist" ) ) {
				while ( rs.next() ) {
					if ( rs.getString( "Command" ).startsWith( "Binlog Dump" ) ) {
						dumps.add( rs.getLong( "Id" ) );
					}
				}
			}
			assertFalse( dumps.isEmpty(), "the tail's connection shows in the process list" );
			for ( long id : dumps ) {
				statement.execute( "kill " + id );
			}
		}
	}

	private String hostPortDatabase() {
		return shard.jdbcUrl().replaceFirst( "^jdbc:mysql://", "" ).replaceFirst( "\\?.*$", "" );
	}

	private static Set<Thread> clientThreads() {
		return Thread.getAllStackTraces().keySet().stream()
				.filter( t -> t.getName().startsWith( "blc-" ) )
				.collect( Collectors.toSet() );
	}

	private static void sql(ShardDatabase db, String... statements) throws SQLException {
		try ( Connection connection = db.openConnection(); Statement statement = connection.createStatement() ) {
			for ( String sql : statements ) {
				statement.execute( sql );
			}
		}
	}
}
