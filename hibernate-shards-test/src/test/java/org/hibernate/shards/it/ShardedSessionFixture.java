package org.hibernate.shards.it;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.it.model.Customer;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.test.ShardDatabases;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * One sharded session factory per test class (built once, with the given access strategy and statistics on), and
 * empty tables before every test. Subclasses are {@code @Nested} classes of a class annotated {@code @MySqlShards}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ShardedSessionFixture {
	protected final String accessStrategy;
	protected ShardDatabases dbs;
	protected ShardedSessionFactory factory;
	protected ShardRows rows;

	protected ShardedSessionFixture(String accessStrategy) {
		this.accessStrategy = accessStrategy;
	}

	/** Properties added to the factory's configuration; {@link #dbs} and {@link #rows} are set when it is called. */
	protected Map<String, String> extraProperties() {
		return Map.of();
	}

	@BeforeAll
	final void buildFactory(ShardDatabases dbs) {
		this.dbs = dbs;
		this.rows = new ShardRows( dbs );
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put( "hibernate.shards.access_strategy", accessStrategy );
		properties.put( "hibernate.generate_statistics", "true" );
		properties.putAll( extraProperties() );
		this.factory = ShardedFactories.build( dbs, properties );
	}

	@AfterAll
	final void closeFactory() {
		if ( factory != null ) {
			factory.close();
		}
	}

	@BeforeEach
	final void emptyTables() {
		rows.deleteAll();
	}

	/** Runs work in a new session and transaction, and commits. */
	/** Persists a customer whose e-mail routes to the given shard, in a transaction of its own. */
	protected Customer persistCustomerOn(int shard) {
		Customer customer = new Customer( KeyRouting.emailOnShard( shard ), "Customer on " + shard );
		inTransaction( session -> session.persist( customer ) );
		return customer;
	}

	protected void inTransaction(Consumer<ShardedSession> work) {
		fromTransaction( session -> {
			work.accept( session );
			return null;
		} );
	}

	/** Runs work in a new session and transaction, commits, and returns the work's result. */
	protected <T> T fromTransaction(Function<ShardedSession, T> work) {
		try ( ShardedSession session = factory.openSession() ) {
			session.beginTransaction();
			T result = work.apply( session );
			session.getTransaction().commit();
			return result;
		}
	}

	/** @return statistics of one shard's own session factory */
	protected Statistics statistics(int shard) {
		return factory.getSessionFactories().get( ShardId.of( shard ) ).getStatistics();
	}

	/** A snapshot of every shard's session-open and statement counts, to tell which shards an operation touched. */
	protected final class ShardActivity {
		private final long[] sessions = new long[dbs.size()];
		private final long[] statements = new long[dbs.size()];

		public ShardActivity() {
			for ( int i = 0; i < sessions.length; i++ ) {
				sessions[i] = statistics( i ).getSessionOpenCount();
				statements[i] = statistics( i ).getPrepareStatementCount();
			}
		}

		/** @return the shards (ascending) where a session was opened or a statement prepared since the snapshot */
		public java.util.List<Integer> touchedShards() {
			java.util.List<Integer> touched = new java.util.ArrayList<>();
			for ( int i = 0; i < sessions.length; i++ ) {
				if ( statistics( i ).getSessionOpenCount() > sessions[i] || statistics( i ).getPrepareStatementCount() > statements[i] ) {
					touched.add( i );
				}
			}
			return touched;
		}

		/** @return the shards (ascending) where a statement was prepared since the snapshot */
		public java.util.List<Integer> shardsWithStatements() {
			java.util.List<Integer> touched = new java.util.ArrayList<>();
			for ( int i = 0; i < statements.length; i++ ) {
				if ( statistics( i ).getPrepareStatementCount() > statements[i] ) {
					touched.add( i );
				}
			}
			return touched;
		}
	}
}
