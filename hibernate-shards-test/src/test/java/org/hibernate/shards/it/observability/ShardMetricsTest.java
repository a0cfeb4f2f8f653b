package org.hibernate.shards.it.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.hibernate.shards.ShardUnavailableException;
import org.hibernate.shards.ShardingConfigurationException;
import org.hibernate.shards.ShardedQueryException;
import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.it.KeyRouting;
import org.hibernate.shards.it.ShardedFactories;
import org.hibernate.shards.it.model.Customer;
import org.hibernate.shards.query.PartialResultList;
import org.hibernate.shards.query.ShardedQueryHints;
import org.hibernate.shards.test.MySqlShards;
import org.hibernate.shards.test.ShardDatabases;
import org.junit.jupiter.api.Test;

/**
 * Given a Micrometer registry, a factory counts where its operations went (routed to one shard, fanned out over
 * several, refused), how wide its fan-outs were, how long merges took, and per shard its failures and the shards the
 * access strategy stopped waiting for; the shards' pools publish their own meters, one pool per shard.
 */
@MySqlShards(value = 2, dedicated = true)
class ShardMetricsTest {
	/** Shard 1 of 2 under the default map: virtual shards 128 to 255, those of shard 2 and 3 of 4. */
	private static final int SECOND = 3;

	private static ShardedSessionFactory factory(ShardDatabases dbs, MeterRegistry registry, Map<String, String> properties) {
		return ShardedFactories.configuration( dbs, properties ).setMeterRegistry( registry ).buildShardedSessionFactory();
	}

	@Test
	void entityOperationsAndRoutedQueriesAreCountedOnTheirShardOnly(ShardDatabases dbs) {
		MeterRegistry registry = new SimpleMeterRegistry();
		try ( ShardedSessionFactory factory = factory( dbs, registry, Map.of() ) ) {
			Customer customer = ShardedFactories.persist( factory, new Customer( KeyRouting.emailOnShard( SECOND ), "routed" ) );
			assertEquals( 1, operations( registry, "1", "routed" ), "the persist" );
			try ( ShardedSession session = factory.openSession() ) {
				session.find( Customer.class, customer.getId() );
				session.createQuery( "from Customer c where c.email = :email", Customer.class )
						.setParameter( "email", customer.getEmail() ).getResultList();
			}
			assertEquals( 3, operations( registry, "1", "routed" ), "and the find and the query routed by the shard key" );
			assertEquals( 0, operations( registry, "0", "routed" ), "nothing went to the other shard" );
			assertEquals( 0, operations( registry, "1", "fan-out" ) );
		}
	}

	@Test
	void aQueryOverEveryShardCountsOnEachAndRecordsItsWidthAndMergeTime(ShardDatabases dbs) {
		MeterRegistry registry = new SimpleMeterRegistry();
		try ( ShardedSessionFactory factory = factory( dbs, registry, Map.of() ); ShardedSession session = factory.openSession() ) {
			session.createQuery( "select c.email from Customer c order by c.email", String.class ).getResultList();
			assertEquals( 1, operations( registry, "0", "fan-out" ) );
			assertEquals( 1, operations( registry, "1", "fan-out" ) );
			assertEquals( 1, registry.get( "hibernate.shards.fanout.width" ).summary().count() );
			assertEquals( 2.0, registry.get( "hibernate.shards.fanout.width" ).summary().totalAmount(), "two shards asked" );
			assertEquals( 1, registry.get( "hibernate.shards.merge" ).timer().count(), "one merge of their rows" );
		}
	}

	@Test
	void aQueryRefusedAcrossShardsCountsAsRefusedAndAsksNoShard(ShardDatabases dbs) {
		MeterRegistry registry = new SimpleMeterRegistry();
		try ( ShardedSessionFactory factory = factory( dbs, registry, Map.of() ); ShardedSession session = factory.openSession() ) {
			assertThrows( ShardedQueryException.class, () -> session.createQuery(
					"select c.id, row_number() over (order by c.id) from Customer c", Object[].class ).getResultList() );
			assertEquals( 1, operations( registry, "none", "refused" ) );
			assertEquals( 0, operations( registry, "0", "fan-out" ) + operations( registry, "1", "fan-out" ) );
		}
	}

	@Test
	void eachShardsPoolPublishesItsOwnMeters(ShardDatabases dbs) {
		MeterRegistry registry = new SimpleMeterRegistry();
		try ( ShardedSessionFactory factory = factory( dbs, registry, Map.of() ) ) {
			ShardedFactories.persist( factory, new Customer( KeyRouting.emailOnShard( 0 ), "pooled" ) );
			for ( String pool : List.of( "hibernate-shards-0", "hibernate-shards-1" ) ) {
				assertNotNull( registry.find( "hikaricp.connections" ).tag( "pool", pool ).gauge(), "HikariCP's meters of " + pool );
				assertNotNull( registry.find( "hikaricp.connections.acquire" ).tag( "pool", pool ).timer() );
			}
		}
	}

	@Test
	void failuresOnAStoppedShardAreCountedForThatShard(ShardDatabases dbs) {
		MeterRegistry registry = new SimpleMeterRegistry();
		try ( ShardedSessionFactory factory = factory( dbs, registry, Map.of( "hibernate.hikari.connectionTimeout", "1000" ) ) ) {
			Customer onStopped = ShardedFactories.persist( factory, new Customer( KeyRouting.emailOnShard( SECOND ), "stopped" ) );
			Customer onLive = ShardedFactories.persist( factory, new Customer( KeyRouting.emailOnShard( 0 ), "live" ) );
			dbs.get( 1 ).stop();
			try {
				for ( int i = 0; i < 3; i++ ) {
					assertThrows( ShardUnavailableException.class, () -> find( factory, onStopped ) );
					find( factory, onLive );
				}
				assertEquals( 3, errors( registry, "1", "unavailable" ), "each failure, the first and those failing fast" );
				assertEquals( 0, errors( registry, "0", "unavailable" ) + errors( registry, "0", "database" ) + errors( registry, "0", "timeout" ) );
			}
			finally {
				dbs.get( 1 ).start();
			}
			ShardedFactories.awaitUsedAgain( () -> find( factory, onStopped ) );
		}
	}

	@Test
	void aShardTheParallelStrategyStopsWaitingForCountsATimeoutAndAStatementTimeoutCountsAsAnError(ShardDatabases dbs) throws Exception {
		MeterRegistry registry = new SimpleMeterRegistry();
		try ( ShardedSessionFactory factory = factory( dbs, registry, Map.of( "hibernate.shards.access_strategy", "parallel",
				"hibernate.shards.parallel.timeout_ms", "1000", "hibernate.shards.socket_timeout_ms", "20000" ) ) ) {
			ShardedFactories.persist( factory, new Customer( KeyRouting.emailOnShard( SECOND ), "slow" ) );
			ShardedFactories.persist( factory, new Customer( KeyRouting.emailOnShard( 0 ), "quick" ) );
			// Its table locked by another connection, shard 1 is up but its statements wait.
			try ( Connection locker = dbs.get( 1 ).openConnection(); Statement lock = locker.createStatement();
					ShardedSession session = factory.openSession() ) {
				lock.execute( "lock tables customer write" );
				List<String> emails = session.createQuery( "select c.email from Customer c", String.class )
						.setHint( ShardedQueryHints.PARTIAL_RESULTS, true ).getResultList();
				assertEquals( 1, assertInstanceOf( PartialResultList.class, emails ).getFailedShards().size() );
				assertEquals( 1, timeouts( registry, "1" ) );
				assertEquals( 0, timeouts( registry, "0" ) );

				double before = errors( registry, "1", "timeout" );
				assertThrows( RuntimeException.class, () -> session.createQuery( "select c.email from Customer c where c.email = :email", String.class )
						.setParameter( "email", KeyRouting.emailOnShard( SECOND ) ).setTimeout( 1 ).getResultList() );
				assertTrue( errors( registry, "1", "timeout" ) > before, "the statement's own timeout is a timeout error of shard 1" );
			}
		}
	}

	@Test
	void aRegistryThatIsNotAMeterRegistryIsRefusedNamingTheSetting(ShardDatabases dbs) {
		ShardingConfigurationException text = assertThrows( ShardingConfigurationException.class, () -> ShardedFactories.withOverrides( dbs,
				Map.of( "hibernate.shards.metrics.registry", "prometheus" ) ).buildShardedSessionFactory() );
		assertTrue( text.getMessage().startsWith( "hibernate.shards.metrics.registry must be a io.micrometer.core.instrument.MeterRegistry" ),
				text.getMessage() );
		ShardingConfigurationException other = assertThrows( ShardingConfigurationException.class, () -> ShardedFactories.withOverrides( dbs,
				Map.of() ).setMeterRegistry( new Object() ).buildShardedSessionFactory() );
		assertTrue( other.getMessage().contains( "not a java.lang.Object" ), other.getMessage() );
	}

	@Test
	void twoShardsPoolsOfOneNameAreRefusedWhileTheirMetersArePublished(ShardDatabases dbs) {
		ShardingConfigurationException refused = assertThrows( ShardingConfigurationException.class, () -> ShardedFactories.withOverrides( dbs,
				Map.of( "hibernate.hikari.poolName", "shards" ) ).setMeterRegistry( new SimpleMeterRegistry() ).buildShardedSessionFactory() );
		assertTrue( refused.getMessage().contains( "one pool name, 'shards'" ), refused.getMessage() );
	}

	private static Customer find(ShardedSessionFactory factory, Customer customer) {
		try ( ShardedSession session = factory.openSession() ) {
			return session.find( Customer.class, customer.getId() );
		}
	}

	private static double operations(MeterRegistry registry, String shard, String kind) {
		Counter counter = registry.find( "hibernate.shards.operations" ).tag( "shard", shard ).tag( "kind", kind ).counter();
		return counter == null ? 0 : counter.count();
	}

	private static double errors(MeterRegistry registry, String shard, String type) {
		return registry.get( "hibernate.shards.errors" ).tag( "shard", shard ).tag( "type", type ).counter().count();
	}

	private static double timeouts(MeterRegistry registry, String shard) {
		return registry.get( "hibernate.shards.timeouts" ).tag( "shard", shard ).counter().count();
	}
}
