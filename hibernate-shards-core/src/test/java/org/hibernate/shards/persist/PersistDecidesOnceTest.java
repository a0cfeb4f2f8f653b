package org.hibernate.shards.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.cfg.ShardedConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A persist decides the shard of each new entity once: where the sharded session routes it, the id generator encodes
 * it and the interceptor checks it, all from one decision. The key function is applied once per routing decision,
 * so counting its applications counts the decisions.
 */
class PersistDecidesOnceTest {
	private static ShardedSessionFactory factory;

	@BeforeAll
	static void build() {
		// One physical shard: the cascade below must not cross shards, and a decision is counted all the same.
		factory = new ShardedConfiguration()
				.setProperty( "hibernate.hbm2ddl.auto", "create-drop" )
				.setProperty( "hibernate.shards.virtual_shards", "8" )
				.setProperty( "hibernate.shards.0.connection.url", "jdbc:h2:mem:persist-once;DB_CLOSE_DELAY=-1" )
				.addAnnotatedClass( Ticket.class )
				.buildShardedSessionFactory();
	}

	@AfterAll
	static void close() {
		factory.close();
	}

	@BeforeEach
	void resetCount() {
		CountingKeyFunctions.APPLIED.set( 0 );
	}

	@Test
	void persistRoutesANewEntityOnce() {
		try ( ShardedSession session = factory.openSession() ) {
			session.beginTransaction();
			Ticket ticket = new Ticket( "T-1", null );
			session.persist( ticket );
			assertEquals( 1, CountingKeyFunctions.APPLIED.get(), "routing decisions for one persisted entity" );
			session.getTransaction().commit();
			assertNotNull( ticket.getId() );
			assertEquals( 1, CountingKeyFunctions.APPLIED.get(), "routing decisions after the commit" );
		}
	}

	@Test
	void persistRoutesEachCascadedEntityOnce() {
		try ( ShardedSession session = factory.openSession() ) {
			session.beginTransaction();
			Ticket first = new Ticket( "T-2", null );
			Ticket second = new Ticket( "T-3", first );
			// Hibernate persists the referenced ticket first, in the middle of the persist of the second.
			session.persist( second );
			assertEquals( 2, CountingKeyFunctions.APPLIED.get(), "routing decisions for two entities persisted together" );
			session.getTransaction().commit();
			assertNotNull( first.getId() );
			assertNotNull( second.getId() );
		}
	}
}
