package org.hibernate.shards.spi;

/**
 * Takes part in building every sharded session factory: found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/org.hibernate.shards.spi.ShardingExtension}). The partition directory of
 * hibernate-shards-strategy is one.
 */
public interface ShardingExtension {
	/**
	 * Checks the extension's own settings, before any connection is opened.
	 *
	 * @throws org.hibernate.shards.ShardingConfigurationException naming the property and value at fault
	 */
	default void validate(java.util.Map<String, Object> settings) {
	}

	/** Called once per factory, after its shards are open and before it is returned. */
	void contribute(ShardingExtensionContext context);
}
