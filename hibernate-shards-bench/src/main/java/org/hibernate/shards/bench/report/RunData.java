package org.hibernate.shards.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything one run measured, handed to {@link Report}. */
public final class RunData {
	/** One boot configuration: the cold boot, the warm boots, and the retained heap. */
	public record Boot(String configuration, int shards, double coldMillis, List<Double> warmMillis, long retainedBytes) {
		public double warmMedian() {
			return Measurement.median( warmMillis );
		}
	}

	/** A profiled benchmark. */
	public record Profile(String title, String benchmark, String impl, JfrSummary summary) {
	}

	public final List<Measurement> measurements = new ArrayList<>();
	public final List<Boot> boots = new ArrayList<>();
	public final List<Profile> profiles = new ArrayList<>();
	public final List<String> failures = new ArrayList<>();
	/** measurements run twice because their iterations varied too much, and which run was kept */
	public final List<String> repeats = new ArrayList<>();
	public final Map<String, String> facts = new LinkedHashMap<>();
	public String loadAtStart;
	public String loadAtEnd;
	public double peakLoad;
	public long elapsedSeconds;
	public String shardSql;
	public String iterations;
	public int bulkRows;
	public int customers;
	public int posts;
	public Map<String, List<Long>> rowsPerShard = new LinkedHashMap<>();
	/** impl -> workload -> server counter -> per operation */
	public Map<String, Map<String, Map<String, Double>>> statements = new LinkedHashMap<>();
	/** the raw JDBC topology check: variant -> µs per operation, one score per round */
	public Map<String, Measurement> topology = new LinkedHashMap<>();

	public double statements(String impl, String workload) {
		Map<String, Map<String, Double>> byWorkload = statements.get( impl );
		Map<String, Double> counters = byWorkload == null ? null : byWorkload.get( workload );
		return counters == null ? Double.NaN : counters.getOrDefault( "Questions", Double.NaN );
	}

	public Optional<Measurement> find(String group, String benchmark, String impl, int threads) {
		return measurements.stream().filter( m -> m.group().equals( group ) && m.benchmark().equals( benchmark )
				&& m.impl().equals( impl ) && m.threads() == threads ).findFirst();
	}

	public double median(String group, String benchmark, String impl, int threads) {
		return find( group, benchmark, impl, threads ).map( Measurement::median ).orElse( Double.NaN );
	}
}
