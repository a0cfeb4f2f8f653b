package org.hibernate.shards.spi;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Takes part in building every sharded session factory: found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/org.hibernate.shards.spi.ShardingExtension}). The partition directory of
 * hibernate-shards-strategy is one.
 */
public interface ShardingExtension {
	/**
	 * The {@code hibernate.shards.*} settings this extension reads. Any other {@code hibernate.shards.*} name that the
	 * library does not know fails the build as a misspelling, so an extension with settings of its own declares them here.
	 *
	 * @return full setting names, e.g. {@code hibernate.shards.directory.enabled}
	 */
	default Set<String> settingNames() {
		return Set.of();
	}

	/**
	 * Checks the extension's own settings, before any connection is opened; {@link SettingValues} reads typed values
	 * with the library's error messages.
	 *
	 * @throws org.hibernate.shards.ShardingConfigurationException naming the property and value at fault
	 */
	default void validate(Map<String, Object> settings) {
	}

	/**
	 * @return whether this extension owns the placement of virtual shards (it records it and changes it while
	 *         applications run), so that the configured map is only where it started
	 */
	default boolean ownsPlacement(Map<String, Object> settings) {
		return false;
	}

	/**
	 * Where the factory's {@link org.hibernate.shards.annotations.ShardedId} node lease lives, when this extension keeps
	 * a database better suited than physical shard 0, the default (the partition directory offers its control database,
	 * so that new ids do not depend on shard 0). Asked once per factory, before its shards are open; at most one extension
	 * may offer one.
	 *
	 * @return the database, or empty for shard 0
	 */
	default Optional<IdLeaseDatabase> idLeaseDatabase(Map<String, Object> settings) {
		return Optional.empty();
	}

	/** Called once per factory, after its shards are open and before it is returned. */
	void contribute(ShardingExtensionContext context);
}
