package org.hibernate.shards.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.cfg.ShardedConfiguration;
import org.hibernate.shards.cli.model.Member;
import org.hibernate.shards.test.MySqlShards;
import org.hibernate.shards.test.ShardDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An operator's session with the {@code shards} command against three real MariaDB shards, in order: the schema, the
 * status, partitions, moves and checks, each read back from the databases themselves; and the refusals (exit code 1,
 * the reason on standard error, nothing changed) and usage errors (exit code 2). The application is described as an
 * operator has it: a properties file and its entity class.
 */
@MySqlShards(3)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShardsCommandTest {
	private static final ObjectMapper JSON = new ObjectMapper();
	private static final String[] NICKNAMES = { "marple", "martin", "marvin", "zed", "zelda", "alice", "albert", "bob", "bella", "carl" };
	private static final String SECRET = "N0t-the-Passw0rd!";

	private ShardDatabases dbs;
	private ShardTables tables;
	private Path properties;

	record Run(int code, String out, String err) {
		JsonNode json() {
			try {
				return JSON.readTree( out );
			}
			catch (IOException e) {
				throw new AssertionError( "Not JSON: " + out, e );
			}
		}
	}

	@BeforeAll
	void describeTheApplication(ShardDatabases dbs, @TempDir Path dir) throws IOException {
		this.dbs = dbs;
		this.tables = new ShardTables( dbs );
		Properties settings = new Properties();
		settings.putAll( dbs.hibernateProperties() );
		settings.put( "hibernate.shards.directory.enabled", "true" );
		settings.put( "hibernate.shards.virtual_shards", "12" );
		settings.put( "hibernate.hikari.maximumPoolSize", "3" );
		// Shard 0 is declared far too small, so that a rebalance has something to plan.
		settings.put( "hibernate.shards.0.capacity_mb", "0.01" );
		settings.put( "hibernate.shards.1.capacity_mb", "100" );
		settings.put( "hibernate.shards.2.capacity_mb", "100" );
		properties = dir.resolve( "app.properties" );
		try ( Writer writer = Files.newBufferedWriter( properties ) ) {
			settings.store( writer, "the application's shards" );
		}
	}

	private Run shards(String... args) {
		List<String> all = new ArrayList<>( List.of( args ) );
		if ( !all.contains( "--help" ) ) {
			all.addAll( List.of( "--properties", properties.toString(), "--mapping", Member.class.getName() ) );
		}
		return run( all );
	}

	/** Runs the command line as given, with no application settings added. */
	private static Run run(List<String> all) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int code = ShardsCommand.execute( new PrintWriter( out ), new PrintWriter( err ), all.toArray( String[]::new ) );
		return new Run( code, out.toString(), err.toString() );
	}

	private static Run ok(Run run) {
		assertEquals( 0, run.code(), () -> "exit code; stderr: " + run.err() + "; stdout: " + run.out() );
		return run;
	}




	@Test
	@Order(1)
	void schemaUpdateCreatesTheMappedTableOnEveryShard() throws SQLException {
		Run run = ok( shards( "schema", "update" ) );
		assertTrue( run.out().contains( "3 shards" ), run.out() );
		assertEquals( List.of( 0L, 0L, 0L ), tables.membersPerShard(), "the table is there, empty, on every shard" );
		ok( shards( "schema", "validate" ) );
		Map<String, String> settings = new LinkedHashMap<>( dbs.hibernateProperties() );
		settings.put( "hibernate.shards.directory.enabled", "true" );
		settings.put( "hibernate.shards.virtual_shards", "12" );
		try ( ShardedSessionFactory factory = new ShardedConfiguration().setProperties( settings ).addAnnotatedClass( Member.class )
				.buildShardedSessionFactory(); ShardedSession session = factory.openSession() ) {
			session.inTransaction( tx -> {
				long id = 1;
				for ( String nickname : NICKNAMES ) {
					for ( int i = 0; i < 3; i++ ) {
						session.persist( new Member( id++, nickname + i ) );
					}
				}
			} );
		}
	}

	@Test
	@Order(2)
	void statusShowsWhatTheDatabasesHold() throws Exception {
		JsonNode status = ok( shards( "status", "--json" ) ).json();
		assertEquals( 3, status.get( "shards" ).size() );
		List<Long> counted = tables.membersPerShard();
		for ( int shard = 0; shard < 3; shard++ ) {
			JsonNode node = status.get( "shards" ).get( shard );
			assertEquals( shard, node.get( "shard" ).asInt() );
			assertEquals( counted.get( shard ), node.get( "rowsByEntity" ).get( Member.class.getName() ).asLong(), "rows on shard " + shard );
			assertEquals( 4, node.get( "virtualShards" ).size(), "12 virtual shards over 3" );
		}
		assertEquals( NICKNAMES.length * 3L, counted.stream().mapToLong( Long::longValue ).sum() );
		String table = ok( shards( "status" ) ).out();
		assertTrue( table.startsWith( "SHARD  STATE" ), table );
		assertTrue( table.contains( "Directory version " + status.get( "directoryVersion" ).asLong() ), table );
		assertTrue( table.contains( "Member " + counted.get( 1 ) ), table );
	}

	@Test
	@Order(3)
	void partitionsAreSetUpAddedAndListed() throws Exception {
		ok( shards( "setup-table", "Member", "--key", "nickname", "--function", "PREFIX(3)" ) );
		// 'mar' lives where its hash puts it; place it on a virtual shard of another physical shard, with its rows.
		int from = virtualShardOfMar();
		int to = ( from + 4 ) % 12;
		Run added = ok( shards( "add-partition", "Member", "mar", "mar", "--virtual-shard", String.valueOf( to ) ) );
		assertTrue( added.out().contains( "physical shard " + to / 4 ), added.out() );
		assertEquals( 9L, tables.count( to / 4, "select count(*) from cli_member where nickname like 'mar%'" ), "the partition's rows moved with it" );
		assertEquals( 0L, tables.count( from / 4, "select count(*) from cli_member where nickname like 'mar%'" ) );
		JsonNode partitions = ok( shards( "list-partitions", "Member", "--json" ) ).json();
		assertEquals( 1, partitions.size() );
		assertEquals( "mar", partitions.get( 0 ).get( "value" ).asText() );
		assertEquals( to, partitions.get( 0 ).get( "virtualShard" ).asInt() );
		assertEquals( to / 4, partitions.get( 0 ).get( "physicalShard" ).asInt() );
	}

	private int virtualShardOfMar() throws SQLException {
		for ( int shard = 0; shard < 3; shard++ ) {
			if ( tables.count( shard, "select count(*) from cli_member where nickname like 'mar%'" ) > 0 ) {
				return shard * 4; // any virtual shard of that physical shard: only the physical shard matters here
			}
		}
		throw new AssertionError( "no mar rows" );
	}

	@Test
	@Order(4)
	void anOverlappingPartitionIsRefusedAndChangesNothing() throws Exception {
		long version = ok( shards( "status", "--json" ) ).json().get( "directoryVersion" ).asLong();
		Run refused = shards( "add-partition", "Member", "mar-again", "mar", "--virtual-shard", "0" );
		assertEquals( 1, refused.code(), refused.out() );
		assertTrue( refused.err().startsWith( "shards: " ) && refused.err().contains( "mar" ), refused.err() );
		assertEquals( 1, ok( shards( "list-partitions", "Member", "--json" ) ).json().size() );
		assertEquals( version, ok( shards( "status", "--json" ) ).json().get( "directoryVersion" ).asLong() );
	}

	@Test
	@Order(5)
	void aVirtualShardMovesWithItsRows() throws Exception {
		List<Long> before = tables.membersPerShard();
		long onVirtualShard3 = ok( shards( "status", "--json" ) ).json().get( "shards" ).get( 0 ).get( "virtualShards" ).size();
		assertEquals( 4, onVirtualShard3 );
		Run moved = ok( shards( "move", "--virtual-shard", "3", "--to", "2" ) );
		assertTrue( moved.out().contains( "Moved virtual shard 3 from shard 0 to shard 2" ), moved.out() );
		List<Long> after = tables.membersPerShard();
		assertEquals( before.stream().mapToLong( Long::longValue ).sum(), after.stream().mapToLong( Long::longValue ).sum(), "no row lost or doubled" );
		JsonNode shard2 = ok( shards( "status", "--json" ) ).json().get( "shards" ).get( 2 );
		assertTrue( shard2.get( "virtualShards" ).toString().contains( "3" ), shard2.toString() );
	}

	@Test
	@Order(6)
	void aMoveToAShardThatDoesNotExistIsRefused() throws Exception {
		List<Long> before = tables.membersPerShard();
		Run refused = shards( "move", "--virtual-shard", "1", "--to", "9" );
		assertEquals( 1, refused.code() );
		assertTrue( refused.err().contains( "9" ), refused.err() );
		assertEquals( before, tables.membersPerShard() );
	}

	@Test
	@Order(7)
	void aDryRunRebalancePlansMovesOffTheOverfullShardAndMovesNothing() throws Exception {
		long version = ok( shards( "status", "--json" ) ).json().get( "directoryVersion" ).asLong();
		List<Long> before = tables.membersPerShard();
		JsonNode plan = ok( shards( "rebalance", "--dry-run", "--json" ) ).json();
		assertTrue( plan.get( "moves" ).size() > 0, plan.toString() );
		plan.get( "moves" ).forEach( move -> assertEquals( 0, move.get( "source" ).asInt(), plan.toString() ) );
		assertEquals( before, tables.membersPerShard() );
		assertEquals( version, ok( shards( "status", "--json" ) ).json().get( "directoryVersion" ).asLong() );
	}

	@Test
	@Order(8)
	void checkFindsColumnsThatDifferBetweenShards() throws Exception {
		JsonNode clean = ok( shards( "check", "--json" ) ).json();
		clean.forEach( result -> assertTrue( result.get( "ok" ).asBoolean(), result.toString() ) );
		tables.execute( 1, "alter table cli_member add column nickname_note varchar(20)" );
		try {
			Run drift = shards( "check", "--json" );
			assertEquals( 1, drift.code(), drift.out() );
			List<JsonNode> failed = new ArrayList<>();
			drift.json().forEach( result -> {
				if ( !result.get( "ok" ).asBoolean() ) {
					failed.add( result );
				}
			} );
			assertEquals( 1, failed.size(), failed.toString() );
			assertEquals( "schema drift", failed.get( 0 ).get( "check" ).asText() );
			assertEquals( 1, failed.get( 0 ).get( "shard" ).asInt() );
			assertTrue( failed.get( 0 ).get( "detail" ).asText().contains( "nickname_note" ), failed.toString() );
		}
		finally {
			tables.execute( 1, "alter table cli_member drop column nickname_note" );
		}
	}

	@Test
	@Order(9)
	void validateNamesAMissingColumnAndUpdateBringsItBack() throws Exception {
		tables.execute( 2, "alter table cli_member drop column points" );
		Run invalid = shards( "schema", "validate" );
		assertEquals( 1, invalid.code(), invalid.out() );
		assertTrue( invalid.err().contains( "shard 2" ) && invalid.err().contains( "points" ), invalid.err() );
		ok( shards( "schema", "update" ) );
		ok( shards( "schema", "validate" ) );
	}

	@Test
	@Order(10)
	void aWrongPasswordFailsWithoutShowingIt() {
		Run refused = shards( "status", "--set", "hibernate.shards.1.connection.password=" + SECRET );
		assertEquals( 1, refused.code(), refused.out() );
		assertFalse( refused.err().contains( SECRET ) || refused.out().contains( SECRET ), refused.err() );
		assertTrue( refused.err().contains( "shard 1" ) && refused.err().contains( "Access denied" ), refused.err() );
	}

	@Test
	@Order(11)
	void usageErrorsExitWithTwo() {
		assertEquals( 2, shards( "move", "--virtual-shard", "1" ).code(), "no target" );
		assertEquals( 2, shards( "move", "--virtual-shard", "1", "--to", "2", "--partition", "mar" ).code(), "two kinds of move" );
		assertEquals( 2, shards( "no-such-command" ).code() );
		assertEquals( 2, ShardsCommand.execute( new PrintWriter( new StringWriter() ), new PrintWriter( new StringWriter() ) ) );
	}

	@Test
	@Order(11)
	void aConsoleWithAShortAdminTokenIsRefusedWithoutShowingIt(@TempDir Path dir) throws IOException {
		Path token = dir.resolve( "token" );
		Files.writeString( token, "short-secret-15" );
		Run refused = shards( "console", "--port", "0", "--admin-token-file", token.toString() );
		assertEquals( 1, refused.code(), refused.out() );
		assertTrue( refused.err().contains( "shorter than 16 characters" ), refused.err() );
		assertFalse( refused.err().contains( "short-secret-15" ) || refused.out().contains( "short-secret-15" ) );
	}

	@Test
	@Order(12)
	void everyCommandExplainsItself() {
		for ( String command : List.of( "status", "check", "list-partitions", "setup-table", "add-partition", "remove-partition", "move",
				"rebalance", "schema" ) ) {
			Run help = shards( command, "--help" );
			assertEquals( 0, help.code(), command );
			assertTrue( help.out().contains( "Usage: shards " + command ), help.out() );
		}
	}

	@Test
	@Order(16)
	void aPartitionMovesWithItsRowsToAnotherVirtualShard() throws Exception {
		JsonNode partition = ok( shards( "list-partitions", "Member", "--json" ) ).json().get( 0 );
		int from = partition.get( "virtualShard" ).asInt();
		int to = ( from + 4 ) % 12;
		Run moved = ok( shards( "move", "--entity", "Member", "--partition", "mar", "--to-virtual-shard", String.valueOf( to ) ) );
		assertTrue( moved.out().contains( "Moved partition mar of Member (to virtual shard " + to + ")" ), moved.out() );
		assertEquals( to, ok( shards( "list-partitions", "Member", "--json" ) ).json().get( 0 ).get( "virtualShard" ).asInt() );
		assertEquals( 9L, tables.count( to / 4, "select count(*) from cli_member where nickname like 'mar%'" ), "the rows went with it" );
		assertEquals( 0L, tables.count( from / 4, "select count(*) from cli_member where nickname like 'mar%'" ) );
	}

	@Test
	@Order(17)
	void aRemovedPartitionTakesItsRowsBackToWhereTheyHash() throws Exception {
		ok( shards( "remove-partition", "Member", "mar" ) );
		assertEquals( 0, ok( shards( "list-partitions", "Member", "--json" ) ).json().size() );
		long mar = 0;
		for ( int shard = 0; shard < 3; shard++ ) {
			mar += tables.count( shard, "select count(*) from cli_member where nickname like 'mar%'" );
		}
		assertEquals( 9L, mar, "every mar row, exactly once" );
	}

	@Test
	@Order(14)
	void migrateRunsTheApplicationsFlywayMigrationsOnEveryShard(@TempDir Path classes) throws Exception {
		Path migrations = Files.createDirectories( classes.resolve( "db/migration" ) );
		Files.writeString( migrations.resolve( "V1__loyalty.sql" ), "create table cli_loyalty (id bigint primary key, points int not null);" );
		Run run = ok( shards( "schema", "migrate", "--class-path", classes.toString() ) );
		for ( int shard = 0; shard < 3; shard++ ) {
			assertTrue( run.out().contains( "shard " + shard + ": 1 migrations run, at version 1" ), run.out() );
			assertEquals( 0L, tables.count( shard, "select count(*) from cli_loyalty" ), "the table is on shard " + shard );
			assertEquals( 1L, tables.count( shard, "select count(*) from flyway_schema_history where version = '1' and success = 1" ) );
		}
		assertTrue( ok( shards( "schema", "migrate", "--class-path", classes.toString() ) ).out().contains( "shard 2: up to date" ) );
	}

	@Test
	@Order(15)
	void aFailedMigrationNamesItsShardAndGoesNoFurther(@TempDir Path classes) throws Exception {
		Path migrations = Files.createDirectories( classes.resolve( "db/migration" ) );
		Files.writeString( migrations.resolve( "V1__loyalty.sql" ), "create table cli_loyalty (id bigint primary key, points int not null);" );
		// Shard 1 already has the column the migration adds: it fails there, and shard 2 is left as it was.
		Files.writeString( migrations.resolve( "V2__tier.sql" ), "alter table cli_loyalty add column tier varchar(10);" );
		tables.execute( 1, "alter table cli_loyalty add column tier varchar(10)" );
		Run failed = shards( "schema", "migrate", "--class-path", classes.toString() );
		assertEquals( 1, failed.code(), failed.out() );
		assertTrue( failed.out().contains( "shard 0: 1 migrations run, at version 2" ), failed.out() );
		assertTrue( failed.err().contains( "shard 1: the migration failed" ), failed.err() );
		assertEquals( 0L, tables.count( 2, "select count(*) from flyway_schema_history where version = '2'" ), "shard 2 was not migrated" );
	}

	@Test
	@Order(18)
	void theApplicationCanBeDescribedByItsPersistenceUnit(@TempDir Path dir) throws Exception {
		StringBuilder xml = new StringBuilder( """
				<persistence xmlns="https://jakarta.ee/xml/ns/persistence" version="3.2">
				  <persistence-unit name="other"/>
				  <persistence-unit name="members">
				    <class>org.hibernate.shards.cli.model.Member</class>
				    <properties>
				""" );
		Properties settings = new Properties();
		try ( var reader = Files.newBufferedReader( properties ) ) {
			settings.load( reader );
		}
		settings.stringPropertyNames().forEach( name -> xml.append( "      <property name=\"" ).append( name ).append( "\" value=\"" )
				.append( settings.getProperty( name ).replace( "&", "&amp;" ).replace( "\"", "&quot;" ) ).append( "\"/>\n" ) );
		xml.append( "    </properties>\n  </persistence-unit>\n</persistence>\n" );
		Path persistenceXml = Files.writeString( dir.resolve( "persistence.xml" ), xml );

		Run status = run( List.of( "status", "--json", "--persistence-xml", persistenceXml.toString(), "--unit", "members" ) );
		assertEquals( 0, status.code(), status.err() );
		long rows = 0;
		for ( JsonNode shard : status.json().get( "shards" ) ) {
			rows += shard.get( "rowsByEntity" ).get( Member.class.getName() ).asLong();
		}
		assertEquals( tables.membersPerShard().stream().mapToLong( Long::longValue ).sum(), rows );
		Run ambiguous = run( List.of( "status", "--persistence-xml", persistenceXml.toString() ) );
		assertEquals( 1, ambiguous.code() );
		assertTrue( ambiguous.err().contains( "[members, other]" ), ambiguous.err() );
	}
}
