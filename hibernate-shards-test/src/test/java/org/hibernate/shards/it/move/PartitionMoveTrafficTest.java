package org.hibernate.shards.it.move;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardedQueryException;
import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.VirtualShardMovingException;
import org.hibernate.shards.admin.MoveHandle;
import org.hibernate.shards.admin.MoveStep;
import org.hibernate.shards.admin.ShardAdmin;
import org.hibernate.shards.it.move.model.MvMemo;
import org.hibernate.shards.it.move.model.MvMemoLine;
import org.hibernate.shards.strategy.directory.ShardDirectory;
import org.hibernate.shards.test.MySqlShards;
import org.hibernate.shards.test.ShardDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What applications see while a partition of {@code MvMemo} moves: memos do not carry their virtual shard, so while
 * the partition's rows exist on two shards a query over several shards is refused and a query routed by the topic is
 * answered; a transaction routed before the switch and flushed after it is refused as a whole and passes when retried.
 * Two instances ({@code a} moves, {@code b} follows) ask the same questions. Virtual shards 0-3 live on shard 0, 4-7 on
 * shard 1; values without a partition are hashed.
 */
@MySqlShards(2)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartitionMoveTrafficTest {
	private static final Duration WAIT = Duration.ofSeconds( 60 );

	private MoveFixture fixture;
	private ShardedSessionFactory a;
	private ShardedSessionFactory b;
	private ShardDirectory directory;
	private ShardAdmin admin;

	@BeforeAll
	void twoInstancesWithMemosOnEveryVirtualShard(ShardDatabases dbs) {
		fixture = new MoveFixture( dbs );
		a = fixture.factory( "create", 1, Map.of( "hibernate.shards.move.batch_size", "3" ) );
		b = fixture.factory( "none", 1, Map.of() );
		directory = ShardDirectory.of( a );
		admin = ShardAdmin.of( a );
		directory.setupTable( "MvMemo", "topic", null, "HASH()" );
		fixture.populate( a, 2, "t" );
	}

	@AfterAll
	void close() {
		if ( b != null ) {
			b.close();
		}
		if ( a != null ) {
			a.close();
		}
	}

	@Test
	void queriesOverSeveralShardsAreRefusedWhileAPartitionMovesAndCountEveryMemoOnceAfterwards() throws InterruptedException {
		String topic = MoveFixture.topicOn( 2, "busy" );
		String other = MoveFixture.topicOn( 2, "t2t0" ); // a topic populate wrote, also on virtual shard 2
		directory.addPartition( "MvMemo", "busy", topic, 2 );
		MoveFixture.Memos memos = fixture.writeMemos( a, topic, 6, 2 );
		long accounts = fixture.count( 0, "select count(*) from mv_account" ) + fixture.count( 1, "select count(*) from mv_account" );
		MoveHold midCopy = MoveHold.atProgress( progress -> progress.totalRowsCopied() >= 3 );
		MoveHold switched = MoveHold.afterStep( MoveStep.SWITCHED );
		admin.addListener( midCopy );
		admin.addListener( switched );
		MoveHandle move;
		try {
			move = admin.movePartition( "MvMemo", "busy", 6 );

			midCopy.awaitReached();
			long copied = fixture.held( 1, memos ).values().stream().mapToLong( Long::longValue ).sum();
			assertTrue( copied > 0, "the target holds copies now" );
			assertAnsweredByKeyAndRefusedOverEveryShard( topic, memos, other, accounts, "in the middle of the copy" );
			midCopy.release();

			switched.awaitReached();
			assertEquals( memos.counts(), fixture.held( 0, memos ), "the source still holds the rows until the purge" );
			assertEquals( memos.counts(), fixture.held( 1, memos ), "the target holds them" );
			assertAnsweredByKeyAndRefusedOverEveryShard( topic, memos, other, accounts, "after the switch, before the purge" );
		}
		finally {
			midCopy.release();
			switched.release();
		}

		assertNotNull( move.await( WAIT ), "the move did not finish within " + WAIT.toSeconds() + " s: " + move.progress() );
		long memoRows = fixture.count( 0, "select count(*) from mv_memo" ) + fixture.count( 1, "select count(*) from mv_memo" );
		long lineRows = fixture.count( 0, "select count(*) from mv_memo_line" ) + fixture.count( 1, "select count(*) from mv_memo_line" );
		for ( ShardedSessionFactory factory : List.of( a, b ) ) {
			// b learns that the move is over (and stops refusing queries over every shard) within its refresh interval.
			MoveFixture.awaitFollows( factory, a );
			assertEquals( memoRows, count( factory, "select count(m) from MvMemo m" ), "each memo is counted once after the move" );
			assertEquals( lineRows, count( factory, "select count(l) from MvMemoLine l" ) );
			Map<String, Long> byTopic = countsByTopic( factory );
			assertEquals( 6L, byTopic.get( topic ), "the moved topic's memos, grouped over every shard" );
			assertEquals( memoRows, byTopic.values().stream().mapToLong( Long::longValue ).sum() );
		}
	}

	/** What both instances see while the partition's rows exist on two shards. */
	private void assertAnsweredByKeyAndRefusedOverEveryShard(String topic, MoveFixture.Memos memos, String other, long accounts, String when) {
		for ( ShardedSessionFactory factory : List.of( a, b ) ) {
			assertEquals( memos.memoIds(), MoveFixture.memoIdsByKey( factory, topic ), "memos found by their topic " + when );
			assertEquals( memos.lineIds(), MoveFixture.lineIdsByKey( factory, topic ), "lines found by their memos' topic " + when );
			assertEquals( 1, MoveFixture.memoIdsByKey( factory, other ).size(), "another topic of the moving virtual shard " + when );
			for ( String hql : List.of( "select count(m) from MvMemo m", "select count(l) from MvMemoLine l",
					"select m.topic, count(m) from MvMemo m group by m.topic" ) ) {
				ShardedQueryException refused = assertThrows( ShardedQueryException.class, () -> count( factory, hql ),
						hql + " spans every shard " + when );
				assertTrue( refused.getMessage().toLowerCase( Locale.ROOT ).contains( "mov" ), "the refusal says a move is the reason: " + refused.getMessage() );
			}
			assertEquals( accounts, count( factory, "select count(a) from MvAccount a" ),
					"accounts carry their virtual shard and are not part of the move: they are still counted " + when );
		}
	}

	@Test
	void aNewMemoRoutedBeforeTheSwitchAndFlushedAfterItIsRefusedAndItsRetryLandsOnTheTarget() {
		String topic = MoveFixture.topicOn( 3, "late" );
		directory.addPartition( "MvMemo", "late", topic, 3 );
		MoveFixture.Memos memos = fixture.writeMemos( a, topic, 2, 1 );
		long id = fixture.nextMemoId();
		long lineId = fixture.nextMemoId();

		try ( ShardedSession session = b.openSession() ) {
			session.beginTransaction();
			MvMemo memo = new MvMemo( id, topic, "routed before the switch" );
			session.persist( memo );
			session.persist( new MvMemoLine( lineId, memo, "its line" ) );

			awaitMove( admin.movePartition( "MvMemo", "late", 4 ) );

			VirtualShardMovingException refused = assertThrows( VirtualShardMovingException.class, () -> session.getTransaction().commit(),
					"the memo would have gone to the old shard, after the purge" );
			assertEquals( ShardId.of( 0 ), refused.getShardId(), "the write met the fence of its old shard" );
		}
		assertEquals( 0, memoAnywhere( id ) + lineAnywhere( lineId ), "nothing of the refused transaction was committed" );

		try ( ShardedSession retry = b.openSession() ) {
			retry.inTransaction( tx -> {
				MvMemo memo = new MvMemo( id, topic, "written by the retry" );
				retry.persist( memo );
				retry.persist( new MvMemoLine( lineId, memo, "its line" ) );
			} );
		}
		assertEquals( 1, fixture.count( 1, "select count(*) from mv_memo where id = " + id + " and body = 'written by the retry'" ),
				"the retry wrote to the partition's new shard" );
		assertEquals( 1, fixture.count( 1, "select count(*) from mv_memo_line where id = " + lineId ) );
		assertEquals( 1, memoAnywhere( id ), "the memo is stored once" );
		assertEquals( 1, lineAnywhere( lineId ), "its line is stored once" );
		assertEquals( memos.counts(), fixture.held( 1, memos ) );
		assertEquals( 3, MoveFixture.memoIdsByKey( a, topic ).size() );
	}

	@Test
	void anUpdateLoadedBeforeTheSwitchAndFlushedAfterItIsRefusedAndItsRetryUpdatesTheTarget() {
		String topic = MoveFixture.topicOn( 0, "edited" );
		directory.addPartition( "MvMemo", "edited", topic, 0 );
		MoveFixture.Memos memos = fixture.writeMemos( a, topic, 2, 1 );
		long id = memos.memoIds().get( 0 );

		try ( ShardedSession session = a.openSession() ) {
			session.beginTransaction();
			memoByKey( session, topic, id ).setBody( "edited before the switch" );

			awaitMove( admin.movePartition( "MvMemo", "edited", 5 ) );

			assertThrows( VirtualShardMovingException.class, () -> session.getTransaction().commit() );
		}
		assertEquals( 0, fixture.count( 0, "select count(*) from mv_memo where id = " + id ), "the source was purged" );
		assertEquals( 0, fixture.count( 1, "select count(*) from mv_memo where body = 'edited before the switch'" ), "the edit was not committed" );

		try ( ShardedSession retry = a.openSession() ) {
			retry.inTransaction( tx -> memoByKey( retry, topic, id ).setBody( "edited by the retry" ) );
		}
		assertEquals( 1, fixture.count( 1, "select count(*) from mv_memo where id = " + id + " and body = 'edited by the retry'" ) );
		assertEquals( 1, memoAnywhere( id ) );
		assertEquals( memos.counts(), fixture.held( 1, memos ) );
	}

	@Test
	void aWriteToAnotherTopicOfTheSameVirtualShardGoesOnAcrossTheMove() {
		String topic = MoveFixture.topicOn( 1, "leaving" );
		String staying = MoveFixture.topicOn( 1, "staying" );
		directory.addPartition( "MvMemo", "leaving", topic, 1 );
		fixture.writeMemos( a, topic, 2, 1 );
		long id = fixture.nextMemoId();

		try ( ShardedSession session = a.openSession() ) {
			session.beginTransaction();
			session.persist( new MvMemo( id, staying, "virtual shard 1 stays on shard 0" ) );

			awaitMove( admin.movePartition( "MvMemo", "leaving", 7 ) );

			session.getTransaction().commit();
		}
		assertEquals( 1, fixture.count( 0, "select count(*) from mv_memo where id = " + id ), "committed where virtual shard 1 lives" );
		assertEquals( List.of( id ), MoveFixture.memoIdsByKey( b, staying ) );
	}

	private static MvMemo memoByKey(ShardedSession session, String topic, long id) {
		return session.createSelectionQuery( "from MvMemo m where m.topic = :t and m.id = :id", MvMemo.class ).setParameter( "t", topic )
				.setParameter( "id", id ).getSingleResult();
	}

	private long memoAnywhere(long id) {
		return fixture.count( 0, "select count(*) from mv_memo where id = " + id ) + fixture.count( 1, "select count(*) from mv_memo where id = " + id );
	}

	private long lineAnywhere(long id) {
		return fixture.count( 0, "select count(*) from mv_memo_line where id = " + id )
				+ fixture.count( 1, "select count(*) from mv_memo_line where id = " + id );
	}

	private static void awaitMove(MoveHandle move) {
		assertNotNull( move.await( WAIT ), "the move did not finish within " + WAIT.toSeconds() + " s: " + move.progress() );
	}

	private static Map<String, Long> countsByTopic(ShardedSessionFactory factory) {
		Map<String, Long> counts = new java.util.TreeMap<>();
		try ( ShardedSession session = factory.openSession() ) {
			for ( Object[] row : session.createSelectionQuery( "select m.topic, count(m) from MvMemo m group by m.topic", Object[].class ).list() ) {
				assertEquals( null, counts.put( (String) row[0], ( (Number) row[1] ).longValue() ), "one group per topic: " + row[0] );
			}
		}
		return counts;
	}

	/** @return the last column of the first row of a query */
	private static long count(ShardedSessionFactory factory, String hql) {
		try ( ShardedSession session = factory.openSession() ) {
			Object first = session.createSelectionQuery( hql, Object.class ).list().get( 0 );
			return ( (Number) ( first instanceof Object[] row ? row[row.length - 1] : first ) ).longValue();
		}
	}
}
