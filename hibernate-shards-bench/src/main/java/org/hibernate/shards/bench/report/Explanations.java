package org.hibernate.shards.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Why targets were missed, and the library's hot spots, written from what the run measured: every number below comes
 * from the run's data, and an explanation appears only for a target that was missed.
 */
final class Explanations {
	private Explanations() {
	}

	private static String pct(double value) {
		return Double.isNaN( value ) ? "n/a" : String.format( Locale.ROOT, "%.1f%%", value );
	}

	private static String num(double value, String format) {
		return Double.isNaN( value ) ? "n/a" : String.format( Locale.ROOT, format, value );
	}

	static String missed(List<Target> missed, RunData data, Report report) {
		StringBuilder md = new StringBuilder();
		List<Target> entity = missed.stream().filter( t -> t.id().startsWith( "entity-plain-" ) ).toList();
		if ( !entity.isEmpty() ) {
			entity( md, entity, data, report );
		}
		List<Target> sphere = missed.stream().filter( t -> t.id().startsWith( "entity-sphere-" ) || t.id().startsWith( "fanout-sphere-" )
				|| t.id().equals( "bulk-sphere" ) ).toList();
		if ( !sphere.isEmpty() ) {
			sphere( md, sphere, data, report );
		}
		if ( missed.stream().anyMatch( t -> t.id().equals( "fanout-jdbc-parallel" ) ) ) {
			fanOutJdbc( md, data, report );
		}
		if ( missed.stream().anyMatch( t -> t.id().equals( "fanout-slowest-parallel" ) ) ) {
			fanOutSlowest( md, data, report );
		}
		List<Target> bulk = missed.stream().filter( t -> t.id().equals( "bulk-plain" ) || t.id().equals( "bulk-jdbc" ) ).toList();
		if ( !bulk.isEmpty() ) {
			bulk( md, bulk, data, report );
		}
		if ( missed.stream().anyMatch( t -> t.id().startsWith( "boot-16" ) ) ) {
			boot( md, data, report );
		}
		return md.toString();
	}

	/** @return throughput spread over the 4 servers ÷ throughput on 1 database, raw JDBC */
	private static double topologyRatio(RunData data, String operation, int threads) {
		Measurement one = data.topology.get( org.hibernate.shards.bench.support.Checks.variant( operation, 1, threads ) );
		Measurement four = data.topology.get( org.hibernate.shards.bench.support.Checks.variant( operation, 4, threads ) );
		return one == null || four == null ? Double.NaN : one.median() / four.median();
	}

	private static void entity(StringBuilder md, List<Target> missed, RunData data, Report report) {
		md.append( "### Single-entity work: hibernate-shards ÷ plain Hibernate below 0.98×\n\n" );
		md.append( "The control splits each missed ratio in two: **library** = hibernate-shards on 1 shard ÷ plain Hibernate (the same\n" )
				.append( "server, the same statements: what the library's code costs), and **spreading** = 4 shards ÷ 1 shard (the same\n" )
				.append( "library: what sending the work to 4 database servers instead of 1 costs on this machine); their product is the\n" )
				.append( "missed ratio.\n\n" );
		md.append( "| missed | shards ÷ plain | library: 1 shard ÷ plain | spreading: 4 shards ÷ 1 shard | statements per operation, plain / shards | library code in the JFR profile (1 thread) |\n" )
				.append( "|---|---:|---:|---:|---:|---:|\n" );
		int libraryWithin5 = 0;
		int spreadingBelow = 0;
		for ( Target target : missed ) {
			String[] parts = target.id().split( "-" );
			String workload = parts[2];
			int threads = Integer.parseInt( parts[3] );
			double library = report.ratio( "entity", workload, "sharded-1", "plain", threads );
			double spreading = report.ratio( "entity", workload, "sharded", "sharded-1", threads );
			if ( library >= 0.95 ) {
				libraryWithin5++;
			}
			if ( spreading < 0.98 ) {
				spreadingBelow++;
			}
			Optional<RunData.Profile> profile = report.profile( workload, "sharded" );
			md.append( "| `" ).append( workload ).append( "`, " ).append( threads ).append( threads == 1 ? " thread" : " threads" ).append( " | " )
					.append( target.measuredText() ).append( " | " ).append( Report.times( library ) ).append( " | " )
					.append( Report.times( spreading ) ).append( " | " )
					.append( num( data.statements( "plain", workload ), "%.1f" ) ).append( " / " )
					.append( num( data.statements( "sharded", workload ), "%.1f" ) ).append( " | " )
					.append( profile.map( p -> pct( p.summary().share( JfrSummary.LIBRARY ) ) ).orElse( "n/a" ) ).append( " |\n" );
		}
		md.append( '\n' );
		md.append( String.format( Locale.ROOT, "- In %d of these %d rows the library part is within 5%% of plain Hibernate, and in %d the spreading part is "
				+ "below 0.98×.%n", libraryWithin5, missed.size(), spreadingBelow ) );
		md.append( "- **The statements are the same.** Plain Hibernate, hibernate-shards on 1 shard and on 4 shards send the databases the\n" )
				.append( "  same statements per operation (section 5): routing adds no round trip.\n" );
		md.append( "- **The library's code is a small part of the client's CPU.** In the JFR profiles of section 6, the samples charged to\n" )
				.append( "  hibernate-shards are the percentages in the last column; Hibernate ORM and Connector/J take most of the rest. Its\n" )
				.append( "  largest items are listed under [hot spots](#hot-spots-in-the-library).\n" );
		double select1 = topologyRatio( data, "select one row by id", 1 );
		double select4 = topologyRatio( data, "select one row by id", 4 );
		double insert1 = topologyRatio( data, "insert and commit one row", 1 );
		double insert4 = topologyRatio( data, "insert and commit one row", 4 );
		md.append( String.format( Locale.ROOT, "- **The spreading part is not the library's code:** the control runs the same library code per operation. It is\n"
				+ "  4 database servers, 4 pools and 4 Hibernate factories where the control has one of each. Without Hibernate and\n"
				+ "  without the library, the raw JDBC check of section 5 measured spread ÷ 1 database at %s (1 thread) and %s (4 threads)\n"
				+ "  for a read by id, and %s and %s for an insert and commit. %s%n",
				Report.times( select1 ), Report.times( select4 ), Report.times( insert1 ), Report.times( insert4 ),
				Math.min( Math.min( select1, select4 ), Math.min( insert1, insert4 ) ) < 0.95
						? "Where these are below 1, spreading over the servers costs on this machine with or without\n"
						+ "  the library: its %d logical CPUs run 4 database servers, the benchmark JVM and other work, consecutive operations land\n"
						+ "  on different server processes (woken, with colder caches than one busy server's), and with 4 client threads the CPUs\n"
						+ "  are saturated, so 4 servers' background threads and context switches come out of the benchmark's CPU time. A sharded\n"
						+ "  deployment gives each shard its own machine, where spreading adds capacity instead; one 2-CPU box cannot show that."
						: "Spreading raw JDBC cost nothing measurable in this run, so the spreading part above is not the servers\n"
						+ "  alone; the candidates are the 4 pools and 4 Hibernate factories (colder caches and less inlined code per factory\n"
						+ "  in the client) and the machine's load changing between forks. The interleaved check is the more reliable of the two." )
				.replace( "%d", Integer.toString( Runtime.getRuntime().availableProcessors() ) ) );
		md.append( "- Rows whose library part is itself below 0.95× are the ones to look at in the library; " )
				.append( "see the hot spots below for what the profiles point at.\n\n" );
	}

	private static void sphere(StringBuilder md, List<Target> missed, RunData data, Report report) {
		md.append( "### Against ShardingSphere-JDBC\n\n" );
		for ( Target target : missed ) {
			md.append( "- **" ).append( target.comparison() ).append( "**: " ).append( target.measuredText() ).append( " (target " )
					.append( target.boundText() ).append( ").\n" );
		}
		md.append( '\n' );
		if ( missed.stream().anyMatch( t -> t.id().startsWith( "fanout-sphere" ) ) ) {
			double sphere = data.median( "fanout", "top20", "shardingsphere", 1 );
			double parallel = data.median( "fanout", "top20", "sharded-parallel", 1 );
			double sequential = data.median( "fanout", "top20", "sharded-sequential", 1 );
			double single = report.slowestShard().map( Measurement::median ).orElse( Double.NaN );
			Optional<RunData.Profile> profile = report.profile( "top20", "sharded-parallel" );
			md.append( String.format( Locale.ROOT, "For the fan-out query, ShardingSphere-JDBC takes %s µs, hibernate-shards %s µs (parallel) and %s µs (sequential).\n"
					+ "Both send the same 4 statements (section 5). The difference is where the rows are turned into objects: under\n"
					+ "ShardingSphere, Hibernate runs **one** query and materialises the 20 rows ShardingSphere's merged result set returns,\n"
					+ "while ShardingSphere parses, binds, routes and rewrites the SQL and merges 4 result sets; under hibernate-shards,\n"
					+ "Hibernate runs **4** queries (one per shard session) and materialises 4 × 20 = 80 entities, of which the merge keeps 20.\n"
					+ "One such Hibernate query costs about %s µs on its own (the slowest shard alone; four of them one after another: %s µs),\n"
					+ "while ShardingSphere's own CPU per query is what hibernate-shards saves. %s The target of 2.5× needs the per-shard\n"
					+ "materialisation to shrink: see [hot spots](#hot-spots-in-the-library). %s%n%n",
					num( sphere, "%,.0f" ), num( parallel, "%,.0f" ), num( sequential, "%,.0f" ), num( single, "%,.0f" ), num( 4 * single, "%,.0f" ),
					report.profile( "top20", "shardingsphere" ).map( p -> String.format( Locale.ROOT, "In the profile of ShardingSphere's fan-out, "
							+ "ShardingSphere's own code has %s of the CPU samples, Hibernate ORM %s and Connector/J %s.",
							pct( p.summary().share( "ShardingSphere" ) ), pct( p.summary().share( "Hibernate ORM" ) ),
							pct( p.summary().share( "Connector/J" ) ) ) ).orElse( "" ),
					profile.map( p -> String.format( Locale.ROOT, "In the profile of the parallel fan-out, Hibernate ORM has %s of the CPU samples, "
							+ "Connector/J %s, hibernate-shards %s; entity materialisation (`EntityInitializerImpl`) appears in %s of them.",
							pct( p.summary().share( "Hibernate ORM" ) ), pct( p.summary().share( "Connector/J" ) ),
							pct( p.summary().share( JfrSummary.LIBRARY ) ), pct( p.summary().inclusiveShare( "EntityInitializerImpl.initializeInstance" ) ) ) )
							.orElse( "" ) ) );
		}
		if ( missed.stream().anyMatch( t -> t.id().equals( "bulk-sphere" ) || t.id().startsWith( "entity-sphere" ) ) ) {
			md.append( "For the bulk insert and single-entity work both sides run the same Hibernate code per entity and send the same\n" )
					.append( "statements (section 5); what separates them is ShardingSphere's work per statement (parse, bind, route, rewrite)\n" )
					.append( "against hibernate-shards' routing per entity. In a bulk insert ShardingSphere parses the INSERT once per batch and\n" )
					.append( "routes per row, so its cost per row is small next to Hibernate's and Connector/J's, which both sides pay alike.\n\n" );
		}
	}

	private static void fanOutJdbc(StringBuilder md, RunData data, Report report) {
		double jdbc = data.median( "fanout", "top20", "jdbc-parallel", 1 );
		double parallel = data.median( "fanout", "top20", "sharded-parallel", 1 );
		double single = report.slowestShard().map( Measurement::median ).orElse( Double.NaN );
		Optional<RunData.Profile> profile = report.profile( "top20", "sharded-parallel" );
		md.append( "### Fan-out query: hibernate-shards ÷ hand-written parallel JDBC below 0.95×\n\n" );
		md.append( String.format( Locale.ROOT, "Hand-written JDBC takes %s µs for the whole fan-out; hibernate-shards with parallel access %s µs. Both send the\n"
				+ "same SQL to the same shards (section 5). Plain Hibernate running the same query on **one** shard takes %s µs on its own;\n"
				+ "the sharded query runs four such Hibernate queries, one per shard session (%s µs if run one after another), and\n"
				+ "materialises 4 × 20 = 80 entities to return 20, where the JDBC baseline reads 80 rows into arrays.%n",
				num( jdbc, "%,.0f" ), num( parallel, "%,.0f" ), num( single, "%,.0f" ), num( 4 * single, "%,.0f" ) ) );
		profile.ifPresent( p -> md.append( String.format( Locale.ROOT, "The JFR profile of the parallel fan-out charges %s of the CPU samples to hibernate-shards' own code (planning, merge,\n"
				+ "the parallel strategy), %s to Hibernate ORM and %s to Connector/J; %s of all samples are inside Hibernate's entity\n"
				+ "materialisation (`EntityInitializerImpl.initializeInstance` on the stack).%n",
				pct( p.summary().share( JfrSummary.LIBRARY ) ), pct( p.summary().share( "Hibernate ORM" ) ), pct( p.summary().share( "Connector/J" ) ),
				pct( p.summary().inclusiveShare( "EntityInitializerImpl.initializeInstance" ) ) ) ) );
		md.append( "The library's own code is not where the time goes; Hibernate's per-shard query and materialisation are. To come\n" )
				.append( "close to hand-written JDBC, the library would have to stop materialising the 60 entities it throws away: see\n" )
				.append( "[hot spots](#hot-spots-in-the-library).\n\n" );
	}

	private static void fanOutSlowest(StringBuilder md, RunData data, Report report) {
		double parallel = data.median( "fanout", "top20", "sharded-parallel", 1 );
		double sequential = data.median( "fanout", "top20", "sharded-sequential", 1 );
		double jdbc = data.median( "fanout", "top20", "jdbc-parallel", 1 );
		Optional<Measurement> slowest = report.slowestShard();
		double single = slowest.map( Measurement::median ).orElse( Double.NaN );
		md.append( "### Fan-out query: parallel latency above 1.2× the slowest shard's own\n\n" );
		md.append( String.format( Locale.ROOT, "The slowest shard alone answers in %s µs; the sharded query takes %s µs with parallel access and %s µs with\n"
				+ "sequential access, %s and %s that time. Parallel access is %s sequential access here. The target assumes the four\n"
				+ "shard queries overlap; they can only overlap where they wait, and they mostly do not wait: each is a Hibernate query whose\n"
				+ "time is CPU in the client (materialising entities, section 6) and in its database server, and this machine has %d logical\n"
				+ "CPUs shared by the benchmark, 4 database servers and other work. Four CPU-bound tasks on 2 busy CPUs cannot finish in\n"
				+ "the time of one; even hand-written parallel JDBC, with far less CPU per shard, takes %s µs, %s the single shard's time.\n"
				+ "On machines with a core per shard query, and databases on their own machines, the parallel strategy's wait is the\n"
				+ "slowest shard plus the merge; the hot spots below list what would shrink the per-shard CPU.%n%n",
				num( single, "%,.0f" ), num( parallel, "%,.0f" ), num( sequential, "%,.0f" ), Report.times( parallel / single ),
				Report.times( sequential / single ),
				parallel < sequential * 0.9 ? String.format( Locale.ROOT, "%.0f%% faster than", 100 * ( 1 - parallel / sequential ) )
						: parallel > sequential * 1.1 ? "slower than" : "about as fast as",
				Runtime.getRuntime().availableProcessors(), num( jdbc, "%,.0f" ), Report.times( jdbc / single ) ) );
	}

	private static void bulk(StringBuilder md, List<Target> missed, RunData data, Report report) {
		md.append( "### Bulk insert\n\n" );
		double library = report.ratio( "bulk", "insert", "sharded-1", "plain", 1 );
		double spreading = report.ratio( "bulk", "insert", "sharded", "sharded-1", 1 );
		Optional<RunData.Profile> profile = report.profile( "insert", "sharded" );
		for ( Target target : missed ) {
			md.append( "- **" ).append( target.comparison() ).append( "**: " ).append( target.measuredText() ).append( " (target " )
					.append( target.boundText() ).append( ").\n" );
		}
		md.append( String.format( Locale.ROOT, "%nThe control puts the library part (1 shard ÷ plain Hibernate, the same server) at %s and the spreading part\n"
				+ "(4 shards ÷ 1 shard) at %s.", Report.times( library ), Report.times( spreading ) ) );
		profile.ifPresent( p -> md.append( String.format( Locale.ROOT, " In the JFR profile of the sharded bulk insert, hibernate-shards' own code has %s of\n"
				+ "the CPU samples (id generation and key hashing), Hibernate ORM %s and Connector/J %s (building the multi-row INSERTs\n"
				+ "that `rewriteBatchedStatements` makes).", pct( p.summary().share( JfrSummary.LIBRARY ) ), pct( p.summary().share( "Hibernate ORM" ) ),
				pct( p.summary().share( "Connector/J" ) ) ) ) );
		md.append( " Raw JDBC skips Hibernate's work per row (the persist event, the entity entry in the persistence context,\n"
				+ "the insert action and its binding, the flush), which plain Hibernate pays as well; against raw JDBC the question is\n"
				+ "Hibernate's price, against plain Hibernate the library's. With 4 shards the sharded session also flushes 4 shard\n"
				+ "sessions and commits 4 transactions, and its rows go to 4 servers whose work competes for the same 2 CPUs.\n\n" );
	}

	private static void boot(StringBuilder md, RunData data, Report report) {
		md.append( "### Boot of 16 physical shards\n\n" );
		Map<Integer, RunData.Boot> sharded = new LinkedHashMap<>();
		RunData.Boot plain = null;
		for ( RunData.Boot boot : data.boots ) {
			if ( boot.configuration().startsWith( "plain" ) ) {
				plain = boot;
			}
			else {
				sharded.put( boot.shards(), boot );
			}
		}
		RunData.Boot one = sharded.get( 1 );
		RunData.Boot sixteen = sharded.get( 16 );
		if ( sixteen == null || one == null ) {
			md.append( "Not enough boot measurements to explain.\n\n" );
			return;
		}
		double perShardWarm = ( sixteen.warmMedian() - one.warmMedian() ) / 15;
		double perShardCold = ( sixteen.coldMillis() - one.coldMillis() ) / 15;
		md.append( String.format( Locale.ROOT, "The first boot in a fresh JVM takes %s ms for 16 shards, %s ms for 1 shard%s. Most of a cold boot is the JVM\n"
				+ "loading and compiling Hibernate (and the driver and pool) for the first time, which one plain Hibernate factory pays\n"
				+ "as well. Each further shard adds about %s ms cold and %s ms warm: its own pool, its own service registry, metadata and\n"
				+ "`SessionFactory` (Hibernate binds metadata to one registry, hence to one connection source), and the JDBC metadata\n"
				+ "Hibernate reads from each shard at boot. Warm, 16 shards boot in %s ms.%n",
				num( sixteen.coldMillis(), "%,.0f" ), num( one.coldMillis(), "%,.0f" ),
				plain == null ? "" : String.format( Locale.ROOT, " and %s ms for one plain Hibernate factory", num( plain.coldMillis(), "%,.0f" ) ),
				num( perShardCold, "%.0f" ), num( perShardWarm, "%.0f" ), num( sixteen.warmMedian(), "%,.0f" ) ) );
		Optional<RunData.Profile> profile = report.profile( "boot", "sharded" );
		profile.ifPresent( p -> {
			md.append( String.format( Locale.ROOT, "%nThe JFR recording of a cold boot of 16 shards (from JVM start, all threads; JIT compilation and class parsing in\n"
					+ "the VM are not sampled) charges %s of the CPU samples to hibernate-shards' own code, %s to Hibernate ORM, %s to\n"
					+ "Connector/J and %s to HikariCP (the pools connect in the background). %s of the samples are loading classes\n"
					+ "(`ClassLoader.loadClass` on the stack); %s are Hibernate looking up Java services (`ClassLoaderServiceImpl.loadJavaServices`:\n"
					+ "every shard has its own bootstrap registry, which scans the class path's `META-INF/services` again; this module's class\n"
					+ "path is large because of ShardingSphere); %s are Hibernate reading each shard's JDBC metadata at boot\n"
					+ "(`JdbcEnvironmentInitiator.getJdbcEnvironmentUsingJdbcMetadata`). Its largest inclusive frames:%n%n```%n",
					pct( p.summary().share( JfrSummary.LIBRARY ) ), pct( p.summary().share( "Hibernate ORM" ) ), pct( p.summary().share( "Connector/J" ) ),
					pct( p.summary().share( "HikariCP" ) ), pct( p.summary().inclusiveShare( "java.lang.ClassLoader.loadClass" ) ),
					pct( p.summary().inclusiveShare( "ClassLoaderServiceImpl.loadJavaServices" ) ),
					pct( p.summary().inclusiveShare( "JdbcEnvironmentInitiator.getJdbcEnvironmentUsingJdbcMetadata" ) ) ) );
			Report.appendTop( md, p.summary().inclusive, p.summary().samples, 15 );
			md.append( "```\n" );
		} );
		md.append( '\n' );
	}

	// ---- hot spots

	static String hotSpots(RunData data) {
		StringBuilder md = new StringBuilder( "## 7. Hot spots in the library\n\n" );
		if ( data.profiles.isEmpty() ) {
			return md.append( "No profiles in this run.\n\n" ).toString();
		}
		md.append( "The library's own methods that the profiles charge most, per profiled run (% of that run's CPU samples; samples in\n" )
				.append( "the JDK methods a library method calls count for it):\n\n" );
		md.append( "| profiled run | library share | largest library methods |\n|---|---:|---|\n" );
		for ( RunData.Profile profile : data.profiles ) {
			if ( !profile.impl().startsWith( "sharded" ) ) {
				continue;
			}
			List<String> top = new ArrayList<>();
			profile.summary().libraryMethods.entrySet().stream().limit( 4 ).forEach( e -> top.add( String.format( Locale.ROOT, "`%s` %.1f%%",
					e.getKey(), 100.0 * e.getValue() / profile.summary().samples ) ) );
			md.append( "| " ).append( profile.title() ).append( " | " ).append( pct( profile.summary().share( JfrSummary.LIBRARY ) ) )
					.append( " | " ).append( String.join( ", ", top ) ).append( " |\n" );
		}
		md.append( "\nWhat they point at, for the maintainers (suggestions; nothing was changed in the library):\n\n" );
		for ( Map.Entry<String, String> note : NOTES.entrySet() ) {
			boolean seen = data.profiles.stream().anyMatch( p -> p.summary().libraryMethods.keySet().stream().anyMatch( m -> m.contains( note.getKey() ) )
					|| p.summary().inclusive.keySet().stream().anyMatch( m -> m.contains( note.getKey() ) ) );
			if ( seen ) {
				double share = data.profiles.stream().mapToDouble( p -> p.summary().inclusiveShare( note.getKey() ) ).max().orElse( 0 );
				md.append( "- " ).append( note.getValue().replace( "{share}", pct( share ) ) ).append( '\n' );
			}
		}
		md.append( '\n' );
		return md.toString();
	}

	/** Notes on methods, shown when the method appears in a profile of the run. */
	private static final Map<String, String> NOTES = new LinkedHashMap<>();

	static {
		NOTES.put( "EntityInitializerImpl.initializeInstance", "**Fan-out queries materialise every shard's page.** A sharded `order by … limit 20` asks each "
				+ "shard for 20 entities and Hibernate builds all of them (80 for 4 shards) in the shard sessions' persistence contexts; the merge "
				+ "keeps 20. Entity materialisation is the largest item of the fan-out profile. Fetching the sort keys and ids first, merging, then "
				+ "loading only the winning entities by id per shard (one more round trip to the shards that contribute), or reading the shard "
				+ "rows as tuples and materialising only the rows the merge keeps, would cut the client CPU of a fan-out roughly by the number "
				+ "of shards." );
		NOTES.put( "ParallelShardAccessStrategy.apply", "**`ParallelShardAccessStrategy.apply`** runs the first shard's operation on the "
				+ "calling thread and hands the others to its pool, then blocks on a `CompletionService`: one hand-off and wake-up per "
				+ "other shard. On a machine with fewer cores than shards (and the databases on the same cores), the hand-offs and "
				+ "wake-ups are a visible share of a short fan-out." );
		NOTES.put( "EntityPlacement.<init>", "**Per-session set-up.** Every `openSession()` builds `ShardSessions`, `EntityPlacement` (with an "
				+ "`IdentityHashMap`), `SessionSettings` (a `LinkedHashMap`, a `LinkedHashSet`, an `ArrayList`), `SessionQueries` and a "
				+ "`ShardedTransactionImpl`, even for a session that only finds one entity; these constructors show in the `find` profile. "
				+ "Creating the maps on first use would make a short session cheaper." );
		NOTES.put( "SessionSettings.<init>", "" );
		NOTES.put( "ShardedIdGenerator.generate", "**Id generation and key hashing** (`ShardedIdGenerator.generate`, `ShardKeyHash`) show in the "
				+ "bulk profile at about a per cent or two: the murmur3 hash of the folded key and the CAS on the virtual shard's counter. "
				+ "Not worth changing." );
		NOTES.put( "ShardingMetamodel.of", "**`ShardingMetamodel.of(entity)`** (a `ConcurrentHashMap` lookup by class) is called several times for "
				+ "one `persist` (placement, the interceptor's `onPersist`, the shard check); caching the `EntitySharding` in the operation "
				+ "would save a few lookups per entity. Small." );
		NOTES.put( "ClassLoaderServiceImpl.loadJavaServices", "**Boot: a bootstrap registry per shard.** `ShardedSessionFactoryBuilder.buildFactory` "
				+ "creates `new BootstrapServiceRegistryBuilder().build()` for every shard, so every shard's `ClassLoaderService` scans the "
				+ "class path's `META-INF/services` for Hibernate's Java services again ({share} of the cold boot's CPU samples, on this "
				+ "module's large class path). One bootstrap registry shared by the shards, built with `disableAutoClose()` and closed by "
				+ "the sharded factory after the shards' registries, should scan once (sharing one naively fails with \"ClassLoaderService "
				+ "cannot be reused\" because the first shard to close closes it)." );
		NOTES.put( "JdbcEnvironmentInitiator.getJdbcEnvironmentUsingJdbcMetadata", "**Boot: JDBC metadata per shard.** Each shard's "
				+ "Hibernate opens a connection at boot to read `DatabaseMetaData` ({share} of the cold boot's samples), although the "
				+ "dialect and version are configured. Setting `hibernate.boot.allow_jdbc_metadata_access=false` for shards after the "
				+ "first (whose metadata stands for all, as the mappings do) would save a connection and a round of metadata queries "
				+ "per shard." );
		NOTES.put( "ShardedSessionFactoryBuilder", "**Boot builds a full Hibernate `Metadata` and `SessionFactory` per shard** (Hibernate binds "
				+ "metadata to one service registry): every shard repeats the annotation binding, the mapping model and the persisters. "
				+ "Building the shards side by side hides part of it only where there are spare cores." );
		NOTES.entrySet().removeIf( e -> e.getValue().isEmpty() );
	}
}
