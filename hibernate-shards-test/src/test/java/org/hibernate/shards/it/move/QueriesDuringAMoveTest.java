package org.hibernate.shards.it.move;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardedQueryException;
import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.admin.MoveHandle;
import org.hibernate.shards.admin.MoveStep;
import org.hibernate.shards.admin.ShardAdmin;
import org.hibernate.shards.admin.ShardStatus;
import org.hibernate.shards.it.move.model.MvMemo;
import org.hibernate.shards.test.MySqlShards;
import org.hibernate.shards.test.ShardDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * While a virtual shard moves, its rows exist on two shards: copies on the target before the switch, leftovers on the
 * source until the purge. Queries over every shard must still count each row once. The move is held, by a listener, in
 * the middle of its copy and again right after its switch, and the same queries are asked each time; a second instance
 * ({@code b}) asks them too.
 */
@MySqlShards(2)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueriesDuringAMoveTest {
	private static final List<String> QUERIES = List.of(
			"select count(a) from MvAccount a",
			"select a.email from MvAccount a order by a.email",
			"select count(i), sum(i.amount) from MvInvoice i",
			"select a.email, count(i) from MvInvoice i join i.account a group by a.email order by a.email",
			"select a.email from MvAccount a where exists (select 1 from MvInvoice i where i.account = a and i.amount > 5) order by a.email" );

	private MoveFixture fixture;
	private ShardedSessionFactory a;
	private ShardedSessionFactory b;

	@BeforeAll
	void data(ShardDatabases dbs) {
		fixture = new MoveFixture( dbs );
		a = fixture.factory( "create", 1, Map.of( "hibernate.shards.move.batch_size", "3" ) );
		b = fixture.factory( "none", 1, Map.of() );
		fixture.populate( a, 2, "q" );
	}

	@AfterAll
	void close() {
		b.close();
		a.close();
	}

	@Test
	void queriesOverEveryShardCountEachRowOnceWhileAVirtualShardMoves() throws InterruptedException {
		Map<String, List<Object[]>> expected = answers( a );
		MoveHold midCopy = MoveHold.atProgress( progress -> progress.totalRowsCopied() >= 6 );
		MoveHold switched = MoveHold.afterStep( MoveStep.SWITCHED );
		ShardAdmin admin = ShardAdmin.of( a );
		admin.addListener( midCopy );
		admin.addListener( switched );

		MoveHandle move = admin.moveVirtualShard( 2, ShardId.of( 1 ) );

		midCopy.awaitReached();
		assertTrue( midCopy.seen().rowsPerSecond() > 0 && midCopy.seen().estimatedTimeLeft() != null,
				"progress tells the rate and the time left: " + midCopy.seen() );
		assertTrue( fixture.rowsOfVirtualShard( 1, 2 ).get( "mv_account" ) > 0, "the target holds copies now" );
		// Another instance's status shows the copy's progress, as the mover recorded it in the journal.
		ShardStatus.Move recorded = ShardAdmin.of( b ).status().moves().get( 0 );
		assertTrue( recorded.rowsCopied() > 0 && recorded.rowsCopied() <= midCopy.seen().totalRowsCopied()
				&& recorded.rowsEstimated() >= midCopy.seen().totalRowsCopied(), "recorded progress: " + recorded );
		assertSameAnswers( expected, "in the middle of the copy" );
		assertThrows( ShardedQueryException.class, () -> query( a, "select count(m) from MvMemo m" ),
				"memos do not carry their virtual shard: a query over every shard is refused while copies exist" );
		try ( ShardedSession session = a.openSession() ) {
			String topic = MoveFixture.topicOn( 2, "q2t0" );
			assertEquals( 1, session.createSelectionQuery( "from MvMemo where topic = :t", MvMemo.class ).setParameter( "t", topic ).list().size(),
					"a query routed by its shard key is answered" );
		}
		midCopy.release();

		switched.awaitReached();
		assertTrue( fixture.rowsOfVirtualShard( 0, 2 ).get( "mv_account" ) > 0, "the source still holds its rows" );
		assertSameAnswers( expected, "after the switch, before the purge" );
		switched.release();

		move.await();
		assertSameAnswers( expected, "after the move" );
		assertEquals( fixture.count( 0, "select count(*) from mv_memo" ) + fixture.count( 1, "select count(*) from mv_memo" ),
				( (Number) query( a, "select count(m) from MvMemo m" ).get( 0 )[0] ).longValue(), "memos are counted again once the move is done" );
	}

	private void assertSameAnswers(Map<String, List<Object[]>> expected, String when) {
		for ( ShardedSessionFactory factory : List.of( a, b ) ) {
			Map<String, List<Object[]>> answers = answers( factory );
			expected.forEach( (query, rows) -> assertEquals( text( rows ), text( answers.get( query ) ), query + " " + when ) );
		}
	}

	private static Map<String, List<Object[]>> answers(ShardedSessionFactory factory) {
		Map<String, List<Object[]>> answers = new java.util.LinkedHashMap<>();
		for ( String query : QUERIES ) {
			answers.put( query, query( factory, query ) );
		}
		return answers;
	}

	private static List<Object[]> query(ShardedSessionFactory factory, String hql) {
		try ( ShardedSession session = factory.openSession() ) {
			return session.createSelectionQuery( hql, Object[].class ).list();
		}
	}

	private static String text(List<Object[]> rows) {
		StringBuilder text = new StringBuilder();
		rows.forEach( row -> text.append( java.util.Arrays.toString( row ) ).append( '\n' ) );
		return text.toString();
	}
}
