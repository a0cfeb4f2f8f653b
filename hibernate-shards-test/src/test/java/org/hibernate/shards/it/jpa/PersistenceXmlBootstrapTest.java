package org.hibernate.shards.it.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.persistence.EntityGraph;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Persistence;
import org.hibernate.Hibernate;
import org.hibernate.SessionFactory;
import org.hibernate.jpa.HibernatePersistenceProvider;
import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.it.KeyRouting;
import org.hibernate.shards.it.ShardRows;
import org.hibernate.shards.it.model.Customer;
import org.hibernate.shards.it.model.PurchaseOrder;
import org.hibernate.shards.jpa.ShardedPersistenceProvider;
import org.hibernate.shards.test.MySqlShards;
import org.hibernate.shards.test.ShardDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Plain JPA over four shards: the unit {@code sharded-shop} of the test class path's {@code META-INF/persistence.xml}
 * names {@link ShardedPersistenceProvider}, and {@code Persistence.createEntityManagerFactory} is given the shards'
 * URLs, known only at run time. Rows are checked with JDBC on each shard; which shards were asked, with each shard's
 * statistics.
 */
@MySqlShards(4)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PersistenceXmlBootstrapTest {
	private ShardDatabases dbs;
	private ShardRows rows;
	private EntityManagerFactory emf;
	private ShardedSessionFactory factory;

	@BeforeAll
	void createEntityManagerFactory(ShardDatabases dbs) {
		this.dbs = dbs;
		this.rows = new ShardRows( dbs );
		this.emf = Persistence.createEntityManagerFactory( "sharded-shop", shardProperties() );
		this.factory = assertInstanceOf( ShardedSessionFactory.class, emf );
	}

	private Map<String, Object> shardProperties() {
		Map<String, Object> properties = new LinkedHashMap<>( dbs.hibernateProperties() );
		properties.put( "hibernate.generate_statistics", "true" );
		return properties;
	}

	@AfterAll
	void close() {
		if ( emf != null ) {
			emf.close();
		}
	}

	@BeforeEach
	void emptyTables() {
		rows.deleteAll();
	}

	private <T> T inTransaction(Function<EntityManager, T> work) {
		EntityManager em = emf.createEntityManager();
		try {
			em.getTransaction().begin();
			T result = work.apply( em );
			em.getTransaction().commit();
			return result;
		}
		finally {
			em.close();
		}
	}

	private void inEntityManager(Consumer<EntityManager> work) {
		EntityManager em = emf.createEntityManager();
		try {
			work.accept( em );
		}
		finally {
			em.close();
		}
	}

	private Customer persistCustomerOn(int shard, String name) {
		Customer customer = new Customer( KeyRouting.emailOnShard( shard ), name );
		return inTransaction( em -> {
			em.persist( customer );
			return customer;
		} );
	}

	@Test
	void theEntityManagerIsTheShardedSession() {
		inEntityManager( em -> {
			assertInstanceOf( ShardedSession.class, em );
			assertEquals( factory, em.getEntityManagerFactory() );
		} );
	}

	@Test
	void aPersistedEntityIsWrittenToAndFoundOnTheShardItsKeyRoutesTo() {
		Customer customer = persistCustomerOn( 2, "Ada" );
		assertEquals( List.of( 0L, 0L, 1L, 0L ), rows.countsPerShard( "customer" ) );

		inEntityManager( em -> {
			ShardStatements statements = new ShardStatements( factory );
			Customer found = em.find( Customer.class, customer.getId() );
			assertEquals( "Ada", found.getName() );
			assertEquals( List.of( 2 ), statements.shardsAsked() );
		} );
	}

	@Test
	void aQueryOverEveryShardIsMergedInOrderAndPaged() {
		for ( int shard = 0; shard < 4; shard++ ) {
			persistCustomerOn( shard, "Merged " + shard );
		}
		inEntityManager( em -> {
			List<String> all = em.createQuery( "select c.email from Customer c order by c.email", String.class ).getResultList();
			assertEquals( 4, all.size() );
			List<String> firstTwo = em.createQuery( "select c.email from Customer c order by c.email", String.class )
					.setMaxResults( 2 )
					.getResultList();
			assertEquals( all.subList( 0, 2 ), firstTwo );
		} );
	}

	@Test
	void aNamedQueryIsPlannedLikeAnyQuery() {
		Customer onOne = persistCustomerOn( 1, "Named on one" );
		for ( int shard : new int[] { 0, 2, 3 } ) {
			persistCustomerOn( shard, "Named on " + shard );
		}
		persistCustomerOn( 3, "Other" );
		inEntityManager( em -> {
			List<String> merged = em.createNamedQuery( "Customer.byNamePrefix", Customer.class )
					.setParameter( "prefix", "Named%" )
					.getResultList()
					.stream()
					.map( Customer::getEmail )
					.toList();
			assertEquals( 4, merged.size(), "every shard's rows, not one shard's" );
			assertEquals( em.createQuery( "select c.email from Customer c where c.name like 'Named%' order by c.email", String.class )
					.getResultList(), merged, "merged in the query's order, as the same HQL is" );

			ShardStatements statements = new ShardStatements( factory );
			Customer found = em.createNamedQuery( "Customer.byEmail", Customer.class )
					.setParameter( "email", onOne.getEmail() )
					.getSingleResult();
			assertEquals( onOne.getId(), found.getId() );
			assertEquals( List.of( 1 ), statements.shardsAsked(), "routed by the shard key in the named query" );
		} );
	}

	@Test
	void aRollbackAcrossTwoShardsLeavesNothingBehind() {
		inEntityManager( em -> {
			em.getTransaction().begin();
			em.persist( new Customer( KeyRouting.emailOnShard( 0 ), "Rolled back on 0" ) );
			em.persist( new Customer( KeyRouting.emailOnShard( 3 ), "Rolled back on 3" ) );
			em.flush();
			em.getTransaction().rollback();
			assertFalse( em.getTransaction().isActive() );
		} );
		assertEquals( 0L, rows.total( "customer" ) );
	}

	@Test
	void findWithPessimisticWriteLocksTheRowOnItsShardOnly() {
		Customer customer = persistCustomerOn( 1, "Locked" );
		inEntityManager( em -> {
			em.getTransaction().begin();
			ShardStatements statements = new ShardStatements( factory );
			Customer locked = em.find( Customer.class, customer.getId(), LockModeType.PESSIMISTIC_WRITE );
			assertEquals( List.of( 1 ), statements.shardsAsked() );
			assertEquals( LockModeType.PESSIMISTIC_WRITE, em.getLockMode( locked ) );
			assertTrue( rowIsLockedOnShard( 1, customer.getId() ), "another connection waits for the row lock on shard 1" );
			em.getTransaction().rollback();
		} );
		assertFalse( rowIsLockedOnShard( 1, customer.getId() ), "released with the transaction" );
	}

	/** Tries to lock the row from a connection of its own, waiting at most a second. */
	private boolean rowIsLockedOnShard(int shard, long id) {
		try ( Connection connection = dbs.get( shard ).openConnection() ) {
			connection.setAutoCommit( false );
			try ( Statement statement = connection.createStatement() ) {
				statement.execute( "set session innodb_lock_wait_timeout = 1" );
			}
			try ( PreparedStatement select = connection.prepareStatement( "select id from customer where id = ? for update" ) ) {
				select.setLong( 1, id );
				select.executeQuery().close();
				return false;
			}
			catch (SQLException lockWaitTimeout) {
				return true;
			}
			finally {
				connection.rollback();
			}
		}
		catch (SQLException e) {
			throw new IllegalStateException( e );
		}
	}

	@Test
	void anEntityGraphOnARoutedFindFetchesTheAssociationFromThatShardOnly() {
		Customer customer = persistCustomerOn( 3, "Graphed" );
		PurchaseOrder order = inTransaction( em -> {
			PurchaseOrder placed = new PurchaseOrder( em.merge( customer ), "On shard 3" );
			em.persist( placed );
			return placed;
		} );
		assertEquals( List.of( 0L, 0L, 0L, 1L ), rows.countsPerShard( "purchase_order" ) );

		inEntityManager( em -> {
			assertFalse( Hibernate.isInitialized( em.find( PurchaseOrder.class, order.getId() ).getCustomer() ), "lazy without a graph" );
		} );
		inEntityManager( em -> {
			EntityGraph<PurchaseOrder> graph = em.createEntityGraph( PurchaseOrder.class );
			graph.addAttributeNode( "customer" );
			ShardStatements statements = new ShardStatements( factory );
			PurchaseOrder found = em.find( graph, order.getId() );
			assertTrue( Hibernate.isInitialized( found.getCustomer() ) );
			assertEquals( "Graphed", found.getCustomer().getName() );
			assertEquals( List.of( 3 ), statements.shardsAsked() );
		} );
		inEntityManager( em -> {
			ShardStatements statements = new ShardStatements( factory );
			PurchaseOrder found = em.find( PurchaseOrder.class, order.getId(),
					Map.of( "jakarta.persistence.fetchgraph", em.getEntityGraph( "PurchaseOrder.withCustomer" ) ) );
			assertTrue( Hibernate.isInitialized( found.getCustomer() ) );
			assertEquals( List.of( 3 ), statements.shardsAsked() );
		} );
	}

	@Test
	void aQueryRefusesAnEntityGraphHint() {
		inEntityManager( em -> {
			EntityGraph<?> graph = em.getEntityGraph( "PurchaseOrder.withCustomer" );
			UnsupportedOperationException refused = assertThrows( UnsupportedOperationException.class,
					() -> em.createQuery( "select o from PurchaseOrder o", PurchaseOrder.class ).setHint( "jakarta.persistence.loadgraph", graph ) );
			assertTrue( refused.getMessage().contains( "join fetch" ), refused.getMessage() );
		} );
	}

	@Test
	void aUnitNamingHibernatesProviderIsLeftToHibernate() {
		Map<String, Object> properties = shardProperties();
		assertNull( new ShardedPersistenceProvider().createEntityManagerFactory( "plain-hibernate", properties ) );
		assertNull( new ShardedPersistenceProvider().createEntityManagerFactory( "no-provider", properties ) );
		assertNull( new HibernatePersistenceProvider().createEntityManagerFactory( "sharded-shop", properties ),
				"and Hibernate's provider leaves the sharded unit alone" );

		Map<String, Object> plain = new LinkedHashMap<>();
		plain.put( "jakarta.persistence.jdbc.url", dbs.get( 0 ).jdbcUrl() );
		plain.put( "jakarta.persistence.jdbc.user", dbs.get( 0 ).username() );
		plain.put( "jakarta.persistence.jdbc.password", dbs.get( 0 ).password() );
		dbs.hibernateProperties().forEach( (name, value) -> {
			if ( !name.startsWith( "hibernate.shards." ) ) {
				plain.put( name, value );
			}
		} );
		EntityManagerFactory hibernates = Persistence.createEntityManagerFactory( "plain-hibernate", plain );
		try {
			assertNotNull( hibernates.unwrap( SessionFactory.class ) );
			assertFalse( hibernates instanceof ShardedSessionFactory );
		}
		finally {
			hibernates.close();
		}
	}
}
