package org.hibernate.shards.it.move;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.admin.ShardAdmin;
import org.hibernate.shards.it.KeyRouting;
import org.hibernate.shards.it.move.model.MvMemo;
import org.hibernate.shards.it.move.model.MvMemoLine;
import org.hibernate.shards.strategy.directory.ShardDirectory;
import org.hibernate.shards.strategy.directory.ShardDirectoryException;
import org.hibernate.shards.test.MySqlShards;
import org.hibernate.shards.test.ShardDatabases;
import org.junit.jupiter.api.Test;

/**
 * A partition placed after its rows were written keeps them where they are when the new virtual shard lives on the
 * same physical shard, and nothing ties the rows to the old one: the directory alone changes, and the rows follow the
 * partition's new virtual shard from then on, moves included. Placements that would strand rows are refused.
 */
@MySqlShards(2)
class PartitionPlacementTest {

	@Test
	void aPartitionWithRowsCanBePlacedOnAVirtualShardOfTheSamePhysicalShardAndThenMovesWithIt(ShardDatabases dbs) {
		MoveFixture fixture = new MoveFixture( dbs );
		try ( ShardedSessionFactory factory = fixture.factory( "create", 1, Map.of() ) ) {
			String topic = MoveFixture.topicOn( 1, "placed" ); // hashes to virtual shard 1, on shard 0
			try ( ShardedSession session = factory.openSession() ) {
				session.inTransaction( tx -> {
					MvMemo memo = new MvMemo( 1, topic, "written before its partition existed" );
					session.persist( memo );
					session.persist( new MvMemoLine( 2, memo, "a line" ) );
				} );
			}
			ShardDirectory directory = ShardDirectory.of( factory );
			directory.setupTable( "MvMemo", "topic", null, "HASH()" ); // values without a partition keep their hash

			ShardDirectoryException elsewhere = assertThrows( ShardDirectoryException.class,
					() -> directory.addPartition( "MvMemo", "far", topic, 6 ) );
			assertTrue( elsewhere.getMessage().contains( "not supported yet" ) && elsewhere.getMessage().contains( "shard 0" ),
					elsewhere.getMessage() );

			directory.addPartition( "MvMemo", "near", topic, 3 ); // virtual shard 3, also on shard 0: the rows stay

			assertEquals( 1, fixture.count( 0, "select count(*) from mv_memo where id = 1" ) );
			assertEquals( List.of( 1L ), ids( factory, topic ), "found where the partition now routes" );

			ShardAdmin.of( factory ).moveVirtualShard( 3, ShardId.of( 1 ) ).await();

			assertEquals( 0, fixture.count( 0, "select count(*) from mv_memo where id = 1" ) );
			assertEquals( 1, fixture.count( 1, "select count(*) from mv_memo where id = 1" ), "the memo went with its partition's virtual shard" );
			assertEquals( 1, fixture.count( 1, "select count(*) from mv_memo_line where memo_id = 1" ), "and its line with it" );
			assertEquals( List.of( 1L ), ids( factory, topic ) );
			assertEquals( 1, KeyRouting.virtualShard( topic, MoveFixture.VIRTUAL ), "the hash still says 1: the directory decides" );

			// Removing the partition would send the topic back to virtual shard 1, on shard 0, while its rows are on shard 1 now.
			ShardDirectoryException stranded = assertThrows( ShardDirectoryException.class, () -> directory.removePartition( "MvMemo", "near" ) );
			assertTrue( stranded.getMessage().contains( "partition 'near'" ), stranded.getMessage() );
			assertEquals( List.of( 1L ), ids( factory, topic ), "nothing changed" );
		}
	}

	@Test
	void rowsWhoseIdsCarryTheirVirtualShardNeverChangeVirtualShard(ShardDatabases dbs) {
		MoveFixture fixture = new MoveFixture( dbs );
		try ( ShardedSessionFactory factory = fixture.factory( "create", 1, Map.of() ) ) {
			fixture.populate( factory, 2, "tied" );
			ShardDirectory directory = ShardDirectory.of( factory );
			directory.setupTable( "MvAccount", "email", null, "HASH()" );
			String email = MoveFixture.emailOn( 2, "tied2x0" );
			ShardDirectoryException refused = assertThrows( ShardDirectoryException.class,
					() -> directory.addPartition( "MvAccount", "one", email, 3 ) );
			assertTrue( refused.getMessage().contains( "carry their virtual shard" ), refused.getMessage() );
		}
	}

	private static List<Long> ids(ShardedSessionFactory factory, String topic) {
		try ( ShardedSession session = factory.openSession() ) {
			List<MvMemo> memos = session.createSelectionQuery( "from MvMemo where topic = :t", MvMemo.class ).setParameter( "t", topic ).list();
			memos.forEach( memo -> assertNotNull( memo.getTopic() ) );
			return memos.stream().map( MvMemo::getId ).toList();
		}
	}
}
