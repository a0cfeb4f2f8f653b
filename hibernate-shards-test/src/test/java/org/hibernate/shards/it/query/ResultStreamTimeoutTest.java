package org.hibernate.shards.it.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.stream.Stream;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardUnavailableException;
import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.it.ShardedSessionFixture;
import org.hibernate.shards.test.MySqlShards;
import org.junit.jupiter.api.Test;

/**
 * A result stream runs under the access strategy like a list does: with the parallel strategy, a shard that does not
 * answer (here its table is locked by another connection) fails the stream within the strategy's timeout, naming the
 * shard, instead of blocking the caller for as long as the lock is held.
 */
@MySqlShards(4)
class ResultStreamTimeoutTest extends ShardedSessionFixture {
	static final int LOCKED = 2;

	ResultStreamTimeoutTest() {
		super( "parallel" );
	}

	@Override
	protected Map<String, String> extraProperties() {
		return Map.of( "hibernate.shards.parallel.timeout_ms", "1500" );
	}

	@Test
	void aStreamOverAShardThatDoesNotAnswerFailsWithinTheTimeoutNamingTheShard() throws SQLException {
		for ( int shard = 0; shard < dbs.size(); shard++ ) {
			persistCustomerOn( shard );
		}
		try ( ShardedSession session = factory.openSession() ) {
			ShardUnavailableException failure;
			try ( Connection locker = dbs.get( LOCKED ).openConnection(); Statement statement = locker.createStatement() ) {
				statement.execute( "lock tables customer write" );
				failure = assertThrows( ShardUnavailableException.class, () -> {
					try ( Stream<String> emails = session.createQuery( "select c.email from Customer c order by c.email", String.class )
							.getResultStream() ) {
						emails.count();
					}
				} );
			}
			assertEquals( ShardId.of( LOCKED ), failure.getShardId() );
		}
	}

	@Test
	void aStreamOverShardsThatAnswerMergesThemAll() {
		for ( int shard = 0; shard < dbs.size(); shard++ ) {
			persistCustomerOn( shard );
		}
		try ( ShardedSession session = factory.openSession();
				Stream<String> emails = session.createQuery( "select c.email from Customer c order by c.email", String.class ).getResultStream() ) {
			assertEquals( dbs.size(), emails.count() );
		}
	}
}
