package org.hibernate.shards.bench.model;

import java.time.LocalDateTime;

/** Values of the {@code i}-th generated post, the same for every implementation. */
public final class PostData {
	private static final LocalDateTime BASE = LocalDateTime.of( 2026, 1, 1, 0, 0 );

	private PostData() {
	}

	public static String author(long i) {
		return "author" + ( i % 5_000 ) + "@example.com";
	}

	public static String title(long i) {
		return "Post number " + i + " about sharding";
	}

	public static int score(long i) {
		return (int) ( ( i * 104_729 ) % 1_000_000 );
	}

	/** Distinct per post, and not in insertion order, so that the newest posts are spread over the shards. */
	public static LocalDateTime createdAt(long i) {
		return BASE.plusSeconds( ( i * 7_919 ) % 10_000_019 );
	}
}
