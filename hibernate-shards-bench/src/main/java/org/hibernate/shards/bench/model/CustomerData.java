package org.hibernate.shards.bench.model;

import java.time.LocalDateTime;

/**
 * What the three customer entities share, so that one workload drives all of them. The entities are mapped to tables
 * of the same shape (see {@link org.hibernate.shards.bench.support.Schema}); only their ids differ.
 */
public interface CustomerData {
	Long getId();

	String getEmail();

	String getName();

	void setName(String name);

	String getCity();

	int getScore();

	LocalDateTime getCreatedAt();

	/** Values of the {@code i}-th generated customer, the same for every implementation. */
	static String email(long i) {
		return "customer" + i + "@example.com";
	}

	static String name(long i) {
		return "Customer " + i;
	}

	static String city(long i) {
		return CITIES[(int) ( i % CITIES.length )];
	}

	static int score(long i) {
		return (int) ( ( i * 7919 ) % 100_000 );
	}

	static LocalDateTime createdAt(long i) {
		return BASE.plusSeconds( i );
	}

	LocalDateTime BASE = LocalDateTime.of( 2026, 1, 1, 0, 0 );
	String[] CITIES = { "Lisbon", "Oslo", "Nairobi", "Lima", "Osaka", "Tunis", "Quito", "Perth" };
}
