package org.hibernate.shards.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.shards.bench.jmh.BulkInsertBenchmark;
import org.hibernate.shards.bench.jmh.EntityBenchmark;
import org.hibernate.shards.bench.jmh.FanOutBenchmark;
import org.hibernate.shards.bench.model.Post;
import org.hibernate.shards.bench.report.JfrSummary;
import org.hibernate.shards.bench.report.Machine;
import org.hibernate.shards.bench.report.Measurement;
import org.hibernate.shards.bench.report.ProgressOutput;
import org.hibernate.shards.bench.report.Report;
import org.hibernate.shards.bench.report.RunData;
import org.hibernate.shards.bench.support.BenchEnvironment;
import org.hibernate.shards.bench.support.BenchSettings;
import org.hibernate.shards.bench.support.Factories;
import org.hibernate.shards.bench.support.SqlRecorder;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.JavaFlightRecorderProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs every benchmark and writes {@code docs/benchmarks.md} with its charts. Started by
 * {@code mvn -q -B -pl hibernate-shards-bench -am package -DskipTests -Pbench}.
 * <ol>
 * <li>starts 4 private MariaDB servers the way the tests do, creates the databases and stores the data;</li>
 * <li>runs the JMH benchmarks (1 fork each, warm-up and measurement iterations of 1 s, medians of the iterations):
 * {@link EntityBenchmark} with 1 and 4 threads, {@link FanOutBenchmark}, {@link BulkInsertBenchmark};</li>
 * <li>runs {@link BootProbe} in a fresh JVM per configuration;</li>
 * <li>profiles the sharded side of each workload with JFR (separate, shorter runs, so the measurements above carry
 * no profiler);</li>
 * <li>writes the page, stops the servers.</li>
 * </ol>
 * Options, space-separated in {@code -Dbench.args}: {@code quick} (short iterations, 20,000 bulk rows: a smoke run),
 * {@code only=entity,fanout,bulk,boot} (a subset), {@code noprofile}, {@code nodocs} (print, do not write the page).
 */
public final class BenchmarkRunner {
	static final int CUSTOMERS = 20_000;
	static final int POSTS = 40_000;
	static final int BULK_ROWS = 200_000;

	private final boolean quick;
	private final Set<String> only;
	private final List<String> impls;
	private final String methods;
	private final String profileImpl;
	private final boolean profile;
	private final boolean writeDocs;
	private final Path work;
	private final Path docs;
	private final PrintStream out = System.out;
	private final RunData data = new RunData();
	private Path settingsFile;

	private BenchmarkRunner(List<String> args) {
		quick = args.contains( "quick" );
		profile = !args.contains( "noprofile" );
		writeDocs = !args.contains( "nodocs" );
		only = new TreeSet<>();
		args.stream().filter( a -> a.startsWith( "only=" ) ).forEach( a -> only.addAll( Arrays.asList( a.substring( 5 ).split( "," ) ) ) );
		impls = args.stream().filter( a -> a.startsWith( "impl=" ) ).flatMap( a -> Arrays.stream( a.substring( 5 ).split( "," ) ) ).toList();
		methods = args.stream().filter( a -> a.startsWith( "methods=" ) ).map( a -> a.substring( 8 ) ).findFirst().orElse( null );
		profileImpl = args.stream().filter( a -> a.startsWith( "profile=" ) ).map( a -> a.substring( 8 ) ).findFirst().orElse( null );
		work = Paths.get( "target", "bench" ).toAbsolutePath();
		docs = Paths.get( System.getProperty( "bench.docs", "docs" ) ).toAbsolutePath().normalize();
	}

	/** JVM options of every JVM the run starts: quiet logging (Hibernate logs through SLF4J, warnings only). */
	static final List<String> LOGGING = List.of( "-Dorg.jboss.logging.provider=slf4j", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
			"-Dorg.slf4j.simpleLogger.log.org.hibernate=error" );

	public static void main(String[] args) throws Exception {
		System.setProperty( "java.awt.headless", "true" );
		for ( String option : LOGGING ) {
			String[] pair = option.substring( 2 ).split( "=", 2 );
			System.setProperty( pair[0], pair[1] );
		}
		List<String> options = new ArrayList<>( Arrays.asList( args ) );
		String fromProperty = System.getProperty( "bench.args", "" ).trim();
		if ( !fromProperty.isEmpty() ) {
			options.addAll( Arrays.asList( fromProperty.split( "\\s+" ) ) );
		}
		new BenchmarkRunner( options ).run();
		System.exit( 0 );
	}

	private boolean runs(String group) {
		return only.isEmpty() || only.contains( group );
	}

	private void run() throws Exception {
		long start = System.nanoTime();
		Files.createDirectories( work );
		data.loadAtStart = Machine.loadAverage();
		data.peakLoad = Machine.load1();
		data.iterations = quick ? "1 warm-up and 3 measurement iterations of 0.5 s (quick run)"
				: "3 warm-up and 5 measurement iterations of 1 s";
		data.bulkRows = quick ? 20_000 : BULK_ROWS;
		data.customers = CUSTOMERS;
		data.posts = POSTS;
		out.println( "Hibernate Shards benchmarks: " + Machine.cpu() + ", " + Machine.memory() + ", load " + data.loadAtStart );
		out.println( "JMH logs, boot probe output and profiles go to " + work );
		try ( BenchEnvironment environment = new BenchEnvironment() ) {
			out.printf( "Started %d %s servers (%s) in %.0f s%n", BenchEnvironment.SHARDS, environment.source(),
					environment.serverVersion(), ( System.nanoTime() - start ) / 1e9 );
			long loading = System.nanoTime();
			environment.load( CUSTOMERS, POSTS );
			settingsFile = work.resolve( "bench.properties" );
			environment.settings().save( settingsFile );
			System.setProperty( BenchSettings.PROPERTY, settingsFile.toString() );
			data.rowsPerShard.put( "customer", environment.rowsPerShard( "customer" ) );
			data.rowsPerShard.put( "post", environment.rowsPerShard( "post" ) );
			data.rowsPerShard.put( "sphere_customer", environment.rowsPerShard( "sphere_customer" ) );
			data.shardSql = perShardSql( environment.settings() );
			out.printf( "Stored %,d customers and %,d posts per implementation in %.0f s%n", CUSTOMERS, POSTS,
					( System.nanoTime() - loading ) / 1e9 );
			fillFacts( environment );
			if ( runs( "checks" ) ) {
				checks( environment.settings() );
			}

			if ( runs( "entity" ) ) {
				out.println( "Routed single-entity work, 1 thread:" );
				jmh( "entity-1t", EntityBenchmark.class, "(find|persist|merge)", 1, null );
				out.println( "Routed single-entity work, 4 threads:" );
				jmh( "entity-4t", EntityBenchmark.class, "(find|persist|merge)", 4, null );
			}
			if ( runs( "fanout" ) ) {
				out.println( "Fan-out query (order by + limit 20 over all shards):" );
				jmh( "fanout", FanOutBenchmark.class, "top20", 1, null );
			}
			if ( runs( "bulk" ) ) {
				out.printf( "Bulk insert of %,d rows:%n", data.bulkRows );
				jmh( "bulk", BulkInsertBenchmark.class, "insert", 1, null );
			}
			if ( runs( "boot" ) ) {
				out.println( "Boot time and retained heap (a fresh JVM each):" );
				boot( "plain Hibernate, 1 factory", "plain", 1 );
				for ( int shards : List.of( 1, 4, 16 ) ) {
					boot( shards + " physical shard" + ( shards == 1 ? "" : "s" ), "sharded", shards );
				}
				if ( profile && data.boots.stream().anyMatch( b -> b.shards() == 16 && b.coldMillis() > 2_000 ) ) {
					profileColdBoot();
				}
			}
			if ( profile ) {
				profiles();
			}
		}
		data.loadAtEnd = Machine.loadAverage();
		data.peakLoad = Math.max( data.peakLoad, Machine.load1() );
		data.elapsedSeconds = Math.round( ( System.nanoTime() - start ) / 1e9 );
		Report report = new Report( data );
		out.println();
		out.println( report.summary() );
		if ( writeDocs ) {
			report.write( docs.resolve( "benchmarks.md" ), docs.resolve( "benchmarks" ) );
			out.println( "Wrote " + docs.resolve( "benchmarks.md" ) + " and its charts in " + docs.resolve( "benchmarks" ) );
		}
		out.printf( "Done in %d min %02d s%n", data.elapsedSeconds / 60, data.elapsedSeconds % 60 );
	}

	private void fillFacts(BenchEnvironment environment) {
		data.facts.put( "CPU", Machine.cpu() );
		data.facts.put( "Memory", Machine.memory() );
		data.facts.put( "OS", Machine.os() );
		data.facts.put( "JDK", Machine.jdk() );
		data.facts.put( "Database", "MariaDB " + environment.serverVersion() + ": " + BenchEnvironment.SHARDS
				+ " private `" + environment.source() + "` servers on loopback ports, started by `hibernate-shards-test` as the tests"
				+ " start them (64 MB buffer pool, `innodb_flush_log_at_trx_commit=2`, no binary log); shard n on server n,"
				+ " the plain database on server 0" );
		data.facts.put( "Libraries", "Hibernate ORM " + org.hibernate.Version.getVersionString() + ", Connector/J "
				+ com.mysql.cj.Constants.CJ_VERSION + " (`rewriteBatchedStatements=true`), HikariCP (10 connections per pool),"
				+ " ShardingSphere-JDBC " + org.apache.shardingsphere.infra.autogen.version.ShardingSphereVersion.VERSION
				+ ", JMH 1.37" );
	}

	/** The SQL each shard receives for the fan-out query, recorded once for the page. */
	private static String perShardSql(BenchSettings settings) {
		SqlRecorder.STATEMENTS.clear();
		try ( SessionFactory factory = Factories.sharded( settings, settings.shardUrls(), "sequential",
				Map.of( AvailableSettings.STATEMENT_INSPECTOR, SqlRecorder.class.getName() ), Post.class );
				Session session = factory.openSession() ) {
			session.createQuery( "from Post p order by p.createdAt desc, p.id desc", Post.class ).setMaxResults( 20 ).getResultList();
		}
		return SqlRecorder.STATEMENTS.stream().filter( s -> s.contains( "post" ) ).findFirst().orElse( "?" );
	}

	private ChainedOptionsBuilder options(Class<?> benchmark, String methods, int threads) {
		return options( benchmark, methods, threads, impls );
	}

	private ChainedOptionsBuilder options(Class<?> benchmark, String methods, int threads, List<String> impls) {
		ChainedOptionsBuilder builder = new OptionsBuilder()
				.include( "^" + benchmark.getName().replace( ".", "\\." ) + "\\." + ( this.methods != null ? this.methods : methods ) + "$" )
				.forks( 1 )
				.threads( threads )
				.shouldFailOnError( false )
				.verbosity( VerboseMode.NORMAL )
				.jvmArgs( jvmArgs( "-Xms1g", "-Xmx1g", "-Djava.awt.headless=true", "-D" + BenchSettings.PROPERTY + "=" + settingsFile ) );
		if ( !impls.isEmpty() ) {
			builder.param( "impl", impls.toArray( String[]::new ) );
		}
		if ( benchmark == BulkInsertBenchmark.class ) {
			builder.warmupIterations( 1 ).measurementIterations( quick ? 1 : 3 ).param( "rows", Integer.toString( data.bulkRows ) );
		}
		else if ( quick ) {
			builder.warmupIterations( 1 ).warmupTime( TimeValue.milliseconds( 500 ) )
					.measurementIterations( 3 ).measurementTime( TimeValue.milliseconds( 500 ) );
		}
		else {
			builder.warmupIterations( 3 ).warmupTime( TimeValue.seconds( 1 ) )
					.measurementIterations( 5 ).measurementTime( TimeValue.seconds( 1 ) );
		}
		return builder;
	}

	private Collection<RunResult> jmh(String name, Class<?> benchmark, String methods, int threads, ChainedOptionsBuilder custom)
			throws RunnerException, IOException {
		ChainedOptionsBuilder builder = custom != null ? custom : options( benchmark, methods, threads );
		Path log = work.resolve( name + ".log" );
		Collection<RunResult> results;
		try ( PrintStream file = new PrintStream( Files.newOutputStream( log ), true, StandardCharsets.UTF_8 ) ) {
			ProgressOutput output = new ProgressOutput( OutputFormatFactory.createFormatInstance( file, VerboseMode.NORMAL ), out );
			results = new Runner( builder.build(), output ).run();
		}
		int expected = expectedRuns( benchmark );
		if ( custom == null ) {
			String group = groupOf( benchmark );
			List<Measurement> added = new ArrayList<>();
			for ( RunResult result : results ) {
				added.add( measurement( group, result ) );
			}
			data.measurements.addAll( added );
			repeatUnsteady( name, benchmark, threads, added );
			if ( results.size() < expected && impls.isEmpty() && methods == null ) {
				String failure = ( expected - results.size() ) + " of " + expected + " " + benchmark.getSimpleName() + " runs (" + threads
						+ " thread(s)) failed; see " + log;
				data.failures.add( failure );
				out.println( "  " + failure );
			}
		}
		peakLoad();
		return results;
	}

	/** Iterations whose largest and smallest score differ by more than this factor are a measurement worth repeating. */
	static final double UNSTEADY = 1.5;
	/** At most this many repeats per group of benchmarks, so that a noisy machine cannot make the run endless. */
	static final int MAX_REPEATS = 4;

	static double spread(Measurement m) {
		return m.max() / m.min();
	}

	/**
	 * Runs again, once, each measurement of the group whose iterations varied more than {@value #UNSTEADY}× (a change of
	 * the shared machine's load during the fork, or a warm-up that had not finished), whichever implementation it is, and
	 * keeps the steadier of the two. Every repeat is listed on the page; both runs are in the JMH logs.
	 */
	private void repeatUnsteady(String name, Class<?> benchmark, int threads, List<Measurement> measured) throws RunnerException, IOException {
		if ( quick ) {
			return; // a smoke run's iterations are too short to be steady
		}
		List<Measurement> unsteady = measured.stream().filter( m -> m.scores().size() >= 3 && spread( m ) > UNSTEADY )
				.sorted( java.util.Comparator.comparingDouble( BenchmarkRunner::spread ).reversed() ).limit( MAX_REPEATS ).toList();
		for ( Measurement first : unsteady ) {
			out.printf( java.util.Locale.ROOT, "  repeating %s %s (%d thread(s)): its iterations varied %.1f×%n", first.benchmark(), first.impl(),
					threads, spread( first ) );
			ChainedOptionsBuilder builder = options( benchmark, first.benchmark(), threads, List.of( first.impl() ) );
			Collection<RunResult> again;
			Path log = work.resolve( name + "-repeat-" + first.benchmark() + "-" + first.impl() + ".log" );
			try ( PrintStream file = new PrintStream( Files.newOutputStream( log ), true, StandardCharsets.UTF_8 ) ) {
				again = new Runner( builder.build(), new ProgressOutput( OutputFormatFactory.createFormatInstance( file, VerboseMode.NORMAL ), out ) ).run();
			}
			if ( again.isEmpty() ) {
				continue;
			}
			Measurement second = measurement( first.group(), again.iterator().next() );
			boolean keepSecond = spread( second ) < spread( first );
			if ( keepSecond ) {
				data.measurements.set( data.measurements.indexOf( first ), second );
			}
			data.repeats.add( String.format( java.util.Locale.ROOT, "%s, %s, %d thread%s: first run %s (%.1f×), repeat %s (%.1f×); kept the %s",
					first.benchmark(), org.hibernate.shards.bench.report.Report.displayName( first.impl() ), threads, threads == 1 ? "" : "s",
					range( first ), spread( first ), range( second ), spread( second ), keepSecond ? "repeat" : "first run" ) );
			peakLoad();
		}
	}

	private static String range(Measurement m) {
		return String.format( java.util.Locale.ROOT, "%,.0f–%,.0f %s", m.min(), m.max(), m.unit() );
	}

	private static String[] jvmArgs(String... args) {
		List<String> all = new ArrayList<>( Arrays.asList( args ) );
		all.addAll( LOGGING );
		return all.toArray( String[]::new );
	}

	private void peakLoad() {
		data.peakLoad = Math.max( data.peakLoad, Machine.load1() );
	}

	private static int expectedRuns(Class<?> benchmark) {
		if ( benchmark == EntityBenchmark.class ) {
			return 12;
		}
		return benchmark == FanOutBenchmark.class ? 8 : 5;
	}

	private static String groupOf(Class<?> benchmark) {
		if ( benchmark == EntityBenchmark.class ) {
			return "entity";
		}
		return benchmark == FanOutBenchmark.class ? "fanout" : "bulk";
	}

	private static Measurement measurement(String group, RunResult result) {
		BenchmarkParams params = result.getParams();
		String method = params.getBenchmark().substring( params.getBenchmark().lastIndexOf( '.' ) + 1 );
		List<Double> scores = new ArrayList<>();
		for ( BenchmarkResult benchmarkResult : result.getBenchmarkResults() ) {
			for ( IterationResult iteration : benchmarkResult.getIterationResults() ) {
				scores.add( iteration.getPrimaryResult().getScore() );
			}
		}
		return new Measurement( group, method, params.getParam( "impl" ), params.getThreads(), result.getPrimaryResult().getScoreUnit(),
				scores );
	}

	// ---- checks

	private void checks(BenchSettings settings) throws Exception {
		out.println( "Checks: statements per operation (server counters), and raw JDBC on 1 database vs 4 servers:" );
		long start = System.nanoTime();
		data.statements = org.hibernate.shards.bench.support.Checks.statementsPerOperation( settings );
		for ( var impl : data.statements.entrySet() ) {
			StringBuilder line = new StringBuilder( String.format( "  %-16s", impl.getKey() ) );
			impl.getValue().forEach( (workload, counters) -> line.append( String.format( java.util.Locale.ROOT, " %s %.1f", workload,
					counters.getOrDefault( "Questions", Double.NaN ) ) ) );
			out.println( line + " statements per operation" );
		}
		data.topology = org.hibernate.shards.bench.support.Checks.topology( settings, quick ? 3 : 6, 1_000 );
		data.topology.forEach( (name, m) -> out.printf( java.util.Locale.ROOT, "  %-55s %6.0f µs (median of %d rounds)%n", name, m.median(),
				m.scores().size() ) );
		out.printf( "  (%.0f s)%n", ( System.nanoTime() - start ) / 1e9 );
		peakLoad();
	}

	// ---- boot

	private void boot(String configuration, String kind, int shards) throws IOException, InterruptedException {
		Path log = work.resolve( "boot-" + kind + "-" + shards + ".log" );
		List<String> command = new ArrayList<>( List.of( Paths.get( System.getProperty( "java.home" ), "bin", "java" ).toString(), "-Xmx1g",
				"-cp", System.getProperty( "java.class.path" ), "-D" + BenchSettings.PROPERTY + "=" + settingsFile ) );
		command.addAll( LOGGING );
		command.addAll( List.of( BootProbe.class.getName(), kind, Integer.toString( shards ) ) );
		Process process = new ProcessBuilder( command ).redirectErrorStream( true ).start();
		String result = null;
		List<String> lines = new ArrayList<>();
		try ( BufferedReader reader = new BufferedReader( new InputStreamReader( process.getInputStream(), StandardCharsets.UTF_8 ) ) ) {
			for ( String line; ( line = reader.readLine() ) != null; ) {
				lines.add( line );
				if ( line.startsWith( "RESULT " ) ) {
					result = line;
				}
			}
		}
		if ( !process.waitFor( 5, TimeUnit.MINUTES ) ) {
			process.destroyForcibly();
		}
		Files.write( log, lines, StandardCharsets.UTF_8 );
		if ( result == null ) {
			String failure = "The boot probe for " + configuration + " failed; see " + log;
			data.failures.add( failure );
			out.println( "  " + failure );
			return;
		}
		double cold = 0;
		List<Double> warm = new ArrayList<>();
		long retained = 0;
		for ( String field : result.substring( "RESULT ".length() ).split( " " ) ) {
			String[] pair = field.split( "=" );
			switch ( pair[0] ) {
				case "cold_ms" -> cold = Double.parseDouble( pair[1] );
				case "warm_ms" -> Arrays.stream( pair[1].split( "," ) ).map( Double::parseDouble ).forEach( warm::add );
				case "retained_bytes" -> retained = Long.parseLong( pair[1] );
				default -> {
				}
			}
		}
		RunData.Boot boot = new RunData.Boot( configuration, shards, cold, warm, retained );
		data.boots.add( boot );
		out.printf( java.util.Locale.ROOT, "  %-28s cold %,7.0f ms, warm median %,6.0f ms, retained heap %,6.1f MiB%n", configuration,
				cold, boot.warmMedian(), retained / 1024.0 / 1024.0 );
		peakLoad();
	}

	/** The cold boot of 16 shards again, in a fresh JVM recording with JFR (not used for the numbers). */
	private void profileColdBoot() throws IOException, InterruptedException {
		Path directory = work.resolve( "jfr" ).resolve( "boot-16" );
		deleteRecursively( directory );
		Files.createDirectories( directory );
		Path recording = directory.resolve( "boot-16.jfr" );
		List<String> command = new ArrayList<>( List.of( Paths.get( System.getProperty( "java.home" ), "bin", "java" ).toString(), "-Xmx1g",
				"-XX:StartFlightRecording=settings=" + jfrSettings() + ",filename=" + recording + ",dumponexit=true",
				"-cp", System.getProperty( "java.class.path" ), "-D" + BenchSettings.PROPERTY + "=" + settingsFile ) );
		command.addAll( LOGGING );
		command.addAll( List.of( BootProbe.class.getName(), "sharded", "16", "cold" ) );
		Process process = new ProcessBuilder( command ).redirectErrorStream( true ).redirectOutput( directory.resolve( "probe.log" ).toFile() ).start();
		if ( !process.waitFor( 5, TimeUnit.MINUTES ) ) {
			process.destroyForcibly();
		}
		if ( !Files.exists( recording ) ) {
			data.failures.add( "No JFR recording of the cold boot in " + directory );
			return;
		}
		JfrSummary summary = JfrSummary.of( recording );
		data.profiles.add( new RunData.Profile( "boot of 16 shards, cold (JFR from JVM start)", "boot", "sharded", summary ) );
		out.printf( java.util.Locale.ROOT, "  profiled the cold boot of 16 shards: %d CPU samples, %.1f%% in hibernate-shards, %.1f%% in Hibernate ORM%n",
				summary.samples, summary.share( JfrSummary.LIBRARY ), summary.share( "Hibernate ORM" ) );
	}

	// ---- profiles

	private record ProfileRun(String title, Class<?> benchmark, String method, String impl, int threads) {
	}

	/** Short JFR-profiled runs of the sharded side of each workload (not used for the measurements). */
	private void profiles() throws Exception {
		List<ProfileRun> runs = new ArrayList<>();
		if ( runs( "entity" ) ) {
			runs.add( new ProfileRun( "find, 1 thread", EntityBenchmark.class, "find", "sharded", 1 ) );
			runs.add( new ProfileRun( "persist, 1 thread", EntityBenchmark.class, "persist", "sharded", 1 ) );
			runs.add( new ProfileRun( "merge, 1 thread", EntityBenchmark.class, "merge", "sharded", 1 ) );
		}
		if ( runs( "fanout" ) ) {
			runs.add( new ProfileRun( "fan-out query, parallel access", FanOutBenchmark.class, "top20", "sharded-parallel", 1 ) );
			runs.add( new ProfileRun( "fan-out query on ShardingSphere-JDBC (for comparison)", FanOutBenchmark.class, "top20", "shardingsphere", 1 ) );
		}
		if ( runs( "bulk" ) ) {
			runs.add( new ProfileRun( "bulk insert", BulkInsertBenchmark.class, "insert", "sharded", 1 ) );
		}
		if ( profileImpl != null ) {
			// a developer's look at another implementation: its entity workloads
			runs.clear();
			for ( String method : List.of( "find", "persist", "merge" ) ) {
				runs.add( new ProfileRun( method + ", 1 thread, " + profileImpl, EntityBenchmark.class, method, profileImpl, 1 ) );
			}
		}
		if ( methods != null ) {
			runs.removeIf( run -> !run.method().matches( methods ) );
		}
		if ( runs.isEmpty() ) {
			return;
		}
		out.println( "Profiling with JFR (short separate runs):" );
		Path settings = jfrSettings();
		for ( ProfileRun run : runs ) {
			Path directory = work.resolve( "jfr" ).resolve( run.method() + "-" + run.impl() );
			deleteRecursively( directory );
			Files.createDirectories( directory );
			ChainedOptionsBuilder builder = options( run.benchmark(), run.method(), run.threads(), List.of( run.impl() ) )
					.addProfiler( JavaFlightRecorderProfiler.class, "dir=" + directory + ";configName=" + settings );
			if ( run.benchmark() == BulkInsertBenchmark.class ) {
				builder.warmupIterations( 1 ).measurementIterations( 1 );
			}
			else {
				builder.warmupIterations( 2 ).warmupTime( TimeValue.seconds( 1 ) ).measurementIterations( quick ? 1 : 3 )
						.measurementTime( TimeValue.seconds( 1 ) );
			}
			jmh( "profile-" + run.method() + "-" + run.impl(), run.benchmark(), run.method(), run.threads(), builder );
			try ( Stream<Path> files = Files.walk( directory ) ) {
				Path recording = files.filter( p -> p.toString().endsWith( ".jfr" ) ).findFirst().orElse( null );
				if ( recording == null ) {
					data.failures.add( "No JFR recording for " + run.title() + " in " + directory );
					continue;
				}
				JfrSummary summary = JfrSummary.of( recording );
				data.profiles.add( new RunData.Profile( run.title(), run.method(), run.impl(), summary ) );
				out.printf( java.util.Locale.ROOT, "    %s: %d CPU samples, %.1f%% in hibernate-shards, %.1f%% in Hibernate ORM%n", run.title(),
						summary.samples, summary.share( JfrSummary.LIBRARY ), summary.share( "Hibernate ORM" ) );
			}
		}
	}

	/** JFR's {@code profile} settings with Java samples every millisecond instead of every 10 (more samples in short runs). */
	private Path jfrSettings() throws IOException {
		Path profile = Paths.get( System.getProperty( "java.home" ), "lib", "jfr", "profile.jfc" );
		String text = Files.readString( profile, StandardCharsets.UTF_8 ).replaceAll(
				"(?<head><event name=\"jdk.ExecutionSample\">\\s*<setting name=\"enabled\"[^<]*</setting>\\s*<setting name=\"period\"[^>]*>)[^<]*(?<tail></setting>)",
				"${head}1 ms${tail}" );
		Path settings = work.resolve( "profile-1ms.jfc" );
		Files.writeString( settings, text, StandardCharsets.UTF_8 );
		return settings;
	}

	private static void deleteRecursively(Path directory) throws IOException {
		if ( !Files.exists( directory ) ) {
			return;
		}
		try ( Stream<Path> paths = Files.walk( directory ) ) {
			for ( Path path : paths.sorted( java.util.Comparator.reverseOrder() ).toList() ) {
				Files.delete( path );
			}
		}
	}
}
