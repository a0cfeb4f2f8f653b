package org.hibernate.shards.it.move;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.admin.ShardAdmin;
import org.hibernate.shards.admin.ShardAdminException;
import org.hibernate.shards.admin.ShardStatus;
import org.hibernate.shards.cfg.ShardedConfiguration;
import org.hibernate.shards.it.move.model.MvAccount;
import org.hibernate.shards.it.move.model.MvInvoice;
import org.hibernate.shards.test.MySqlShards;
import org.hibernate.shards.test.ShardDatabase;
import org.hibernate.shards.test.ShardDatabases;
import org.junit.jupiter.api.Test;

/**
 * A third database, not in either instance's configuration, is added as a shard while two instances run: the
 * administering one opens it and creates its tables, a virtual shard moves there, and the other instance (which was
 * never restarted) opens it on its next directory refresh and reads and writes the moved rows there.
 */
@MySqlShards(3)
class AddShardAtRuntimeTest {

	@Test
	void aShardAddedWhileRunningIsUsedByEveryInstanceWithoutARestart(ShardDatabases dbs) throws SQLException {
		ShardDatabase third = dbs.get( 2 );
		try ( ShardedSessionFactory a = factory( dbs, "create" ); ShardedSessionFactory b = factory( dbs, "none" ) ) {
			assertEquals( 2, a.getSessionFactories().size() );
			MvAccount account = new MvAccount( MoveFixture.emailOn( 3, "runtime" ), "before" );
			try ( ShardedSession session = a.openSession() ) {
				session.inTransaction( tx -> {
					session.persist( account );
					session.persist( new MvInvoice( account, BigDecimal.TEN, null ) );
				} );
			}
			ShardAdmin admin = ShardAdmin.of( a );
			assertThrows( ShardAdminException.class, () -> admin.addShard( dbs.get( 1 ).jdbcUrl(), 0 ), "a configured shard's URL" );
			assertThrows( ShardAdminException.class, () -> admin.addShard( "jdbc:mysql://127.0.0.1:1/nothing", 0 ), "an unreachable server" );
			assertEquals( 2, admin.status().shards().size(), "nothing was recorded" );

			ShardId added = admin.addShard( third.jdbcUrl(), 64 );

			assertEquals( ShardId.of( 2 ), added );
			assertTrue( tables( third ).containsAll( List.of( "mv_account", "mv_invoice", "hibernate_shards_fence" ) ), tables( third ).toString() );
			ShardStatus.Shard status = admin.status().shards().get( 2 );
			assertEquals( ShardStatus.State.STANDBY, status.state() );
			assertEquals( 64.0, status.capacityMb() );

			admin.moveVirtualShard( 3, added ).await();

			awaitShards( b, 3 );
			assertEquals( added, b.getShardIdForVirtualShard( 3 ) );
			try ( ShardedSession session = b.openSession() ) {
				MvAccount found = session.find( MvAccount.class, account.getId() );
				assertNotNull( found, "the other instance finds the moved row on the new shard" );
				assertEquals( added, session.getShardIdForObject( found ) );
				session.inTransaction( tx -> found.setName( "written by the other instance" ) );
			}
			assertEquals( "written by the other instance", name( third, account.getId() ) );
		}
	}

	/** Only shards 0 and 1 are configured: shard 2's database exists but neither instance lists it. */
	private static ShardedSessionFactory factory(ShardDatabases dbs, String hbm2ddl) {
		Map<String, String> properties = new LinkedHashMap<>( dbs.hibernateProperties() );
		properties.keySet().removeIf( key -> key.startsWith( "hibernate.shards.2." ) );
		properties.put( "hibernate.hbm2ddl.auto", hbm2ddl );
		properties.put( "hibernate.shards.virtual_shards", "8" );
		properties.put( "hibernate.shards.directory.enabled", "true" );
		properties.put( "hibernate.shards.directory.refresh_seconds", "1" );
		properties.put( "hibernate.shards.move.instance_timeout_seconds", "3" );
		properties.put( "hibernate.hikari.maximumPoolSize", "6" );
		ShardedConfiguration configuration = new ShardedConfiguration();
		properties.forEach( configuration::setProperty );
		for ( Class<?> entity : MoveFixture.MODEL ) {
			configuration.addAnnotatedClass( entity );
		}
		return configuration.buildShardedSessionFactory();
	}

	private static void awaitShards(ShardedSessionFactory factory, int count) {
		long deadline = System.nanoTime() + 30_000_000_000L;
		while ( factory.getSessionFactories().size() < count ) {
			assertTrue( System.nanoTime() < deadline, "the instance did not open the new shard within 30 s" );
			try {
				Thread.sleep( 100 );
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException( e );
			}
		}
	}

	private static List<String> tables(ShardDatabase db) throws SQLException {
		try ( Connection connection = db.openConnection(); Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery( "select table_name from information_schema.tables where table_schema = database()" ) ) {
			List<String> names = new java.util.ArrayList<>();
			while ( result.next() ) {
				names.add( result.getString( 1 ) );
			}
			return names;
		}
	}

	private static String name(ShardDatabase db, long id) throws SQLException {
		try ( Connection connection = db.openConnection(); Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery( "select name from mv_account where id = " + id ) ) {
			return result.next() ? result.getString( 1 ) : null;
		}
	}
}
