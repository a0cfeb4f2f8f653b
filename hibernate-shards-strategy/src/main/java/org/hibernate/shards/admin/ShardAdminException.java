package org.hibernate.shards.admin;

import org.hibernate.shards.ShardingException;

/** An administrative change that was refused or failed; the message says why and what to do. */
public class ShardAdminException extends ShardingException {
	public ShardAdminException(String message) {
		super( message );
	}

	public ShardAdminException(String message, Throwable cause) {
		super( message, cause );
	}
}
