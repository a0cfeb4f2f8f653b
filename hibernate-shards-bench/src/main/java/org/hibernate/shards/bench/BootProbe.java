package org.hibernate.shards.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import org.hibernate.SessionFactory;
import org.hibernate.shards.bench.model.BulkRow;
import org.hibernate.shards.bench.model.Customer;
import org.hibernate.shards.bench.model.PlainBulkRow;
import org.hibernate.shards.bench.model.PlainCustomer;
import org.hibernate.shards.bench.model.PlainPost;
import org.hibernate.shards.bench.model.Post;
import org.hibernate.shards.bench.support.BenchSettings;
import org.hibernate.shards.bench.support.Factories;

/**
 * The boot benchmark, run by {@link BenchmarkRunner} in a fresh JVM per configuration (JMH does not fit: the first boot
 * of a JVM is what an application pays at start, and retained heap needs full GCs):
 * <ol>
 * <li><b>cold</b>: the first {@code buildShardedSessionFactory()} of the JVM (class loading, JIT included);</li>
 * <li><b>warm</b>: {@value #WARM_BOOTS} more builds (each closed before the next), median;</li>
 * <li><b>retained heap</b>: used heap after full GCs with a factory referenced (its pools filled to their idle size)
 * minus used heap after full GCs before it was built.</li>
 * </ol>
 * Usage: {@code BootProbe sharded <physical shards>} or {@code BootProbe plain} (one plain Hibernate factory with
 * its pool, the reference); {@code BootProbe sharded 16 cold} stops after the cold boot (to profile it). Prints one line
 * {@code RESULT cold_ms=… warm_ms=…,… retained_bytes=…}.
 */
public final class BootProbe {
	static final int WARM_BOOTS = 5;
	/** HikariCP fills a pool to its idle size in the background; wait for it before measuring what a factory retains. */
	private static final long SETTLE_MILLIS = 3_000;

	private BootProbe() {
	}

	public static void main(String[] args) throws Exception {
		BenchSettings settings = BenchSettings.load();
		boolean sharded = args[0].equals( "sharded" );
		int shards = sharded ? Integer.parseInt( args[1] ) : 1;
		List<String> urls = settings.bootUrls().subList( 0, shards );

		long start = System.nanoTime();
		AutoCloseable first = boot( settings, sharded, urls );
		double coldMillis = ( System.nanoTime() - start ) / 1e6;
		first.close();
		if ( args.length > 2 && args[2].equals( "cold" ) ) {
			System.out.println( String.format( java.util.Locale.ROOT, "RESULT cold_ms=%.1f", coldMillis ) );
			System.exit( 0 );
		}

		List<Double> warm = new ArrayList<>();
		for ( int i = 0; i < WARM_BOOTS; i++ ) {
			long begin = System.nanoTime();
			AutoCloseable factory = boot( settings, sharded, urls );
			warm.add( ( System.nanoTime() - begin ) / 1e6 );
			factory.close();
		}

		long before = usedAfterGc();
		AutoCloseable kept = boot( settings, sharded, urls );
		Thread.sleep( SETTLE_MILLIS );
		long after = usedAfterGc();
		java.lang.ref.Reference.reachabilityFence( kept );
		kept.close();

		StringBuilder line = new StringBuilder( "RESULT cold_ms=" ).append( String.format( java.util.Locale.ROOT, "%.1f", coldMillis ) ).append( " warm_ms=" );
		for ( int i = 0; i < warm.size(); i++ ) {
			line.append( i == 0 ? "" : "," ).append( String.format( java.util.Locale.ROOT, "%.1f", warm.get( i ) ) );
		}
		line.append( " retained_bytes=" ).append( after - before );
		System.out.println( line );
		System.exit( 0 );
	}

	private static AutoCloseable boot(BenchSettings settings, boolean sharded, List<String> urls) {
		if ( sharded ) {
			return Factories.sharded( settings, urls, "sequential", Map.of(), Customer.class, Post.class, BulkRow.class );
		}
		HikariDataSource pool = Factories.pool( settings, urls.get( 0 ), "plain-boot" );
		SessionFactory factory = Factories.plain( settings, pool, Map.of(), PlainCustomer.class, PlainPost.class, PlainBulkRow.class );
		return () -> {
			factory.close();
			pool.close();
		};
	}

	private static long usedAfterGc() throws InterruptedException {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		long least = Long.MAX_VALUE;
		for ( int i = 0; i < 4; i++ ) {
			System.gc();
			Thread.sleep( 100 );
			least = Math.min( least, memory.getHeapMemoryUsage().getUsed() );
		}
		return least;
	}
}
