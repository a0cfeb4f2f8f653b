package org.hibernate.shards;

import static org.junit.jupiter.api.Assertions.*;

import org.hibernate.shards.cfg.ShardedConfiguration;
import org.hibernate.shards.model.Account;
import org.hibernate.shards.model.Purchase;
import org.junit.jupiter.api.Test;

class H2SmokeTest {
	@Test
	void smoke() {
		ShardedConfiguration cfg = new ShardedConfiguration()
				.setProperty( "hibernate.hbm2ddl.auto", "create-drop" )
				.setProperty( "hibernate.shards.virtual_shards", "8" )
				.addAnnotatedClass( Account.class ).addAnnotatedClass( Purchase.class );
		for ( int i = 0; i < 2; i++ ) {
			cfg.setProperty( "hibernate.shards." + i + ".connection.url", "jdbc:h2:mem:smoke" + i + ";DB_CLOSE_DELAY=-1" );
		}
		try ( ShardedSessionFactory factory = cfg.buildShardedSessionFactory() ) {
			Long id;
			try ( ShardedSession session = factory.openSession() ) {
				session.beginTransaction();
				Account a = new Account( "a@example.com", "A" );
				a.addPurchase( "book" );
				session.persist( a );
				session.getTransaction().commit();
				id = a.getId();
				System.out.println( "id=" + id + " shard=" + session.getShardIdForObject( a ) + " v=" + session.getVirtualShardIdForObject( a ) );
			}
			try ( ShardedSession session = factory.openSession() ) {
				Account a = session.find( Account.class, id );
				assertEquals( "A", a.getName() );
				assertEquals( 1, a.getPurchases().size() );
			}
		}
	}
}
