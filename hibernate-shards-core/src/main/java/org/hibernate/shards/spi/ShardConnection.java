package org.hibernate.shards.spi;

/**
 * How a physical shard is reached, for extensions that open connections of another kind than JDBC (a binary log
 * reader). The password is never part of {@link #toString()}.
 *
 * @param jdbcUrl the shard's JDBC URL
 * @param username the user, or {@code null}
 * @param password the password, or {@code null}
 */
public record ShardConnection(String jdbcUrl, String username, String password) {
	@Override
	public String toString() {
		return "ShardConnection[" + org.hibernate.shards.internal.failure.ShardFailures.safeUrl( jdbcUrl ) + ", user " + username + "]";
	}
}
