package org.hibernate.shards.it.move;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.it.ShardedFactories;
import org.hibernate.shards.strategy.directory.ShardDirectoryException;
import org.hibernate.shards.test.MySqlShards;
import org.hibernate.shards.test.ShardDatabases;
import org.junit.jupiter.api.Test;

/**
 * An instance that cannot reach the control database stops routing before movers count it as gone, since a virtual
 * shard could then move and be purged without it knowing; it routes again as soon as it can read the directory.
 */
@MySqlShards(value = 2, dedicated = true)
class DirectoryLeaseTest {

	@Test
	void anInstanceCutOffFromTheDirectoryForLongerThanTheInstanceTimeoutStopsRoutingUntilItIsBack(ShardDatabases dbs) throws Exception {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put( "hibernate.shards.virtual_shards", "8" );
		properties.put( "hibernate.shards.directory.enabled", "true" );
		properties.put( "hibernate.shards.directory.url", dbs.get( 1 ).jdbcUrl() );
		properties.put( "hibernate.shards.directory.username", dbs.get( 1 ).username() );
		properties.put( "hibernate.shards.directory.password", dbs.get( 1 ).password() );
		properties.put( "hibernate.shards.directory.refresh_seconds", "1" );
		properties.put( "hibernate.shards.move.instance_timeout_seconds", "3" );
		try ( ShardedSessionFactory factory = ShardedFactories.build( dbs, properties, MoveFixture.MODEL ) ) {
			factory.openSession().close();
			dbs.get( 1 ).stop();
			try {
				long start = System.nanoTime();
				factory.openSession().close(); // within the lease: routing goes on by the copy it has
				Thread.sleep( 3_500 );
				ShardDirectoryException refused = assertThrows( ShardDirectoryException.class, factory::openSession );
				assertTrue( refused.getMessage().contains( "could not reach the partition directory" ), refused.getMessage() );
				assertTrue( System.nanoTime() - start < 60_000_000_000L );
			}
			finally {
				dbs.get( 1 ).start();
			}
			// The control database's pool reconnects on its own schedule: routing resumes at the first session after that.
			long deadline = System.nanoTime() + 60_000_000_000L;
			while ( true ) {
				try ( ShardedSession session = factory.openSession() ) {
					assertTrue( session.isOpen() );
					break;
				}
				catch (ShardDirectoryException stillAway) {
					assertTrue( System.nanoTime() < deadline, "the instance did not route again within 60 s of the directory's return" );
					Thread.sleep( 500 );
				}
			}
		}
	}
}
