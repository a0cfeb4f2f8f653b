package org.hibernate.shards.bench.jmh;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.zaxxer.hikari.HikariDataSource;
import org.hibernate.SessionFactory;
import org.hibernate.shards.bench.model.Customer;
import org.hibernate.shards.bench.model.CustomerData;
import org.hibernate.shards.bench.model.PlainCustomer;
import org.hibernate.shards.bench.model.SphereCustomer;
import org.hibernate.shards.bench.support.BenchSettings;
import org.hibernate.shards.bench.support.CustomerWorkload;
import org.hibernate.shards.bench.support.Factories;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Routed single-entity work, one unit of work per operation: {@code find} by id, {@code persist} of one new customer
 * in its own transaction, {@code merge} of a changed detached customer in its own transaction; {@code queryByEmail}, an
 * HQL query on the shard key (run on demand with {@code methods=queryByEmail}, not part of the documented run).
 * <ul>
 * <li>{@code plain}: plain Hibernate on one database (the extra database on the first server);</li>
 * <li>{@code sharded}: a {@code ShardedSession} over the 4 shards, ids are {@code @ShardedId}, keys are e-mails;</li>
 * <li>{@code shardingsphere}: Hibernate on ShardingSphere-JDBC over the same 4 shards, sharded by {@code ds_${id % 4}};</li>
 * <li>{@code sharded-1}: a {@code ShardedSession} over 1 physical shard on the plain database's server: the control
 * that separates the library's own cost from the cost of spreading the work over 4 database servers.</li>
 * </ul>
 * The runner sets the thread count (1 and 4); every thread works on its own customers.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EntityBenchmark {

	@Param({ "plain", "sharded", "shardingsphere", "sharded-1" })
	public String impl;

	CustomerWorkload workload;
	List<Long> ids;

	@Setup(Level.Trial)
	public void setUp() {
		workload = workload( impl, BenchSettings.load() );
		ids = new ArrayList<>( workload.ids() );
		Collections.shuffle( ids, new Random( 42 ) );
		if ( ids.isEmpty() ) {
			throw new IllegalStateException( "No customers stored for " + impl );
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		workload.close();
	}

	public static CustomerWorkload workload(String impl, BenchSettings settings) {
		AtomicLong lastId = new AtomicLong();
		CustomerWorkload workload;
		switch ( impl ) {
			case "plain": {
				HikariDataSource pool = Factories.pool( settings, settings.plainUrl(), "plain" );
				SessionFactory factory = Factories.plain( settings, pool, Map.of(), PlainCustomer.class );
				workload = new CustomerWorkload( factory, PlainCustomer.class, i -> new PlainCustomer( lastId.incrementAndGet(), i ), pool );
				break;
			}
			case "sharded":
				workload = new CustomerWorkload( Factories.sharded( settings, settings.shardUrls(), "sequential", Map.of(), Customer.class ),
						Customer.class, Customer::new );
				break;
			case "sharded-1":
				workload = new CustomerWorkload( Factories.sharded( settings, List.of( settings.singleShardUrl() ), "sequential", Map.of(),
						Customer.class ), Customer.class, Customer::new );
				break;
			case "shardingsphere": {
				javax.sql.DataSource sphere = Factories.shardingSphere( settings );
				SessionFactory factory = Factories.onShardingSphere( settings, sphere, Map.of(), SphereCustomer.class );
				workload = new CustomerWorkload( factory, SphereCustomer.class, i -> new SphereCustomer( lastId.incrementAndGet(), i ),
						(AutoCloseable) sphere );
				break;
			}
			default:
				throw new IllegalArgumentException( impl );
		}
		lastId.set( workload.maxId() );
		return workload;
	}

	/** Each thread's own ids to find and detached customers to merge. */
	@State(Scope.Thread)
	public static class Worker {
		private static final int DETACHED = 500;
		long[] ids;
		SplittableRandom random;
		List<? extends CustomerData> detached;
		int nextDetached;
		long renames;

		@Setup(Level.Trial)
		public void setUp(EntityBenchmark benchmark, ThreadParams thread) {
			int index = thread.getThreadIndex();
			int count = thread.getThreadCount();
			List<Long> mine = new ArrayList<>();
			for ( int i = index; i < benchmark.ids.size(); i += count ) {
				mine.add( benchmark.ids.get( i ) );
			}
			ids = mine.stream().mapToLong( Long::longValue ).toArray();
			random = new SplittableRandom( 17 + index );
			detached = benchmark.workload.loadDetached( mine.subList( 0, Math.min( DETACHED, mine.size() ) ) );
		}

		long randomId() {
			return ids[random.nextInt( ids.length )];
		}

		String nextEmail() {
			return detached.get( random.nextInt( detached.size() ) ).getEmail();
		}

		CustomerData nextDetached() {
			CustomerData customer = detached.get( nextDetached );
			nextDetached = ( nextDetached + 1 ) % detached.size();
			customer.setName( "Renamed " + ( ++renames ) );
			return customer;
		}
	}

	@Benchmark
	public Object find(Worker worker) {
		CustomerData found = workload.find( worker.randomId() );
		if ( found == null ) {
			throw new IllegalStateException( "A stored customer was not found" );
		}
		return found;
	}

	@Benchmark
	public Object queryByEmail(Worker worker) {
		return workload.findByEmail( worker.nextEmail() ); // getSingleResult: a missing customer fails the benchmark
	}

	@Benchmark
	public Object persist() {
		return workload.persist();
	}

	@Benchmark
	public Object merge(Worker worker) {
		return workload.merge( worker.nextDetached() );
	}
}
