package org.hibernate.shards.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.hibernate.shards.demo.DemoDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Given no configuration, the command works on the demo's databases: created on first use in H2 files with the
 * demo's users over four active shards and a standby, and found again as the last command left them.
 */
class DemoDatabasesCommandTest {

	private static String run(Path dir, String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		String[] all = new String[args.length + 2];
		System.arraycopy( args, 0, all, 0, args.length );
		all[args.length] = "--demo-dir";
		all[args.length + 1] = dir.toString();
		int code = ShardsCommand.execute( new PrintWriter( out ), new PrintWriter( err ), all );
		assertEquals( 0, code, () -> err.toString() + out );
		return out.toString();
	}

	@Test
	void aNewcomerGetsTheDemosShardsAndTheyKeepWhatACommandChanged(@TempDir Path dir) throws Exception {
		JsonNode status = new ObjectMapper().readTree( run( dir, "status", "--json" ) );
		assertEquals( 5, status.get( "shards" ).size() );
		long users = 0;
		for ( JsonNode shard : status.get( "shards" ) ) {
			users += shard.get( "rowsByEntity" ).path( "org.hibernate.shards.demo.User" ).asLong();
		}
		assertEquals( DemoDatabases.USERS, users );
		assertEquals( "STANDBY", status.get( "shards" ).get( 4 ).get( "state" ).asText() );

		run( dir, "move", "--virtual-shard", "3", "--to", "4" );

		JsonNode after = new ObjectMapper().readTree( run( dir, "status", "--json" ) );
		assertEquals( "[3]", after.get( "shards" ).get( 4 ).get( "virtualShards" ).toString(), "the next command finds the move" );
		long usersAfter = 0;
		for ( JsonNode shard : after.get( "shards" ) ) {
			usersAfter += shard.get( "rowsByEntity" ).path( "org.hibernate.shards.demo.User" ).asLong();
		}
		assertEquals( DemoDatabases.USERS, usersAfter, "no user created twice, none lost" );
		assertTrue( run( dir, "check" ).contains( "alike on all 5 shards" ) );
	}
}
