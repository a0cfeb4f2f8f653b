package org.hibernate.shards.it.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardedQueryException;
import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.it.ShardedFactories;
import org.hibernate.shards.test.ShardDatabase;
import org.hibernate.shards.test.ShardDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.opentest4j.AssertionFailedError;

/**
 * The differential suite of cross-shard queries: every query runs on a {@link ShardedSession} over the shard
 * databases and on a plain session over ONE database holding exactly the same rows, and the answers must be equal.
 * Subclasses fix the number of physical shards (1, 2, 4); each query runs with the sequential and with the parallel
 * access strategy (two factories over the same databases, loaded once per class).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CrossShardQuerySuite {
	private ShardDatabases dbs;
	private QueryDataset data;
	private ShardedSessionFactory sequential;
	private ShardedSessionFactory parallel;
	private SessionFactory reference;
	private ShardDatabase referenceDatabase;
	private final Map<String, Outcome> referenceOutcomes = new ConcurrentHashMap<>();

	@BeforeAll
	final void load(ShardDatabases dbs) throws SQLException {
		this.dbs = dbs;
		this.data = QueryDataset.generate();
		this.sequential = shardedFactory( "sequential", true );
		data.persistTo( sequential );
		this.parallel = shardedFactory( "parallel", false );

		referenceDatabase = dbs.createExtraDatabase( "reference" );
		Configuration configuration = new Configuration()
				.setProperty( "hibernate.connection.url", referenceDatabase.jdbcUrl() )
				.setProperty( "hibernate.connection.username", referenceDatabase.username() )
				.setProperty( "hibernate.connection.password", referenceDatabase.password() )
				.setProperty( "hibernate.connection.pool_size", "2" )
				.setProperty( "hibernate.hbm2ddl.auto", "create" );
		Map<String, String> shardProperties = dbs.hibernateProperties();
		for ( String name : List.of( "hibernate.dialect", "jakarta.persistence.database-product-version" ) ) {
			if ( shardProperties.containsKey( name ) ) {
				configuration.setProperty( name, shardProperties.get( name ) );
			}
		}
		for ( Class<?> entity : HqlQueries.ENTITIES ) {
			configuration.addAnnotatedClass( entity );
		}
		reference = configuration.buildSessionFactory();
		data.copyTo( referenceDatabase );
	}

	private ShardedSessionFactory shardedFactory(String accessStrategy, boolean createSchema) {
		Map<String, String> properties = new LinkedHashMap<>();
		// the shard URLs, with Connector/J's batch rewriting so that batched inserts are few statements
		dbs.hibernateProperties().forEach( (name, value) -> {
			if ( name.endsWith( ".connection.url" ) ) {
				properties.put( name, value + ( value.contains( "?" ) ? "&" : "?" ) + "rewriteBatchedStatements=true" );
			}
		} );
		properties.put( "hibernate.hbm2ddl.auto", createSchema ? "create" : "none" );
		properties.put( "hibernate.shards.access_strategy", accessStrategy );
		properties.put( "hibernate.jdbc.batch_size", "100" );
		properties.put( "hibernate.order_inserts", "true" );
		properties.put( "hibernate.generate_statistics", "true" );
		return ShardedFactories.build( dbs, properties, HqlQueries.ENTITIES );
	}

	@AfterAll
	final void close() {
		for ( AutoCloseable closeable : new AutoCloseable[] { sequential, parallel, reference } ) {
			if ( closeable != null ) {
				try {
					closeable.close();
				}
				catch (Exception e) {
					// closing the others matters more
				}
			}
		}
	}

	// ---- the data the comparison stands on

	@Test
	void everyShardHoldsPartOfTheDataAndTheReferenceHoldsAll() throws SQLException {
		Map<String, Integer> expected = Map.of( "q_customer", QueryDataset.CUSTOMERS, "q_purchase_order", QueryDataset.ORDERS,
				"q_order_line", QueryDataset.LINES, "q_product", QueryDataset.PRODUCTS );
		for ( Map.Entry<String, Integer> table : expected.entrySet() ) {
			long total = 0;
			for ( ShardDatabase shard : dbs.all() ) {
				long rows = count( shard, table.getKey() );
				// every shard must take part, or the merges would not be tested
				assertTrue( rows > 0, "shard " + shard.index() + " holds no rows of " + table.getKey() );
				total += rows;
			}
			assertEquals( table.getValue().longValue(), total, "rows of " + table.getKey() + " over all shards" );
			assertEquals( table.getValue().longValue(), count( referenceDatabase, table.getKey() ), "rows of " + table.getKey() + " in the reference" );
		}
		assertEquals( dbs.size(), new TreeSet<>( data.shardOfCustomer.values() ).size(), "shards holding customers" );
	}

	private static long count(ShardDatabase database, String table) throws SQLException {
		try ( Connection connection = database.openConnection(); Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery( "select count(*) from " + table ) ) {
			rs.next();
			return rs.getLong( 1 );
		}
	}

	// ---- getResultCount(): what Spring Data pages with

	@Test
	void resultCountOfAPlainQueryIsOneDatabasesCount() {
		List<String> queries = List.of( "select c from Customer c order by c.id", "select c.email from Customer c where c.active = true",
				"from Customer c where c.country = :country" );
		for ( String hql : queries ) {
			try ( Session one = reference.openSession(); ShardedSession sharded = sequential.openSession() ) {
				var expected = one.createQuery( hql, Object.class ).setFirstResult( 3 ).setMaxResults( 5 );
				var actual = sharded.createQuery( hql, Object.class ).setFirstResult( 3 ).setMaxResults( 5 );
				if ( hql.contains( ":country" ) ) {
					expected.setParameter( "country", "FR" );
					actual.setParameter( "country", "FR" );
				}
				assertEquals( expected.getResultCount(), actual.getResultCount(), hql );
			}
		}
	}

	@Test
	void resultCountOfADistinctQueryOverSeveralShardsIsRefused() {
		try ( ShardedSession sharded = sequential.openSession() ) {
			var distinct = sharded.createQuery( "select distinct c.country from Customer c", String.class );
			if ( dbs.size() > 1 ) {
				org.junit.jupiter.api.Assertions.assertThrows( ShardedQueryException.class, distinct::getResultCount );
			}
			else {
				try ( Session one = reference.openSession() ) {
					assertEquals( one.createQuery( "select distinct c.country from Customer c", String.class ).getResultCount(),
							distinct.getResultCount() );
				}
			}
		}
	}

	// ---- the queries

	@TestFactory
	Stream<DynamicNode> hql() {
		return perStrategy( HqlQueries.all( data ) );
	}

	@TestFactory
	Stream<DynamicNode> criteria() {
		return perStrategy( CriteriaQueries.all( data ) );
	}

	@TestFactory
	Stream<DynamicNode> refusedOverSeveralShards() {
		List<RefusedQueries.Refused> refused = RefusedQueries.all( data );
		return Stream.of( sequential, parallel ).map( factory -> DynamicContainer.dynamicContainer( strategyOf( factory ),
				refused.stream().flatMap( r -> {
					List<DynamicNode> tests = new ArrayList<>();
					QueryCase query = r.anyShards();
					if ( dbs.size() > 1 ) {
						tests.add( DynamicTest.dynamicTest( query.id + " refused: " + r.construct(), () -> assertRefused( factory, query ) ) );
					}
					else {
						tests.add( DynamicTest.dynamicTest( query.id + " runs on one physical shard: " + r.construct(), () -> check( factory, query ) ) );
					}
					if ( r.routed() != null ) {
						tests.add( DynamicTest.dynamicTest( r.routed().id + " runs when routed to one shard: " + r.construct(),
								() -> check( factory, r.routed() ) ) );
					}
					return tests.stream();
				} ) ) );
	}

	private Stream<DynamicNode> perStrategy(List<QueryCase> queries) {
		return Stream.of( sequential, parallel ).map( factory -> DynamicContainer.dynamicContainer( strategyOf( factory ),
				queries.stream().map( query -> DynamicTest.dynamicTest( shortName( query ), () -> check( factory, query ) ) ) ) );
	}

	private String strategyOf(ShardedSessionFactory factory) {
		return factory == sequential ? "sequential" : "parallel";
	}

	private static String shortName(QueryCase query) {
		String name = query.toString();
		return name.length() > 160 ? name.substring( 0, 157 ) + "…" : name;
	}

	// ---- running and comparing

	private void check(ShardedSessionFactory factory, QueryCase query) {
		Outcome expected = referenceOutcomes.computeIfAbsent( query.id, id -> onReference( query ) );
		long[] before = queryCounts( factory );
		Outcome actual = onShards( factory, query );
		long[] after = queryCounts( factory );
		Outcome.assertSame( query, expected, actual );
		if ( query.routedToCustomers != null ) {
			Set<ShardId> routed = new TreeSet<>();
			query.routedToCustomers.forEach( id -> routed.add( data.shardOfCustomer.get( id ) ) );
			Set<ShardId> asked = askedShards( before, after );
			if ( !asked.equals( routed ) ) {
				throw new AssertionFailedError( query.id + " is routed by its shard key to " + routed + " but asked " + asked + ": " + query.describe() );
			}
		}
	}

	private void assertRefused(ShardedSessionFactory factory, QueryCase query) {
		long[] before = queryCounts( factory );
		Outcome actual = onShards( factory, query );
		long[] after = queryCounts( factory );
		if ( !( actual.failure() instanceof ShardedQueryException ) ) {
			throw new AssertionFailedError( query.id + " should be refused with ShardedQueryException over " + dbs.size() + " shards, but "
					+ ( actual.failure() == null ? "it returned " + actual.rows().size() + " rows" : "it threw " + actual.failure() )
					+ ": " + query.describe(), actual.failure() );
		}
		assertFalse( actual.failure().getMessage().isBlank(), "the refusal says why" );
		Set<ShardId> asked = askedShards( before, after );
		assertTrue( asked.isEmpty(), query.id + " was refused, but only after asking " + asked );
	}

	private Outcome onReference(QueryCase query) {
		try ( Session session = reference.openSession() ) {
			return run( session, query, false );
		}
	}

	private static Outcome onShards(ShardedSessionFactory factory, QueryCase query) {
		try ( ShardedSession session = factory.openSession() ) {
			return run( session, query, true );
		}
	}

	private static Outcome run(Session session, QueryCase query, boolean sharded) {
		boolean transactional = query.kind == QueryCase.Kind.MUTATION;
		if ( transactional ) {
			session.beginTransaction();
		}
		try {
			return Outcome.of( query.run( session, sharded ), query ); // canonical form taken while the session is open
		}
		catch (RuntimeException e) {
			return Outcome.failed( e );
		}
		finally {
			if ( transactional && session.getTransaction().isActive() ) {
				session.getTransaction().rollback();
			}
		}
	}

	/** Queries executed so far by each shard's own session factory (statistics are on). */
	private static long[] queryCounts(ShardedSessionFactory factory) {
		Map<ShardId, SessionFactory> factories = factory.getSessionFactories();
		long[] counts = new long[factories.size()];
		factories.forEach( (shard, shardFactory) -> counts[shard.getId()] = shardFactory.getStatistics().getQueryExecutionCount() );
		return counts;
	}

	private static Set<ShardId> askedShards(long[] before, long[] after) {
		Set<ShardId> asked = new TreeSet<>();
		for ( int i = 0; i < before.length; i++ ) {
			if ( after[i] != before[i] ) {
				asked.add( ShardId.of( i ) );
			}
		}
		return asked;
	}
}
