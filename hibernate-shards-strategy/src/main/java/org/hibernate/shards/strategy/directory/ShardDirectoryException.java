package org.hibernate.shards.strategy.directory;

import org.hibernate.shards.ShardingException;

/** A directory change that is not valid, or a directory that cannot be read; nothing was changed. */
public class ShardDirectoryException extends ShardingException {
	public ShardDirectoryException(String message) {
		super( message );
	}

	public ShardDirectoryException(String message, Throwable cause) {
		super( message, cause );
	}
}
