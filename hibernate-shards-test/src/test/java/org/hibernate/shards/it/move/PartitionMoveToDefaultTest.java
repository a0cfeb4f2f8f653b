package org.hibernate.shards.it.move;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.strategy.directory.ShardDirectory;
import org.hibernate.shards.test.MySqlShards;
import org.hibernate.shards.test.ShardDatabases;
import org.junit.jupiter.api.Test;

/**
 * Partitions of an entity that has a default partition: values without a partition of their own live on the default
 * partition's virtual shard (5, on shard 1), whatever their hash says. Adding a partition for a value takes its rows out
 * of the default partition, to the new partition's physical shard; removing it gives them back. Rows are read with
 * plain JDBC.
 */
@MySqlShards(2)
class PartitionMoveToDefaultTest {
	private static final Map<String, Long> NONE = Map.of( "mv_memo", 0L, "mv_memo_line", 0L );

	@Test
	void aPartitionTakesItsRowsOutOfTheDefaultPartitionAndRemovingItGivesThemBack(ShardDatabases dbs) {
		MoveFixture fixture = new MoveFixture( dbs );
		try ( ShardedSessionFactory factory = fixture.factory( "create", 1, Map.of() ) ) {
			ShardDirectory directory = ShardDirectory.of( factory );
			directory.setupTable( "MvMemo", "topic", "dflt", 5, "HASH()" );
			String topic = MoveFixture.topicOn( 1, "own" ); // its hash says virtual shard 1 (shard 0); the default partition says 5
			MoveFixture.Memos memos = fixture.writeMemos( factory, topic, 3, 2 );
			MoveFixture.Memos others = fixture.writeMemos( factory, MoveFixture.topicOn( 1, "other" ), 2, 2 );
			assertEquals( memos.counts(), fixture.held( 1, memos ), "the default partition put the memos on shard 1" );
			Map<String, List<String>> before = fixture.allRows();

			directory.addPartition( "MvMemo", "own", topic, 2 ); // virtual shard 2 lives on shard 0

			assertEquals( memos.counts(), fixture.held( 0, memos ), "the memos and their lines moved to shard 0" );
			assertEquals( NONE, fixture.held( 1, memos ), "nothing of them is left on shard 1" );
			assertEquals( others.counts(), fixture.held( 1, others ), "the rest of the default partition stays" );
			assertEquals( before, fixture.allRows(), "no row lost, duplicated or changed" );
			assertEquals( memos.memoIds(), MoveFixture.memoIdsByKey( factory, topic ) );
			assertEquals( memos.lineIds(), MoveFixture.lineIdsByKey( factory, topic ) );

			directory.removePartition( "MvMemo", "own" );

			assertEquals( memos.counts(), fixture.held( 1, memos ), "the rows went back to the default partition's shard" );
			assertEquals( NONE, fixture.held( 0, memos ) );
			assertEquals( before, fixture.allRows() );
			assertEquals( memos.memoIds(), MoveFixture.memoIdsByKey( factory, topic ) );
			assertEquals( memos.lineIds(), MoveFixture.lineIdsByKey( factory, topic ) );
		}
	}

	@Test
	void aPartitionPlacedOnTheDefaultPartitionsPhysicalShardLeavesItsRowsWhereTheyAre(ShardDatabases dbs) {
		MoveFixture fixture = new MoveFixture( dbs );
		try ( ShardedSessionFactory factory = fixture.factory( "create", 1, Map.of() ) ) {
			ShardDirectory directory = ShardDirectory.of( factory );
			directory.setupTable( "MvMemo", "topic", "dflt", 5, "HASH()" );
			String topic = MoveFixture.topicOn( 1, "near" );
			MoveFixture.Memos memos = fixture.writeMemos( factory, topic, 2, 2 );
			Map<String, List<String>> shard0 = fixture.rows( 0 );
			Map<String, List<String>> shard1 = fixture.rows( 1 );

			directory.addPartition( "MvMemo", "near", topic, 6 ); // also on shard 1

			assertEquals( shard0, fixture.rows( 0 ) );
			assertEquals( shard1, fixture.rows( 1 ), "the rows stay where they are" );
			assertEquals( memos.memoIds(), MoveFixture.memoIdsByKey( factory, topic ) );

			directory.removePartition( "MvMemo", "near" );

			assertEquals( shard0, fixture.rows( 0 ) );
			assertEquals( shard1, fixture.rows( 1 ) );
			assertEquals( memos.memoIds(), MoveFixture.memoIdsByKey( factory, topic ) );
		}
	}
}
