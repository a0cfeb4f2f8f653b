package org.hibernate.shards.bench.model;

import java.time.LocalDateTime;

/** Values of the {@code i}-th row of the bulk insert, the same for every implementation. */
public final class BulkData {
	private static final LocalDateTime BASE = LocalDateTime.of( 2026, 1, 1, 0, 0 );

	private BulkData() {
	}

	public static String key(long i) {
		return "row-" + i;
	}

	public static String payload(long i) {
		return "payload of row " + i + " for the bulk insert benchmark";
	}

	public static int amount(long i) {
		return (int) ( i % 10_000 );
	}

	public static LocalDateTime createdAt(long i) {
		return BASE.plusNanos( i * 1_000L );
	}
}
