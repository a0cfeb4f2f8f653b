package org.hibernate.shards.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardUnavailableException;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.it.model.Customer;
import org.hibernate.shards.test.MySqlShards;
import org.hibernate.shards.test.ShardDatabases;
import org.junit.jupiter.api.Test;

/**
 * With a control database of its own, new {@code @ShardedId} values do not depend on shard 0: while it is down, an
 * instance goes on issuing ids for entities routed to other shards long after a lease on shard 0 would have run out,
 * and an instance that had not leased a node yet leases one. What needs shard 0 itself is refused with a
 * {@link ShardUnavailableException} naming it: its rows, and starting a factory (the partition directory's write fences
 * are created on every shard at start). The control database here is shard 1's database, on another server.
 */
@MySqlShards(value = 2, dedicated = true)
class ShardZeroDownWithControlDatabaseTest {

	@Test
	void newShardedIdsAreIssuedForOtherShardsWhileShardZeroIsDownAndWhatNeedsShardZeroIsRefused(ShardDatabases dbs) throws InterruptedException {
		Map<String, String> settings = new LinkedHashMap<>( ShardedFactories.controlDatabase( dbs.get( 1 ) ) );
		settings.put( "hibernate.shards.id.lease_seconds", "2" );
		Map<String, String> sameTables = new LinkedHashMap<>( settings );
		sameTables.put( "hibernate.hbm2ddl.auto", "none" );
		try ( ShardedSessionFactory factory = ShardedFactories.build( dbs, settings );
				ShardedSessionFactory notLeasedYet = ShardedFactories.build( dbs, sameTables ) ) {
			Customer before = ShardedFactories.persist( factory, new Customer( KeyRouting.emailOnShard( 3 ), "before" ) ); // shard 1 of 2
			dbs.get( 0 ).stop();
			int issued = 0;
			try {
				long until = System.currentTimeMillis() + 3_000; // past a lease that shard 0 would have had to renew
				while ( System.currentTimeMillis() < until ) {
					ShardedFactories.persist( factory, new Customer( KeyRouting.emailOnShard( 3 ), "during" ) );
					issued++;
					Thread.sleep( 200 );
				}
				assertTrue( issued >= 10, "ids were issued all along: " + issued );
				Customer first = ShardedFactories.persist( notLeasedYet, new Customer( KeyRouting.emailOnShard( 3 ), "first of its instance" ) );
				assertNotEquals( ShardedIdTest.nodeOf( before.getId() ), ShardedIdTest.nodeOf( first.getId() ), "it leased a node of its own" );

				ShardUnavailableException rows = assertThrows( ShardUnavailableException.class,
						() -> ShardedFactories.persist( factory, new Customer( KeyRouting.emailOnShard( 0 ), "on shard 0" ) ) );
				assertEquals( ShardId.of( 0 ), rows.getShardId() );
				ShardUnavailableException start = assertThrows( ShardUnavailableException.class, () -> ShardedFactories.build( dbs, sameTables ) );
				assertEquals( ShardId.of( 0 ), start.getShardId() );
				assertTrue( start.getMessage().contains( "write fences" ), start.getMessage() );
			}
			finally {
				dbs.get( 0 ).start();
			}
			ShardedFactories.awaitUsedAgain( () -> ShardedFactories.persist( factory, new Customer( KeyRouting.emailOnShard( 0 ), "after" ) ) );
			assertEquals( issued + 3, new ShardRows( dbs ).total( "customer" ), "every customer issued an id was stored, nothing refused" );
		}
	}
}
