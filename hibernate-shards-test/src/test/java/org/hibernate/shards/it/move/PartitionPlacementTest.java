package org.hibernate.shards.it.move;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.admin.ShardAdmin;
import org.hibernate.shards.it.KeyRouting;
import org.hibernate.shards.strategy.directory.Partition;
import org.hibernate.shards.strategy.directory.ShardDirectory;
import org.hibernate.shards.strategy.directory.ShardDirectoryException;
import org.hibernate.shards.test.MySqlShards;
import org.hibernate.shards.test.ShardDatabases;
import org.junit.jupiter.api.Test;

/**
 * Partitions placed or removed after their rows were written, with values hashed when they have no partition (no
 * default partition). When the new virtual shard lives on the same physical shard only the directory changes, and the
 * rows follow the partition's virtual shard from then on; when it lives on another one, the rows move there, awaited.
 * Every outcome is read back from the databases with plain JDBC.
 */
@MySqlShards(2)
class PartitionPlacementTest {

	@Test
	void placingAPartitionWhoseRowsLiveOnAnotherPhysicalShardMovesThemAndRemovingItMovesThemBack(ShardDatabases dbs) {
		MoveFixture fixture = new MoveFixture( dbs );
		try ( ShardedSessionFactory factory = fixture.factory( "create", 1, Map.of() ) ) {
			String topic = MoveFixture.topicOn( 1, "far" ); // hashes to virtual shard 1, on shard 0
			String neighbour = MoveFixture.topicOn( 1, "neighbour" );
			MoveFixture.Memos memos = fixture.writeMemos( factory, topic, 3, 2 );
			MoveFixture.Memos staying = fixture.writeMemos( factory, neighbour, 2, 1 );
			ShardDirectory directory = ShardDirectory.of( factory );
			directory.setupTable( "MvMemo", "topic", null, "HASH()" ); // values without a partition keep their hash
			Map<String, List<String>> before = fixture.allRows();

			directory.addPartition( "MvMemo", "far", topic, 6 ); // virtual shard 6 lives on shard 1

			assertEquals( memos.counts(), fixture.held( 1, memos ), "the memos and their lines are on shard 1" );
			assertEquals( Map.of( "mv_memo", 0L, "mv_memo_line", 0L ), fixture.held( 0, memos ), "and nothing of them is left on shard 0" );
			assertEquals( staying.counts(), fixture.held( 0, staying ), "another topic of virtual shard 1 stays on shard 0" );
			assertEquals( before, fixture.allRows(), "no row lost, duplicated or changed" );
			assertEquals( memos.memoIds(), MoveFixture.memoIdsByKey( factory, topic ), "found by key where the partition now routes" );
			assertEquals( memos.lineIds(), MoveFixture.lineIdsByKey( factory, topic ) );
			assertEquals( List.of( new Partition( "MvMemo", "far", topic, 6 ) ), directory.listPartitions( "MvMemo" ) );

			directory.removePartition( "MvMemo", "far" ); // its value is hashed again: virtual shard 1, on shard 0

			assertEquals( memos.counts(), fixture.held( 0, memos ), "the rows went back where the hash places them" );
			assertEquals( Map.of( "mv_memo", 0L, "mv_memo_line", 0L ), fixture.held( 1, memos ) );
			assertEquals( before, fixture.allRows() );
			assertEquals( memos.memoIds(), MoveFixture.memoIdsByKey( factory, topic ) );
			assertTrue( directory.listPartitions( "MvMemo" ).isEmpty() );
		}
	}

	@Test
	void aPartitionWithRowsCanBePlacedOnAVirtualShardOfTheSamePhysicalShardAndThenMovesWithIt(ShardDatabases dbs) {
		MoveFixture fixture = new MoveFixture( dbs );
		try ( ShardedSessionFactory factory = fixture.factory( "create", 1, Map.of() ) ) {
			String topic = MoveFixture.topicOn( 1, "placed" ); // hashes to virtual shard 1, on shard 0
			MoveFixture.Memos memos = fixture.writeMemos( factory, topic, 1, 1 );
			ShardDirectory directory = ShardDirectory.of( factory );
			directory.setupTable( "MvMemo", "topic", null, "HASH()" );
			Map<String, List<String>> rowsOfShard0 = fixture.rows( 0 );

			directory.addPartition( "MvMemo", "near", topic, 3 ); // virtual shard 3, also on shard 0: the rows stay

			assertEquals( rowsOfShard0, fixture.rows( 0 ), "shard 0 holds the same rows" );
			assertEquals( memos.memoIds(), MoveFixture.memoIdsByKey( factory, topic ), "found where the partition now routes" );

			ShardAdmin.of( factory ).moveVirtualShard( 3, ShardId.of( 1 ) ).await();

			assertEquals( memos.counts(), fixture.held( 1, memos ), "the memo went with its partition's virtual shard, its line with it" );
			assertEquals( Map.of( "mv_memo", 0L, "mv_memo_line", 0L ), fixture.held( 0, memos ) );
			assertEquals( memos.memoIds(), MoveFixture.memoIdsByKey( factory, topic ) );
			assertEquals( 1, KeyRouting.virtualShard( topic, MoveFixture.VIRTUAL ), "the hash still says 1: the directory decides" );

			// Without the partition the topic is hashed to virtual shard 1, on shard 0, while its rows are on shard 1 now.
			directory.removePartition( "MvMemo", "near" );

			assertEquals( memos.counts(), fixture.held( 0, memos ), "the rows followed the topic back to where its hash places it" );
			assertEquals( Map.of( "mv_memo", 0L, "mv_memo_line", 0L ), fixture.held( 1, memos ) );
			assertEquals( memos.memoIds(), MoveFixture.memoIdsByKey( factory, topic ) );
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
			Map<String, List<String>> before = fixture.allRows();
			for ( int virtualShard : new int[] { 1, 6 } ) { // on the same physical shard, and on the other one
				ShardDirectoryException refused = assertThrows( ShardDirectoryException.class,
						() -> directory.addPartition( "MvAccount", "one", email, virtualShard ) );
				assertTrue( refused.getMessage().contains( "carry their virtual shard" ), refused.getMessage() );
			}
			assertTrue( directory.listPartitions( "MvAccount" ).isEmpty(), "no partition was added" );
			assertEquals( before, fixture.allRows(), "no row moved" );
		}
	}
}
