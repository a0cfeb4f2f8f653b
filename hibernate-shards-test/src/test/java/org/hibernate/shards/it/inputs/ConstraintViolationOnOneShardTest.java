package org.hibernate.shards.it.inputs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.it.KeyRouting;
import org.hibernate.shards.it.ShardedSessionFixture;
import org.hibernate.shards.it.model.Customer;
import org.hibernate.shards.test.MySqlShards;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A duplicate unique key on one shard of a transaction that writes to several: everything is rolled back, and the
 * exception keeps Hibernate's type while its message names the shard that refused the row.
 */
@MySqlShards(4)
class ConstraintViolationOnOneShardTest {

	@Nested
	class Sequential extends Cases {
		Sequential() {
			super( "sequential" );
		}
	}

	@Nested
	class Parallel extends Cases {
		Parallel() {
			super( "parallel" );
		}
	}

	abstract static class Cases extends ShardedSessionFixture {
		Cases(String accessStrategy) {
			super( accessStrategy );
		}

		@Test
		void aDuplicateKeyOnOneShardNamesThatShardAndNothingIsCommitted() {
			Customer existing = persistCustomerOn( 2 );
			ConstraintViolationException failure;
			try ( ShardedSession session = factory.openSession() ) {
				session.beginTransaction();
				session.persist( new Customer( KeyRouting.emailOnShard( 0 ), "new on 0" ) );
				session.persist( new Customer( KeyRouting.emailOnShard( 1 ), "new on 1" ) );
				session.persist( new Customer( KeyRouting.emailOnShard( 3 ), "new on 3" ) );
				// Same e-mail, so same shard as the existing row, where the unique key refuses it.
				session.persist( new Customer( existing.getEmail(), "duplicate" ) );
				failure = assertThrows( ConstraintViolationException.class, () -> session.getTransaction().commit() );
			}
			assertTrue( failure.getMessage().contains( "shard 2" ), "the message names the shard: " + failure.getMessage() );
			assertTrue( !failure.getMessage().contains( "shard 0" ) && !failure.getMessage().contains( "shard 1" )
					&& !failure.getMessage().contains( "shard 3" ), "and only that shard: " + failure.getMessage() );
			assertEquals( List.of( 0L, 0L, 1L, 0L ), rows.countsPerShard( "customer" ), "nothing of the transaction was committed" );
		}
	}
}
