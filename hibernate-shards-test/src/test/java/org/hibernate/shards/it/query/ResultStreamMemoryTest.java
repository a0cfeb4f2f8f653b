package org.hibernate.shards.it.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.it.ShardedFactories;
import org.hibernate.shards.it.query.model.Reading;
import org.hibernate.shards.it.query.model.Sample;
import org.hibernate.shards.it.query.model.Station;
import org.hibernate.shards.test.MySqlShards;
import org.hibernate.shards.test.ShardDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code getResultStream()} of an ordered query over 4 shards and 1,000,000 rows must be a streaming merge: the heap
 * must not grow with the rows read, measured from before the stream is opened (a driver that reads whole results
 * does so as the stream opens) to its end. Materialised, these rows (a Long and a 100-character string each) take
 * about 200 MB, and Connector/J buffering whole result sets would take over 100 MB more; the test allows 64 MB.
 * Entities stream too, while their eager association loads with a statement of its own on the same connection, as long
 * as the caller clears the session now and then (as with plain Hibernate, the session keeps what it returned).
 */
@MySqlShards(4)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResultStreamMemoryTest {
	private static final int PER_SHARD = 250_000;
	private static final int ROWS = 4 * PER_SHARD;
	private static final long ALLOWED_GROWTH = 64L * 1024 * 1024;
	private static final int LABEL_LENGTH = 100;
	private static final int STATIONS = 10;
	private static final int CLEAR_EVERY = 1_000;

	private ShardDatabases dbs;
	private ShardedSessionFactory sequential;
	private ShardedSessionFactory parallel;

	@BeforeAll
	void load(ShardDatabases dbs) throws Exception {
		this.dbs = dbs;
		sequential = factory( "sequential", "create" );
		parallel = factory( "parallel", "none" );
		// Shard s holds the values s, s + 4, s + 8, …: the merged order interleaves all four shards row by row.
		ExecutorService pool = Executors.newFixedThreadPool( dbs.size() );
		try {
			List<Future<Integer>> inserts = new ArrayList<>();
			for ( int shard = 0; shard < dbs.size(); shard++ ) {
				int s = shard;
				inserts.add( pool.submit( () -> {
					try ( Connection connection = dbs.get( s ).openConnection(); Statement statement = connection.createStatement() ) {
						return statement.executeUpdate( "insert into q_reading (id, reading_value, label) "
								+ "select " + s * PER_SHARD + " + seq, seq * 4 + " + s + ", "
								+ "concat(lpad(seq * 4 + " + s + ", 8, '0'), repeat('x', " + ( LABEL_LENGTH - 8 ) + ")) "
								+ "from seq_0_to_" + ( PER_SHARD - 1 ) );
					}
				} ) );
			}
			for ( int shard = 0; shard < dbs.size(); shard++ ) {
				int s = shard;
				inserts.add( pool.submit( () -> {
					try ( Connection connection = dbs.get( s ).openConnection(); Statement statement = connection.createStatement() ) {
						statement.executeUpdate( "insert into q_station (id, name) select seq, concat('station ', seq) from seq_0_to_" + ( STATIONS - 1 ) );
						return statement.executeUpdate( "insert into q_sample (id, sample_value, label, station_id) "
								+ "select " + s * PER_SHARD + " + seq, seq * 4 + " + s + ", "
								+ "concat(lpad(seq * 4 + " + s + ", 8, '0'), repeat('x', " + ( LABEL_LENGTH - 8 ) + ")), seq % " + STATIONS + " "
								+ "from seq_0_to_" + ( PER_SHARD - 1 ) );
					}
				} ) );
			}
			for ( Future<Integer> insert : inserts ) {
				assertEquals( PER_SHARD, insert.get() );
			}
		}
		finally {
			pool.shutdown();
		}
	}

	private ShardedSessionFactory factory(String accessStrategy, String schema) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put( "hibernate.hbm2ddl.auto", schema );
		properties.put( "hibernate.shards.access_strategy", accessStrategy );
		return ShardedFactories.build( dbs, properties, Reading.class, Sample.class, Station.class );
	}

	@AfterAll
	void close() {
		if ( sequential != null ) {
			sequential.close();
		}
		if ( parallel != null ) {
			parallel.close();
		}
	}

	@Test
	void orderedStreamOverFourShardsKeepsTheHeapFlatWithSequentialAccess() {
		streamAMillion( sequential, "sequential", "select r.value, r.label from Reading r order by r.value", Object[].class,
				(row, expected) -> check( ( (Number) row[0] ).longValue(), (String) row[1], expected ) );
	}

	@Test
	void orderedStreamOverFourShardsKeepsTheHeapFlatWithParallelAccess() {
		streamAMillion( parallel, "parallel", "select r.value, r.label from Reading r order by r.value", Object[].class,
				(row, expected) -> check( ( (Number) row[0] ).longValue(), (String) row[1], expected ) );
	}

	@Test
	void orderedEntityStreamWithAnEagerAssociationKeepsTheHeapFlatWithSequentialAccess() {
		streamAMillion( sequential, "sequential", "from Sample s order by s.value", Sample.class, ResultStreamMemoryTest::check );
	}

	@Test
	void orderedEntityStreamWithAnEagerAssociationKeepsTheHeapFlatWithParallelAccess() {
		streamAMillion( parallel, "parallel", "from Sample s order by s.value", Sample.class, ResultStreamMemoryTest::check );
	}

	private <T> void streamAMillion(ShardedSessionFactory factory, String accessStrategy, String query, Class<T> type,
			java.util.function.ObjLongConsumer<T> check) {
		List<String> samples = new ArrayList<>();
		try ( ShardedSession session = factory.openSession() ) {
			long start = usedHeap();
			long peak = start;
			samples.add( "before opening: " + mb( start ) );
			long expected = 0;
			try ( Stream<T> stream = session.createQuery( query, type ).getResultStream() ) {
				Iterator<T> rows = stream.iterator();
				while ( rows.hasNext() ) {
					check.accept( rows.next(), expected );
					expected++;
					if ( expected % CLEAR_EVERY == 0 ) {
						session.clear();
					}
					if ( expected % 100_000 == 0 || expected == 100 ) {
						long used = usedHeap();
						peak = Math.max( peak, used );
						samples.add( "after " + expected + " rows: " + mb( used ) );
						if ( used - start > ALLOWED_GROWTH ) {
							throw new AssertionError( "The used heap grew by " + mb( used - start ) + " (more than " + mb( ALLOWED_GROWTH )
									+ ") while streaming: something holds rows. Samples: " + samples );
						}
					}
				}
			}
			assertEquals( ROWS, expected, "rows streamed" );
			System.out.println( "Streamed " + ROWS + " rows (" + type.getSimpleName() + ") over " + factory.getSessionFactories().size()
					+ " shards with " + accessStrategy + " access; heap growth at most " + mb( peak - start ) + ": " + samples );
		}
	}

	private static void check(Sample sample, long expected) {
		check( sample.getValue(), sample.getLabel(), expected );
		if ( sample.getStation() == null || sample.getStation().getId() != sample.getId() % PER_SHARD % STATIONS ) {
			throw new AssertionError( "Sample " + sample.getId() + " has the wrong station: " + sample.getStation() );
		}
	}

	private static void check(long value, String label, long expected) {
		if ( value != expected ) {
			throw new AssertionError( "Row " + expected + " has value " + value + ": the stream is not in order or not complete" );
		}
		if ( label.length() != LABEL_LENGTH || Long.parseLong( label.substring( 0, 8 ) ) != expected ) {
			throw new AssertionError( "Row " + expected + " has the label of another row: " + label );
		}
	}

	private static long usedHeap() {
		Runtime runtime = Runtime.getRuntime();
		System.gc();
		System.gc();
		return runtime.totalMemory() - runtime.freeMemory();
	}

	private static String mb(long bytes) {
		return String.format( "%.1f MB", bytes / 1024.0 / 1024.0 );
	}
}
