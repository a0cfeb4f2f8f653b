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
		return "ShardConnection[" + safeUrl( jdbcUrl ) + ", user " + username + "]";
	}

	/** @return the URL with any password in it hidden: {@code password=secret} and {@code user:secret@} forms */
	public static String safeUrl(String url) {
		if ( url == null ) {
			return "no URL";
		}
		return url.replaceAll( "(?i)(password|pwd)=[^&;]*", "$1=****" ).replaceAll( "//([^/:@]+):[^@/]*@", "//$1:****@" );
	}
}
