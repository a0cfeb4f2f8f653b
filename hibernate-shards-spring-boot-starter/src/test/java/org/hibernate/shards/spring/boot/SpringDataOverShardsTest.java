package org.hibernate.shards.spring.boot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceContext;
import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardedQueryException;
import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.spring.boot.app.Customer;
import org.hibernate.shards.spring.boot.app.CustomerRepository;
import org.hibernate.shards.spring.boot.app.ShardedTestApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A Spring Data repository over two real shards: routed CRUD, and fan-out queries that answer what one database would. */
@SpringBootTest(classes = ShardedTestApplication.class)
class SpringDataOverShardsTest extends ShardedSpringBootTest {
	private static final List<String> CITIES = List.of( "lisbon", "lyon", "oslo", "porto" );
	private static final int CUSTOMERS = 45;

	@Autowired
	CustomerRepository customers;
	@PersistenceContext
	EntityManager entityManager;
	@Autowired
	EntityManagerFactory entityManagerFactory;
	TransactionTemplate transactions;

	private final List<Customer> stored = new ArrayList<>();

	@Autowired
	void transactions(PlatformTransactionManager transactionManager) {
		transactions = new TransactionTemplate( transactionManager );
	}

	@BeforeEach
	void storeCustomers() {
		customers.deleteAllInBatch();
		for ( int i = 0; i < CUSTOMERS; i++ ) {
			// created runs against the insertion order, so that no query can pass by returning rows as inserted
			stored.add( customers.save( new Customer( "c" + i + "@example.com", CITIES.get( i % CITIES.size() ), 1_000 - i * 7L % 101 ) ) );
		}
	}

	@Test
	void theShardedSessionFactoryIsTheOnlyEntityManagerFactoryAndBootMakesNoDataSource(ApplicationContext context) {
		assertInstanceOf( ShardedSessionFactory.class, entityManagerFactory );
		assertEquals( 1, context.getBeanNamesForType( EntityManagerFactory.class ).length );
		assertEquals( 0, context.getBeanNamesForType( DataSource.class ).length, "Boot's JPA starter is on the class path" );
		assertInstanceOf( ShardedJpaDialect.class, ( (JpaTransactionManager) context.getBean( PlatformTransactionManager.class ) ).getJpaDialect() );
	}

	@Test
	void savedRowsLiveOnTheShardTheirKeyChose() {
		long[] expected = new long[shards.size()];
		transactions.executeWithoutResult( status -> {
			ShardedSession session = entityManager.unwrap( ShardedSession.class );
			for ( Customer customer : stored ) {
				Customer found = customers.findById( customer.getId() ).orElseThrow();
				expected[session.getShardIdForObject( found ).getId()]++;
			}
		} );
		for ( int shard = 0; shard < shards.size(); shard++ ) {
			assertEquals( expected[shard], countRows( shard, "customers" ), "rows on shard " + shard );
			assertTrue( expected[shard] > 0, "both shards hold customers" );
		}
	}

	@Test
	void findUpdateAndDeleteAreRoutedByIdAndKey() {
		Customer customer = stored.get( 7 );
		assertEquals( customer.getId(), customers.findByEmail( customer.getEmail() ).orElseThrow().getId() );

		customer.setCity( "tromso" );
		customers.save( customer );
		assertEquals( "tromso", customers.findById( customer.getId() ).orElseThrow().getCity() );

		customers.delete( customer );
		assertFalse( customers.findById( customer.getId() ).isPresent() );
		assertFalse( customers.existsById( customer.getId() ) );
		assertEquals( CUSTOMERS - 1, countRows( 0, "customers" ) + countRows( 1, "customers" ) );

		customers.deleteById( stored.get( 8 ).getId() );
		assertEquals( CUSTOMERS - 2, customers.count() );
	}

	@Test
	void derivedQueriesAnswerWhatOneDatabaseWould() {
		assertEquals( stored.stream().filter( c -> c.getCity().equals( "lyon" ) ).count(), customers.countByCity( "lyon" ) );
		// created values are distinct: the newest five are one list
		assertEquals( emails( stored.stream().sorted( Comparator.comparingLong( Customer::getCreated ).reversed() ).limit( 5 ).toList() ),
				emails( customers.findTop5ByOrderByCreatedDesc() ) );

		Map<String, Long> perCity = new TreeMap<>( stored.stream().collect( Collectors.groupingBy( Customer::getCity, Collectors.counting() ) ) );
		Map<String, Long> merged = new TreeMap<>();
		for ( Object[] row : customers.countPerCity() ) {
			merged.put( (String) row[0], (Long) row[1] );
		}
		assertEquals( perCity, merged );
	}

	@Test
	void pagesOfAFanOutAreThePagesOfTheSortedRows() {
		Sort sort = Sort.by( "city" ).and( Sort.by( Sort.Direction.DESC, "email" ) );
		List<Customer> sorted = stored.stream()
				.sorted( Comparator.comparing( Customer::getCity ).thenComparing( Customer::getEmail, Comparator.reverseOrder() ) )
				.toList();
		int size = 7;
		for ( int page = 0; page * size < CUSTOMERS; page++ ) {
			Page<Customer> result = customers.findAll( PageRequest.of( page, size, sort ) );
			assertEquals( emails( sorted.subList( page * size, Math.min( CUSTOMERS, ( page + 1 ) * size ) ) ), emails( result.getContent() ),
					"page " + page );
			assertEquals( CUSTOMERS, result.getTotalElements() );
		}
	}

	@Test
	void pagedDerivedAndDeclaredQueriesCountAcrossShards() {
		List<Customer> lyon = stored.stream().filter( c -> c.getCity().equals( "lyon" ) )
				.sorted( Comparator.comparing( Customer::getEmail ) ).toList();
		Page<Customer> second = customers.findByCity( "lyon", PageRequest.of( 1, 4, Sort.by( "email" ) ) );
		assertEquals( emails( lyon.subList( 4, 8 ) ), emails( second.getContent() ) );
		assertEquals( lyon.size(), second.getTotalElements() );

		List<Customer> recent = stored.stream().filter( c -> c.getCreated() >= 950 )
				.sorted( Comparator.comparingLong( Customer::getCreated ).thenComparing( Customer::getEmail ) ).toList();
		Page<Customer> first = customers.findCreatedSince( 950, PageRequest.of( 0, 3, Sort.by( "created", "email" ) ) );
		assertEquals( emails( recent.subList( 0, 3 ) ), emails( first.getContent() ) );
		assertEquals( recent.size(), first.getTotalElements() );
	}

	@Test
	void aReadOnlyTransactionWritesNothing() {
		Customer customer = stored.get( 3 );
		TransactionTemplate readOnly = new TransactionTemplate( transactions.getTransactionManager() );
		readOnly.setReadOnly( true );
		readOnly.executeWithoutResult( status -> customers.findById( customer.getId() ).orElseThrow().setCity( "changed" ) );
		assertEquals( customer.getCity(), customers.findById( customer.getId() ).orElseThrow().getCity() );
	}

	@Test
	void aQueryTheShardsCannotAnswerIsAMisuseOfTheApi() {
		InvalidDataAccessApiUsageException refused = assertThrows( InvalidDataAccessApiUsageException.class, customers::citiesWithALateEmail );
		assertInstanceOf( ShardedQueryException.class, refused.getCause() );
	}

	@Test
	void aRolledBackTransactionLeavesNothingOnEitherShard() {
		customers.deleteAllInBatch();
		List<ShardId> touched = new ArrayList<>();
		transactions.executeWithoutResult( status -> {
			ShardedSession session = entityManager.unwrap( ShardedSession.class );
			for ( int i = 0; i < 20; i++ ) {
				touched.add( session.getShardIdForObject( customers.saveAndFlush( new Customer( "r" + i + "@example.com", "oslo", i ) ) ) );
			}
			status.setRollbackOnly();
		} );
		assertEquals( 2, touched.stream().distinct().count(), "the transaction wrote to both shards" );
		assertEquals( 0, countRows( 0, "customers" ) );
		assertEquals( 0, countRows( 1, "customers" ) );
	}

	@Test
	void aFailingTransactionalMethodRollsBackEveryShard() {
		customers.deleteAllInBatch();
		try {
			transactions.executeWithoutResult( status -> {
				for ( int i = 0; i < 20; i++ ) {
					customers.saveAndFlush( new Customer( "f" + i + "@example.com", "oslo", i ) );
				}
				throw new IllegalStateException( "the business rule failed" );
			} );
		}
		catch (IllegalStateException expected) {
			// rolled back
		}
		assertEquals( 0, countRows( 0, "customers" ) + countRows( 1, "customers" ) );
		transactions.executeWithoutResult( status -> customers.save( new Customer( "kept@example.com", "oslo", 1 ) ) );
		assertEquals( 1, countRows( 0, "customers" ) + countRows( 1, "customers" ) );
	}

	private static List<String> emails(List<Customer> customers) {
		return customers.stream().map( Customer::getEmail ).toList();
	}
}
