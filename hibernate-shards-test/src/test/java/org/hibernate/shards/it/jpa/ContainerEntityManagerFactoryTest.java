package org.hibernate.shards.it.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.ShardingConfigurationException;
import org.hibernate.shards.it.KeyRouting;
import org.hibernate.shards.it.ShardRows;
import org.hibernate.shards.it.model.Customer;
import org.hibernate.shards.it.model.OrderLine;
import org.hibernate.shards.it.model.PurchaseOrder;
import org.hibernate.shards.jpa.ShardedPersistenceProvider;
import org.hibernate.shards.test.MySqlShards;
import org.hibernate.shards.test.ShardDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@link ShardedPersistenceProvider#createContainerEntityManagerFactory} and {@code generateSchema} with a unit
 * described the way containers and Spring describe one: no persistence.xml, the unit's properties and managed class
 * names, loaded with the unit's class loader.
 */
@MySqlShards(4)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContainerEntityManagerFactoryTest {
	private final ShardedPersistenceProvider provider = new ShardedPersistenceProvider();
	private ShardDatabases dbs;
	private ShardRows rows;

	@BeforeAll
	void shards(ShardDatabases dbs) {
		this.dbs = dbs;
		this.rows = new ShardRows( dbs );
	}

	private HandMadeUnitInfo unit(String schemaAction) {
		Properties properties = new Properties();
		properties.putAll( dbs.hibernateProperties() );
		properties.put( "jakarta.persistence.schema-generation.database.action", schemaAction );
		properties.put( "hibernate.hikari.maximumPoolSize", "2" );
		return new HandMadeUnitInfo( "container-shop", properties, List.of( Customer.class, PurchaseOrder.class, OrderLine.class ), getClass().getClassLoader() );
	}

	@Test
	void theContainersUnitBuildsAShardedFactoryAndThePassedPropertiesWin() {
		// The unit would leave the schema alone; the properties the container passes create it.
		EntityManagerFactory emf = provider.createContainerEntityManagerFactory( unit( "none" ),
				Map.of( "jakarta.persistence.schema-generation.database.action", "drop-and-create" ) );
		try {
			ShardedSessionFactory factory = assertInstanceOf( ShardedSessionFactory.class, emf );
			assertEquals( 4, factory.getSessionFactories().size() );
			Customer customer = new Customer( KeyRouting.emailOnShard( 2 ), "From the container" );
			EntityManager em = emf.createEntityManager();
			try {
				em.getTransaction().begin();
				em.persist( customer );
				em.getTransaction().commit();
				em.clear();
				assertEquals( "From the container", em.find( Customer.class, customer.getId() ).getName() );
			}
			finally {
				em.close();
			}
			assertEquals( List.of( 0L, 0L, 1L, 0L ), rows.countsPerShard( "customer" ) );
		}
		finally {
			emf.close();
		}
	}

	@Test
	void generateSchemaCreatesTheTablesOnEveryShard() {
		List<String> tables = List.of( "order_line", "purchase_order", "customer" );
		for ( int shard = 0; shard < 4; shard++ ) {
			for ( String table : tables ) {
				rows.update( shard, "drop table if exists " + table );
			}
		}
		provider.generateSchema( unit( "none" ), Map.of( "jakarta.persistence.schema-generation.database.action", "create" ) );
		for ( int shard = 0; shard < 4; shard++ ) {
			for ( String table : tables ) {
				assertTrue( rows.tableExists( shard, table ), table + " on shard " + shard );
			}
		}
	}

	@Test
	void aJtaUnitIsRefusedBeforeAnyShardIsAsked() {
		ShardingConfigurationException refused = assertThrows( ShardingConfigurationException.class,
				() -> provider.createContainerEntityManagerFactory( unit( "none" ).withJta(), Map.of() ) );
		assertTrue( refused.getMessage().contains( "'container-shop' asks for JTA" ), refused.getMessage() );
	}

	@Test
	void aUnitWithOneDataSourceIsRefused() {
		com.mysql.cj.jdbc.MysqlDataSource one = new com.mysql.cj.jdbc.MysqlDataSource();
		one.setUrl( dbs.get( 0 ).jdbcUrl() );
		ShardingConfigurationException refused = assertThrows( ShardingConfigurationException.class,
				() -> provider.createContainerEntityManagerFactory( unit( "none" ).withNonJtaDataSource( one ), Map.of() ) );
		assertTrue( refused.getMessage().contains( "hibernate.shards.<n>.connection.url" ), refused.getMessage() );
	}
}
