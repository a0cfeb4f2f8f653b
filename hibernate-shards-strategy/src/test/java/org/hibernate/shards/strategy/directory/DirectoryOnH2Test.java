package org.hibernate.shards.strategy.directory;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.cfg.ShardedConfiguration;
import org.junit.jupiter.api.Test;

/** A quick check of the directory on embedded H2 shards; the full suite runs on real MySQL-protocol shards. */
class DirectoryOnH2Test {

	private static ShardedSessionFactory factory(String name) {
		ShardedConfiguration cfg = new ShardedConfiguration()
				.setProperty( "hibernate.hbm2ddl.auto", "create-drop" )
				.setProperty( "hibernate.shards.virtual_shards", "8" )
				.setProperty( "hibernate.shards.directory.enabled", "true" )
				.addAnnotatedClass( Member.class );
		for ( int i = 0; i < 2; i++ ) {
			cfg.setProperty( "hibernate.shards." + i + ".connection.url", "jdbc:h2:mem:" + name + i + ";DB_CLOSE_DELAY=-1" );
		}
		return cfg.buildShardedSessionFactory();
	}

	@Test
	void aPartitionPlacesEveryValueWithItsPrefix() {
		try ( ShardedSessionFactory factory = factory( "dir" ) ) {
			ShardDirectory directory = ShardDirectory.of( factory );
			directory.setupTable( "Member", "nickname", "default", "PREFIX(3)" );
			directory.addPartition( "Member", "default", "", 0 );
			directory.addPartition( "Member", "mar", "mar", 6 );
			try ( ShardedSession session = factory.openSession() ) {
				session.beginTransaction();
				Member martin = new Member( "martin" );
				Member maria = new Member( "maria" );
				Member zoe = new Member( "zoe" );
				session.persist( martin );
				session.persist( maria );
				session.persist( zoe );
				session.getTransaction().commit();
				assertEquals( 6, session.getVirtualShardIdForObject( martin ) );
				assertEquals( 6, session.getVirtualShardIdForObject( maria ) );
				assertEquals( 0, session.getVirtualShardIdForObject( zoe ), "no partition of its own: the default partition" );
				assertEquals( ShardId.of( 1 ), session.getShardIdForObject( martin ) );
				Member found = session.createQuery( "from Member m where m.nickname = 'martin'", Member.class ).getSingleResult();
				assertEquals( martin.getId(), found.getId() );
			}
			assertEquals( 2, directory.listPartitions( "Member" ).size() );
			ShardDirectoryException stranded = assertThrows( ShardDirectoryException.class,
					() -> directory.removePartition( "Member", "mar" ) );
			assertTrue( stranded.getMessage().contains( "2 stored rows" ), stranded.getMessage() );
			ShardDirectoryException overlap = assertThrows( ShardDirectoryException.class,
					() -> directory.addPartition( "Member", "mar2", "mar", 5 ) );
			assertTrue( overlap.getMessage().contains( "cannot overlap" ), overlap.getMessage() );
			assertThrows( ShardDirectoryException.class, () -> directory.addPartition( "Member", "long", "martin", 5 ) );
			assertThrows( ShardDirectoryException.class, () -> directory.addPartition( "Nobody", "x", "x", 5 ) );
			assertThrows( ShardDirectoryException.class, () -> directory.addPartition( "Member", "x", "xyz", 8 ) );
			directory.assignVirtualShard( 5, ShardId.of( 0 ) );
			assertEquals( ShardId.of( 0 ), factory.getShardIdForVirtualShard( 5 ) );
			// A virtual shard with rows moves with them, on H2 too (the whole copy behind its fence: H2 has no binary log).
			directory.assignVirtualShard( 6, ShardId.of( 0 ) );
			try ( ShardedSession session = factory.openSession() ) {
				List<Member> mar = session.createQuery( "from Member m where m.nickname like 'mar%' order by m.nickname", Member.class ).list();
				assertEquals( List.of( "maria", "martin" ), mar.stream().map( Member::getNickname ).toList() );
				mar.forEach( member -> assertEquals( ShardId.of( 0 ), session.getShardIdForObject( member ) ) );
			}
		}
	}
}
