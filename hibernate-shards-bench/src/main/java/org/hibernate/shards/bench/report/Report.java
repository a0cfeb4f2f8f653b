package org.hibernate.shards.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Turns a {@link RunData} into {@code docs/benchmarks.md}, its charts, and a console summary. */
public final class Report {
	static final List<String> WORKLOADS = List.of( "find", "persist", "merge" );
	static final List<Integer> THREADS = List.of( 1, 4 );
	static final List<String> FANOUT = List.of( "sharded-sequential", "sharded-parallel", "jdbc-parallel", "shardingsphere",
			"shard-0", "shard-1", "shard-2", "shard-3" );
	static final List<String> BULK = List.of( "sharded", "plain", "jdbc", "shardingsphere", "sharded-1" );

	private final RunData data;
	private final List<Target> targets;

	public Report(RunData data) {
		this.data = data;
		this.targets = targets();
	}

	public List<Target> targets() {
		List<Target> list = new ArrayList<>();
		for ( String workload : WORKLOADS ) {
			for ( int threads : THREADS ) {
				list.add( new Target( "entity-plain-" + workload + "-" + threads, workload + " " + threads + "t ÷ plain",
						"`" + workload + "`, " + threads + " thread" + ( threads == 1 ? "" : "s" ) + ": hibernate-shards ÷ plain Hibernate (throughput)",
						ratio( "entity", workload, "sharded", "plain", threads ), 0.98, true, "×" ) );
			}
		}
		for ( String workload : WORKLOADS ) {
			for ( int threads : THREADS ) {
				list.add( new Target( "entity-sphere-" + workload + "-" + threads, workload + " " + threads + "t ÷ SS",
						"`" + workload + "`, " + threads + " thread" + ( threads == 1 ? "" : "s" )
								+ ": hibernate-shards ÷ ShardingSphere-JDBC (throughput)",
						ratio( "entity", workload, "sharded", "shardingsphere", threads ), 1.3, true, "×" ) );
			}
		}
		list.add( new Target( "fanout-sphere-parallel", "fan-out par ÷ SS", "fan-out query, parallel access: hibernate-shards ÷ ShardingSphere-JDBC (throughput)",
				ratio( "fanout", "top20", "sharded-parallel", "shardingsphere", 1 ), 2.5, true, "×" ) );
		list.add( new Target( "fanout-sphere-sequential", "fan-out seq ÷ SS", "fan-out query, sequential access: hibernate-shards ÷ ShardingSphere-JDBC (throughput)",
				ratio( "fanout", "top20", "sharded-sequential", "shardingsphere", 1 ), 2.5, true, "×" ) );
		list.add( new Target( "bulk-sphere", "bulk ÷ SS", "bulk insert: hibernate-shards ÷ ShardingSphere-JDBC (rows/s)",
				ratio( "bulk", "insert", "sharded", "shardingsphere", 1 ), 1.3, true, "×" ) );
		list.add( new Target( "fanout-jdbc-parallel", "fan-out par ÷ JDBC", "fan-out query, parallel access: hibernate-shards ÷ hand-written parallel JDBC (throughput)",
				ratio( "fanout", "top20", "sharded-parallel", "jdbc-parallel", 1 ), 0.95, true, "×" ) );
		list.add( new Target( "fanout-jdbc-sequential", "fan-out seq ÷ JDBC", "fan-out query, sequential access: hibernate-shards ÷ hand-written parallel JDBC (throughput)",
				ratio( "fanout", "top20", "sharded-sequential", "jdbc-parallel", 1 ), Double.NaN, true, "×" ) );
		double slowest = slowestShard().map( Measurement::median ).orElse( Double.NaN );
		list.add( new Target( "fanout-slowest-parallel", "fan-out par latency ÷ slowest shard", "fan-out query, parallel access: latency ÷ the slowest shard's own latency",
				data.median( "fanout", "top20", "sharded-parallel", 1 ) / slowest, 1.2, false, "×" ) );
		list.add( new Target( "fanout-slowest-sequential", "fan-out seq latency ÷ slowest shard", "fan-out query, sequential access: latency ÷ the slowest shard's own latency",
				data.median( "fanout", "top20", "sharded-sequential", 1 ) / slowest, Double.NaN, false, "×" ) );
		list.add( new Target( "bulk-plain", "bulk ÷ plain", "bulk insert: hibernate-shards (4 shards) ÷ plain Hibernate into one database (rows/s)",
				ratio( "bulk", "insert", "sharded", "plain", 1 ), 0.9, true, "×" ) );
		list.add( new Target( "bulk-jdbc", "bulk ÷ JDBC", "bulk insert: hibernate-shards ÷ raw JDBC batches into the same shards (rows/s)",
				ratio( "bulk", "insert", "sharded", "jdbc", 1 ), 0.8, true, "×" ) );
		Optional<RunData.Boot> sixteen = data.boots.stream().filter( b -> b.shards() == 16 && !b.configuration().startsWith( "plain" ) ).findFirst();
		list.add( new Target( "boot-16-cold", "boot 16 shards, cold (ms)", "boot of 16 physical shards, first in a fresh JVM (as at application start)",
				sixteen.map( RunData.Boot::coldMillis ).orElse( Double.NaN ), 2000, false, "ms" ) );
		list.add( new Target( "boot-16-warm", "boot 16 shards, warm (ms)", "boot of 16 physical shards, warm JVM (median of 5)",
				sixteen.map( RunData.Boot::warmMedian ).orElse( Double.NaN ), 2000, false, "ms" ) );
		return list;
	}

	/** @return how many times better {@code impl} is than {@code baseline}: a throughput ratio, whatever the unit */
	double ratio(String group, String benchmark, String impl, String baseline, int threads) {
		Optional<Measurement> a = data.find( group, benchmark, impl, threads );
		Optional<Measurement> b = data.find( group, benchmark, baseline, threads );
		if ( a.isEmpty() || b.isEmpty() ) {
			return Double.NaN;
		}
		return a.get().higherIsBetter() ? a.get().median() / b.get().median() : b.get().median() / a.get().median();
	}

	Optional<Measurement> slowestShard() {
		return data.measurements.stream().filter( m -> m.group().equals( "fanout" ) && m.impl().startsWith( "shard-" ) )
				.max( Comparator.comparingDouble( Measurement::median ) );
	}

	// ---- console

	public String summary() {
		StringBuilder text = new StringBuilder( "Targets:\n" );
		for ( Target target : targets ) {
			text.append( String.format( Locale.ROOT, "  %-100s %12s  %-8s %s%n", target.comparison().replace( "`", "" ),
					target.measuredText(), target.boundText(), target.status().replace( "*", "" ) ) );
		}
		if ( !data.failures.isEmpty() ) {
			text.append( "Failures:\n" );
			data.failures.forEach( f -> text.append( "  " ).append( f ).append( '\n' ) );
		}
		return text.toString();
	}

	// ---- the page

	public void write(Path page, Path chartDirectory) throws IOException {
		Files.createDirectories( chartDirectory );
		String charts = page.getParent().relativize( chartDirectory ).toString().replace( '\\', '/' );
		StringBuilder md = new StringBuilder();
		header( md );
		headline( md, chartDirectory, charts );
		entity( md, chartDirectory, charts );
		fanOut( md, chartDirectory, charts );
		bulk( md, chartDirectory, charts );
		boot( md, chartDirectory, charts );
		checks( md );
		missed( md );
		profiles( md );
		md.append( Explanations.hotSpots( data ) );
		method( md );
		Files.writeString( page, md.toString(), StandardCharsets.UTF_8 );
	}

	private void header(StringBuilder md) {
		md.append( "# Benchmarks: the cost of sharding\n\n" );
		md.append( "What routing through a `ShardedSession` costs next to plain Hibernate on one database, how it compares with what\n" )
				.append( "users pick today (Hibernate on Apache ShardingSphere-JDBC, hand-written JDBC), and what a sharded factory costs to\n" )
				.append( "boot and keep. **Ratios are the headline**: absolute numbers depend on the machine, ratios much less.\n\n" );
		md.append( "Generated by `mvn -q -B -pl hibernate-shards-bench -am package -DskipTests -Pbench` on " )
				.append( ZonedDateTime.now().format( DateTimeFormatter.ofPattern( "yyyy-MM-dd HH:mm z", Locale.ROOT ) ) )
				.append( String.format( Locale.ROOT, "; the whole run took %d min %02d s.%n%n", data.elapsedSeconds / 60, data.elapsedSeconds % 60 ) );
		md.append( String.format( Locale.ROOT, "> **Noise.** This machine was shared with other work while this page was generated: the load average was%n"
				+ "> %s at the start and %s at the end of the run (1/5/15 min; the highest 1-minute value seen was %.1f) on %s%n"
				+ "> logical CPUs, which also run the 4 database servers. Every measurement is a median of a few 1-second iterations in%n"
				+ "> one fork: read differences of several per cent as noise, and re-run the command on a quiet machine before drawing%n"
				+ "> fine conclusions.%n%n", data.loadAtStart, data.loadAtEnd, data.peakLoad, cpus() ) );
		if ( !data.repeats.isEmpty() ) {
			md.append( String.format( Locale.ROOT, "> **Repeated measurements.** A measurement whose iterations varied by more than %.1f× (a change in the machine's load%n"
					+ "> during its fork, or a warm-up that had not finished) was run once more, whatever the implementation, and the steadier%n"
					+ "> of the two runs is reported (both are in the JMH logs):%n", 1.5 ) );
			data.repeats.forEach( r -> md.append( "> - " ).append( r ).append( '\n' ) );
			md.append( '\n' );
		}
		if ( !data.failures.isEmpty() ) {
			md.append( "> **Failures in this run:**\n" );
			data.failures.forEach( f -> md.append( "> - " ).append( f ).append( '\n' ) );
			md.append( '\n' );
		}
		md.append( "## Machine\n\n| | |\n|---|---|\n" );
		data.facts.forEach( (k, v) -> md.append( "| " ).append( k ).append( " | " ).append( v ).append( " |\n" ) );
		md.append( '\n' );
	}

	private static String cpus() {
		return Integer.toString( Runtime.getRuntime().availableProcessors() );
	}

	private void headline(StringBuilder md, Path chartDirectory, String charts) throws IOException {
		md.append( "## Targets\n\n" );
		md.append( "Ratios are throughput ratios (higher is better for hibernate-shards) unless the row says latency; each side is the\n" )
				.append( "median of its measurement iterations. Targets are reported, not asserted by tests.\n\n" );
		md.append( "| comparison | measured | target | |\n|---|---:|---:|---|\n" );
		for ( Target target : targets ) {
			md.append( "| " ).append( target.comparison() ).append( " | " ).append( target.measuredText() ).append( " | " )
					.append( target.boundText() ).append( " | " ).append( target.status() ).append( " |\n" );
		}
		long met = targets.stream().filter( Target::hasTarget ).filter( Target::met ).count();
		long total = targets.stream().filter( Target::hasTarget ).count();
		md.append( String.format( Locale.ROOT, "%n%d of %d targets met in this run", met, total ) );
		md.append( met == total ? ".\n\n" : "; [why the others were missed](#targets-missed-and-why).\n\n" );
		List<Target> ratios = targets.stream().filter( Target::hasTarget ).filter( t -> t.unit().equals( "×" ) ).toList();
		Charts.bars( chartDirectory.resolve( "ratios.png" ), "Measured ratio and target (throughput ratios; latency ratio: lower is better)", "",
				"ratio", ratios.stream().map( Target::label ).toList(), List.of( "measured", "target" ),
				List.of( ratios.stream().map( Target::measured ).toList(), ratios.stream().map( Target::bound ).toList() ), true );
		md.append( "![Measured ratios and targets](" ).append( charts ).append( "/ratios.png)\n\n" );
	}

	private String cell(String group, String benchmark, String impl, int threads, String format) {
		Optional<Measurement> m = data.find( group, benchmark, impl, threads );
		if ( m.isEmpty() ) {
			return "n/a";
		}
		return String.format( Locale.ROOT, format + " (" + format + "–" + format + ")", m.get().median(), m.get().min(), m.get().max() );
	}

	static String times(double ratio) {
		return Double.isNaN( ratio ) ? "n/a" : String.format( Locale.ROOT, "%.2f×", ratio );
	}

	private void entity(StringBuilder md, Path chartDirectory, String charts) throws IOException {
		md.append( "## 1. Routed single-entity work\n\n" );
		md.append( "Each operation is a unit of work of its own, written once against the `Session` API and run unchanged on each\n" )
				.append( "implementation: open a session, `find` a random stored customer by id / `persist` one new customer in a\n" )
				.append( "transaction / `merge` a changed detached customer in a transaction (Hibernate selects it, then updates it), close.\n" )
				.append( String.format( Locale.ROOT, "%,d customers are stored per implementation; with 4 threads each thread finds and merges its own customers.%n%n", data.customers ) );
		md.append( "- **plain Hibernate**: one database (the extra database on server 0), ids assigned by the application;\n" )
				.append( "- **hibernate-shards**: a `ShardedSession` over 4 physical shards (256 virtual), `@ShardedId` ids, `@ShardKey` e-mail;\n" )
				.append( "- **ShardingSphere-JDBC**: Hibernate on ShardingSphere-JDBC 5.5.2 over the same 4 shard databases, its own tables\n" )
				.append( "  sharded by `ds_${id % 4}` on an id the benchmark assigns (so that finds by id are routed, not broadcast);\n" )
				.append( "- **hibernate-shards, 1 shard** (the control): a `ShardedSession` over a single physical shard on the plain database's\n" )
				.append( "  server. Against plain Hibernate it shows the library's own cost; against 4 shards, the cost of spreading the work\n" )
				.append( "  over 4 database servers on the same 2 CPUs.\n\n" );
		md.append( "Operations per second, median (min–max) of the measurement iterations:\n\n" );
		md.append( "| workload | threads | plain Hibernate | hibernate-shards | ShardingSphere-JDBC | shards ÷ plain | shards ÷ ShardingSphere "
				+ "| control: hibernate-shards, 1 shard | 1 shard ÷ plain |\n" )
				.append( "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n" );
		List<String> categories = new ArrayList<>();
		List<Double> plain = new ArrayList<>();
		List<Double> sharded = new ArrayList<>();
		List<Double> sphere = new ArrayList<>();
		List<Double> single = new ArrayList<>();
		for ( String workload : WORKLOADS ) {
			for ( int threads : THREADS ) {
				md.append( "| `" ).append( workload ).append( "` | " ).append( threads ).append( " | " )
						.append( cell( "entity", workload, "plain", threads, "%,.0f" ) ).append( " | " )
						.append( cell( "entity", workload, "sharded", threads, "%,.0f" ) ).append( " | " )
						.append( cell( "entity", workload, "shardingsphere", threads, "%,.0f" ) ).append( " | " )
						.append( times( ratio( "entity", workload, "sharded", "plain", threads ) ) ).append( " | " )
						.append( times( ratio( "entity", workload, "sharded", "shardingsphere", threads ) ) ).append( " | " )
						.append( cell( "entity", workload, "sharded-1", threads, "%,.0f" ) ).append( " | " )
						.append( times( ratio( "entity", workload, "sharded-1", "plain", threads ) ) ).append( " |\n" );
				categories.add( workload + ", " + threads + " thread" + ( threads == 1 ? "" : "s" ) );
				plain.add( data.median( "entity", workload, "plain", threads ) );
				sharded.add( data.median( "entity", workload, "sharded", threads ) );
				sphere.add( data.median( "entity", workload, "shardingsphere", threads ) );
				single.add( data.median( "entity", workload, "sharded-1", threads ) );
			}
		}
		Charts.bars( chartDirectory.resolve( "entity-throughput.png" ), "Routed single-entity work (median ops/s, higher is better)", "",
				"operations per second", categories, List.of( "plain Hibernate (1 database)", "hibernate-shards (4 shards)",
						"Hibernate on ShardingSphere-JDBC (4 shards)", "control: hibernate-shards (1 shard)" ),
				List.of( plain, sharded, sphere, single ), false );
		md.append( "\n![Single-entity throughput](" ).append( charts ).append( "/entity-throughput.png)\n\n" );
		md.append( "Customers per shard: hibernate-shards " ).append( data.rowsPerShard.get( "customer" ) ).append( ", ShardingSphere " )
				.append( data.rowsPerShard.get( "sphere_customer" ) ).append( " (before the `persist` runs added more).\n\n" );
	}

	private void fanOut(StringBuilder md, Path chartDirectory, String charts) throws IOException {
		md.append( "## 2. Fan-out query\n\n" );
		md.append( String.format( Locale.ROOT, "The 20 newest of %,d posts spread over the 4 shards (%s per shard), one session per query:%n%n", data.posts,
				data.rowsPerShard.get( "post" ) ) );
		md.append( "```java\nsession.createQuery(\"from Post p order by p.createdAt desc, p.id desc\", Post.class).setMaxResults(20).getResultList();\n```\n\n" );
		md.append( "Each shard receives this SQL (recorded from the sharded session; an index on `(created_at, id)` serves it):\n\n" );
		md.append( "```sql\n" ).append( data.shardSql ).append( "\n```\n\n" );
		md.append( "- **sequential** / **parallel**: hibernate-shards with `hibernate.shards.access_strategy` `sequential` (the default) or\n" )
				.append( "  `parallel` (a pool of 4 threads), merging the shards' sorted rows and keeping 20;\n" )
				.append( "- **hand-written parallel JDBC**: the same per-shard SQL sent on 4 threads through a HikariCP pool per shard, rows\n" )
				.append( "  read into `Object[]`, merged by sorting and cut to 20;\n" )
				.append( "- **ShardingSphere-JDBC**: Hibernate on ShardingSphere, the same query over its copy of exactly the same rows per shard;\n" )
				.append( "- **shard n alone**: the same query through plain Hibernate on shard n's database, which holds a quarter of the rows.\n\n" );
		md.append( "| variant | µs per query, median (min–max) | queries/s | hibernate-shards parallel ÷ this (throughput) |\n|---|---:|---:|---:|\n" );
		Optional<Measurement> slowest = slowestShard();
		List<String> categories = new ArrayList<>();
		List<Double> values = new ArrayList<>();
		for ( String impl : FANOUT ) {
			double median = data.median( "fanout", "top20", impl, 1 );
			String name = fanOutName( impl ) + ( slowest.isPresent() && slowest.get().impl().equals( impl ) ? " (slowest shard)" : "" );
			md.append( "| " ).append( name ).append( " | " ).append( cell( "fanout", "top20", impl, 1, "%,.0f" ) ).append( " | " )
					.append( Double.isNaN( median ) ? "n/a" : String.format( Locale.ROOT, "%,.0f", 1e6 / median ) ).append( " | " )
					.append( impl.equals( "sharded-parallel" ) ? "–" : times( ratio( "fanout", "top20", "sharded-parallel", impl, 1 ) ) ).append( " |\n" );
			categories.add( fanOutName( impl ) );
			values.add( median );
		}
		Charts.bars( chartDirectory.resolve( "fanout-latency.png" ), "Fan-out query: top 20 over 4 shards (median µs per query, lower is better)", "",
				"µs per query", categories, List.of( "µs per query" ), List.of( values ), true );
		md.append( "\n![Fan-out latency](" ).append( charts ).append( "/fanout-latency.png)\n\n" );
	}

	static String fanOutName(String impl) {
		return switch ( impl ) {
			case "sharded-sequential" -> "hibernate-shards, sequential";
			case "sharded-parallel" -> "hibernate-shards, parallel";
			case "jdbc-parallel" -> "hand-written parallel JDBC";
			case "shardingsphere" -> "ShardingSphere-JDBC";
			default -> "shard " + impl.substring( "shard-".length() ) + " alone";
		};
	}

	private void bulk(StringBuilder md, Path chartDirectory, String charts) throws IOException {
		md.append( "## 3. Bulk insert\n\n" );
		md.append( String.format( Locale.ROOT, "%,d rows inserted in one transaction (tables emptied before each iteration; 1 warm-up shot, then 3 measured shots).%n", data.bulkRows ) );
		md.append( "The Hibernate loops follow Hibernate's batch-processing guide: `persist` each row, `flush()` and `clear()` every 2,000\n" )
				.append( "rows, `hibernate.jdbc.batch_size=2000`, `rewriteBatchedStatements=true` on the Connector/J URL (so a JDBC batch becomes\n" )
				.append( "multi-row INSERTs). The batch size equals the flush interval so that each shard's share of a flush (about 500 rows,\n" )
				.append( "never exactly) goes out as one batch; plain Hibernate sends one 2,000-row batch per flush.\n\n" );
		md.append( "- **hibernate-shards**: a `ShardedSession` over 4 shards, `@ShardedId` ids, rows placed by their key;\n" )
				.append( "- **plain Hibernate**: the same loop into one database, ids assigned by the application;\n" )
				.append( "- **raw JDBC**: the same rows into the same shards (routing computed before the measurement), one connection and\n" )
				.append( "  `PreparedStatement` per shard, a shard's batch sent whole when it reaches 1,000 rows, one commit per shard;\n" )
				.append( "- **ShardingSphere-JDBC**: the Hibernate loop on ShardingSphere (ids assigned, `% 4` names the shard);\n" )
				.append( "- **hibernate-shards, 1 shard** (the control): the sharded loop into one physical shard on the plain database's server.\n\n" );
		md.append( "| implementation | ms for all rows, median (min–max) | rows/s | hibernate-shards ÷ this (rows/s) |\n|---|---:|---:|---:|\n" );
		List<String> categories = new ArrayList<>();
		List<Double> values = new ArrayList<>();
		for ( String impl : BULK ) {
			double median = data.median( "bulk", "insert", impl, 1 );
			double rate = data.bulkRows / ( median / 1000 );
			md.append( "| " ).append( bulkName( impl ) ).append( " | " ).append( cell( "bulk", "insert", impl, 1, "%,.0f" ) ).append( " | " )
					.append( Double.isNaN( median ) ? "n/a" : String.format( Locale.ROOT, "%,.0f", rate ) ).append( " | " )
					.append( impl.equals( "sharded" ) ? "–" : times( ratio( "bulk", "insert", "sharded", impl, 1 ) ) ).append( " |\n" );
			categories.add( bulkName( impl ) );
			values.add( rate );
		}
		Charts.bars( chartDirectory.resolve( "bulk-insert.png" ), String.format( Locale.ROOT, "Bulk insert of %,d rows (median rows/s, higher is better)", data.bulkRows ),
				"", "rows per second", categories, List.of( "rows per second" ), List.of( values ), false );
		md.append( "\n![Bulk insert](" ).append( charts ).append( "/bulk-insert.png)\n\n" );
	}

	static String bulkName(String impl) {
		return switch ( impl ) {
			case "sharded" -> "hibernate-shards (4 shards)";
			case "plain" -> "plain Hibernate (1 database)";
			case "sharded-1" -> "control: hibernate-shards (1 shard)";
			case "jdbc" -> "raw JDBC batches (4 shards)";
			default -> "Hibernate on ShardingSphere-JDBC (4 shards)";
		};
	}

	private void boot(StringBuilder md, Path chartDirectory, String charts) throws IOException {
		md.append( "## 4. Boot time and retained heap\n\n" );
		md.append( "JMH does not fit here, so a small harness (`BootProbe`) runs each configuration in a fresh JVM (`-Xmx1g`):\n" )
				.append( "**cold** is the first `buildShardedSessionFactory()` of the JVM (class loading and JIT included: what an\n" )
				.append( "application pays at start); **warm** is the median of 5 more builds in the same JVM, each closed before the next;\n" )
				.append( "**retained heap** is the used heap after full GCs with a factory referenced, its pools filled to their idle size\n" )
				.append( "(3 s wait), minus the used heap after full GCs before it was built. The model has 3 entities; the shards' databases\n" )
				.append( "are empty (16 databases, 4 on each server). Each shard has its own pool (HikariCP, 10 connections) and its own\n" )
				.append( "Hibernate `SessionFactory`; the plain row is one plain Hibernate factory with one pool, for reference.\n\n" );
		md.append( "| configuration | cold boot | warm boot (median of 5) | warm boots | retained heap |\n|---|---:|---:|---|---:|\n" );
		List<String> categories = new ArrayList<>();
		List<Double> cold = new ArrayList<>();
		List<Double> warm = new ArrayList<>();
		List<Double> heap = new ArrayList<>();
		for ( RunData.Boot boot : data.boots ) {
			md.append( "| " ).append( boot.configuration() ).append( " | " )
					.append( String.format( Locale.ROOT, "%,.0f ms", boot.coldMillis() ) ).append( " | " )
					.append( String.format( Locale.ROOT, "%,.0f ms", boot.warmMedian() ) ).append( " | " )
					.append( boot.warmMillis().stream().map( v -> String.format( Locale.ROOT, "%.0f", v ) ).toList() ).append( " | " )
					.append( String.format( Locale.ROOT, "%,.1f MiB", boot.retainedBytes() / 1024.0 / 1024.0 ) ).append( " |\n" );
			categories.add( boot.configuration() );
			cold.add( boot.coldMillis() );
			warm.add( boot.warmMedian() );
			heap.add( boot.retainedBytes() / 1024.0 / 1024.0 );
		}
		if ( !data.boots.isEmpty() ) {
			Charts.bars( chartDirectory.resolve( "boot-time.png" ), "Boot time (ms, lower is better)", "", "ms", categories,
					List.of( "cold (first in a fresh JVM)", "warm (median of 5)" ), List.of( cold, warm ), false );
			Charts.bars( chartDirectory.resolve( "boot-heap.png" ), "Retained heap of a factory (MiB, lower is better)", "", "MiB",
					categories, List.of( "retained heap" ), List.of( heap ), false );
			md.append( "\n![Boot time](" ).append( charts ).append( "/boot-time.png)\n\n" );
			md.append( "![Retained heap](" ).append( charts ).append( "/boot-heap.png)\n\n" );
		}
	}

	private void checks(StringBuilder md) {
		if ( data.statements.isEmpty() && data.topology.isEmpty() ) {
			return;
		}
		md.append( "## 5. Checks that explain the numbers\n\n" );
		if ( !data.statements.isEmpty() ) {
			md.append( "### Statements per operation\n\n" );
			md.append( "What the database servers received per operation, from their own counters (`Questions`, summed over the 4\n" )
					.append( "servers, 300 operations each, after a warm-up; the fan-out query: 100 queries). Equal counts mean equal work handed\n" )
					.append( "to the databases: a difference in time is then spent in the client or in how the servers share the machine.\n\n" );
			md.append( "| implementation | `find` | `persist` | `merge` | fan-out query |\n|---|---:|---:|---:|---:|\n" );
			for ( String impl : List.of( "plain", "sharded-1", "sharded", "shardingsphere", "jdbc-parallel" ) ) {
				if ( !data.statements.containsKey( impl ) ) {
					continue;
				}
				md.append( "| " ).append( implName( impl ) );
				for ( String workload : List.of( "find", "persist", "merge", "top20" ) ) {
					double value = data.statements( impl, workload );
					md.append( " | " ).append( Double.isNaN( value ) ? "–" : String.format( Locale.ROOT, "%.1f", value ) );
				}
				md.append( " |\n" );
			}
			Map<String, Map<String, Double>> sharded = data.statements.get( "sharded" );
			if ( sharded != null ) {
				md.append( "\nThe statements, by kind, for hibernate-shards (plain Hibernate and the control send the same; `Com_set_option` is\n" )
						.append( "Connector/J switching autocommit off and on around a transaction). ShardingSphere-JDBC's statements are the same, run as\n" )
						.append( "server-side prepared statements (`Com_stmt_execute`):\n\n```\n" );
				sharded.forEach( (workload, counters) -> md.append( String.format( Locale.ROOT, "%-8s %s%n", workload, rounded( counters ) ) ) );
				Map<String, Map<String, Double>> sphere = data.statements.get( "shardingsphere" );
				if ( sphere != null ) {
					md.append( "\nShardingSphere-JDBC:\n" );
					sphere.forEach( (workload, counters) -> md.append( String.format( Locale.ROOT, "%-8s %s%n", workload, rounded( counters ) ) ) );
				}
				md.append( "```\n\n" );
			}
		}
		if ( !data.topology.isEmpty() ) {
			md.append( "### What spreading over 4 servers costs on this machine, without Hibernate\n\n" );
			md.append( "Raw JDBC through HikariCP, the same statements the entities cause, on one database versus spread over the 4\n" )
					.append( "servers (each operation goes to the server its key picks), with 1 and 4 client threads, in alternating rounds of\n" )
					.append( "1,000 operations so that changes in the machine's load hit all variants alike; µs of wall time per operation,\n" )
					.append( "median (min–max) of the rounds:\n\n" );
			md.append( "| operation | threads | 1 database | spread over the 4 servers | spread ÷ 1 database (throughput) |\n|---|---:|---:|---:|---:|\n" );
			for ( String operation : List.of( "select one row by id", "insert and commit one row" ) ) {
				for ( int threads : List.of( 1, 4 ) ) {
					Measurement one = data.topology.get( org.hibernate.shards.bench.support.Checks.variant( operation, 1, threads ) );
					Measurement four = data.topology.get( org.hibernate.shards.bench.support.Checks.variant( operation, 4, threads ) );
					if ( one == null || four == null ) {
						continue;
					}
					md.append( "| " ).append( operation ).append( " | " ).append( threads ).append( " | " )
							.append( String.format( Locale.ROOT, "%.0f (%.0f–%.0f)", one.median(), one.min(), one.max() ) ).append( " | " )
							.append( String.format( Locale.ROOT, "%.0f (%.0f–%.0f)", four.median(), four.min(), four.max() ) ).append( " | " )
							.append( times( one.median() / four.median() ) ).append( " |\n" );
				}
			}
			md.append( '\n' );
		}
	}

	private static String rounded(Map<String, Double> counters) {
		StringBuilder text = new StringBuilder();
		counters.forEach( (name, value) -> text.append( text.length() == 0 ? "" : ", " ).append( name ).append( '=' )
				.append( String.format( Locale.ROOT, "%.2f", value ) ) );
		return text.toString();
	}

	/** @return a readable name of any implementation parameter */
	public static String displayName(String impl) {
		if ( impl.startsWith( "shard-" ) || impl.startsWith( "sharded-s" ) || impl.startsWith( "sharded-p" ) || impl.equals( "jdbc-parallel" ) ) {
			return fanOutName( impl );
		}
		return impl.equals( "jdbc" ) ? "raw JDBC" : implName( impl );
	}

	static String implName(String impl) {
		return switch ( impl ) {
			case "plain" -> "plain Hibernate (1 database)";
			case "sharded" -> "hibernate-shards (4 shards)";
			case "sharded-1" -> "control: hibernate-shards (1 shard)";
			case "shardingsphere" -> "Hibernate on ShardingSphere-JDBC";
			case "jdbc-parallel" -> "hand-written parallel JDBC";
			default -> impl;
		};
	}

	private void missed(StringBuilder md) {
		List<Target> missed = targets.stream().filter( Target::hasTarget ).filter( t -> !t.met() ).toList();
		md.append( "## Targets missed, and why\n\n" );
		md.append( "Each explanation uses what this run measured: the control (hibernate-shards on 1 shard on the plain database's\n" )
				.append( "server), the statements the servers received, the raw JDBC topology check, and the JFR profiles of section 6.\n\n" );
		if ( missed.isEmpty() ) {
			md.append( "None in this run.\n\n" );
			return;
		}
		md.append( Explanations.missed( missed, data, this ) );
	}

	private void profiles(StringBuilder md) {
		md.append( "## 6. Where the time goes: profiles\n\n" );
		if ( data.profiles.isEmpty() ) {
			md.append( "No profiles in this run.\n\n" );
			return;
		}
		md.append( "Separate short runs of the hibernate-shards side of each workload (and of ShardingSphere's fan-out, for comparison)\n" )
				.append( "with JMH's JFR profiler (`-prof jfr`, JFR's `profile` settings with Java samples every millisecond; these runs are not\n" )
				.append( "used for the numbers above). Each CPU sample (`jdk.ExecutionSample`) is charged\n" )
				.append( "to the component owning its innermost non-JDK frame, so **hibernate-shards** is the CPU spent in the library's own\n" )
				.append( "code and in the JDK methods it calls directly, not in Hibernate or the driver below it. Threads waiting for the\n" )
				.append( "database are not sampled: the shares are shares of the benchmark JVM's CPU time, not of wall time.\n\n" );
		List<String> components = List.of( JfrSummary.LIBRARY, "Hibernate ORM", "ShardingSphere", "Connector/J", "HikariCP", "JDK / other",
				"benchmark code", "JMH" );
		md.append( "| profiled run | CPU samples |" );
		components.forEach( c -> md.append( ' ' ).append( c ).append( " |" ) );
		md.append( "\n|---|---:|" );
		components.forEach( c -> md.append( "---:|" ) );
		md.append( '\n' );
		for ( RunData.Profile profile : data.profiles ) {
			md.append( "| " ).append( profile.title() ).append( " | " ).append( profile.summary().samples ).append( " |" );
			for ( String component : components ) {
				md.append( String.format( Locale.ROOT, " %.1f%% |", profile.summary().share( component ) ) );
			}
			md.append( '\n' );
		}
		md.append( '\n' );
		for ( RunData.Profile profile : data.profiles ) {
			md.append( "<details><summary>" ).append( profile.title() ).append( ": top library methods and top frames</summary>\n\n" );
			md.append( "Library methods (where hibernate-shards samples are charged), % of all samples:\n\n```\n" );
			appendTop( md, profile.summary().libraryMethods, profile.summary().samples, 12 );
			md.append( "```\n\nMethods of the libraries by inclusive samples (the sample's stack contains them), % of all samples:\n\n```\n" );
			appendTop( md, profile.summary().inclusive, profile.summary().samples, 25 );
			md.append( "```\n\nInnermost frames of all samples:\n\n```\n" );
			appendTop( md, profile.summary().topFrames, profile.summary().samples, 12 );
			md.append( "```\n\n</details>\n\n" );
		}
	}

	static void appendTop(StringBuilder md, Map<String, Integer> counts, int samples, int limit) {
		if ( counts.isEmpty() ) {
			md.append( "(none)\n" );
		}
		counts.entrySet().stream().limit( limit ).forEach( e -> md.append( String.format( Locale.ROOT, "%6.2f%%  %5d  %s%n",
				100.0 * e.getValue() / samples, e.getValue(), e.getKey() ) ) );
	}

	Optional<RunData.Profile> profile(String benchmark, String impl) {
		return data.profiles.stream().filter( p -> p.benchmark().equals( benchmark ) && p.impl().equals( impl ) ).findFirst();
	}

	private void method(StringBuilder md) {
		md.append( "## 8. How it was measured\n\n" );
		md.append( "- JMH 1.37, 1 fork per benchmark and parameter, " ).append( data.iterations )
				.append( "; the bulk insert in single-shot mode (1 warm-up shot, 3 measured). Every number is the **median of the\n" )
				.append( "  measurement iterations** (min–max beside it); ratios are ratios of medians.\n" );
		md.append( "- A measurement whose iterations vary by more than 1.5× (largest ÷ smallest) is run once more, whatever the\n" )
				.append( "  implementation (at most 4 repeats per group), and the steadier run is reported; repeats are listed at the top.\n" );
		md.append( "- Forks run with `-Xms1g -Xmx1g`, default GC. The databases run on the same machine and share its CPUs.\n" );
		md.append( "- Every implementation gets the same Connector/J URL parameters, the same Hibernate settings (`MariaDBDialect`,\n" )
				.append( "  the server version, no second-level cache, no statistics), HikariCP pools of the same (default) size, the same\n" )
				.append( "  table definitions (created with JDBC: ShardingSphere-JDBC cannot run Hibernate's schema export) and the same data.\n" );
		md.append( "- Nothing is tuned for one side: plain Hibernate and ShardingSphere get application-assigned ids (no generator round\n" )
				.append( "  trip), hibernate-shards generates `@ShardedId` ids in memory; the JDBC baselines get their routing precomputed.\n" );
		md.append( "- Sources: `hibernate-shards-bench/src/main/java/org/hibernate/shards/bench/` (`jmh/` for the benchmarks,\n" )
				.append( "  `BootProbe` for boot and heap, `BenchmarkRunner` for the run and this page). JMH logs, boot probe output and the\n" )
				.append( "  JFR recordings of a run are left in `hibernate-shards-bench/target/bench/`.\n\n" );
		md.append( "Reproduce, on a quiet machine with `mariadbd` installed (Debian/Ubuntu: `apt-get install mariadb-server`; nothing is\n" )
				.append( "configured, the run starts and stops its own private servers):\n\n" );
		md.append( "```\nmvn -q -B -pl hibernate-shards-bench -am package -DskipTests -Pbench\n```\n\n" );
		md.append( "`-Dbench.args=quick` makes a smoke run of about two minutes (short iterations, 20,000 bulk rows);\n" )
				.append( "`-Dbench.args=only=entity,fanout,bulk,boot` runs a subset; `noprofile` skips the JFR runs.\n" );
	}
}
