package org.hibernate.shards;

/**
 * A configuration that cannot work, found while the sharded session factory is built: the message names
 * the property, the value and what is expected. Nothing has been opened when it is thrown.
 */
public class ShardingConfigurationException extends ShardingException {
	public ShardingConfigurationException(String message) {
		super( message );
	}

	public ShardingConfigurationException(String message, Throwable cause) {
		super( message, cause );
	}
}
