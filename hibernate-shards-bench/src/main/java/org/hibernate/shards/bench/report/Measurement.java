package org.hibernate.shards.bench.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The iteration scores of one benchmark configuration.
 *
 * @param group {@code entity}, {@code fanout}, {@code bulk} or {@code boot}
 * @param benchmark the workload, e.g. {@code find}
 * @param impl the implementation, e.g. {@code sharded}
 * @param threads client threads
 * @param unit the unit of the scores, e.g. {@code ops/s}
 * @param scores one score per measurement iteration
 */
public record Measurement(String group, String benchmark, String impl, int threads, String unit, List<Double> scores) {

	public double median() {
		return median( scores );
	}

	public static double median(List<Double> values) {
		if ( values.isEmpty() ) {
			return Double.NaN;
		}
		List<Double> sorted = new ArrayList<>( values );
		Collections.sort( sorted );
		int n = sorted.size();
		return n % 2 == 1 ? sorted.get( n / 2 ) : ( sorted.get( n / 2 - 1 ) + sorted.get( n / 2 ) ) / 2;
	}

	public double min() {
		return scores.stream().mapToDouble( Double::doubleValue ).min().orElse( Double.NaN );
	}

	public double max() {
		return scores.stream().mapToDouble( Double::doubleValue ).max().orElse( Double.NaN );
	}

	/** @return whether higher scores are better (throughput) rather than worse (time) */
	public boolean higherIsBetter() {
		return unit.endsWith( "/s" );
	}
}
