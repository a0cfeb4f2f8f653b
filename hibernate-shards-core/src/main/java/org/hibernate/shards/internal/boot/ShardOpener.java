package org.hibernate.shards.internal.boot;

import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import org.hibernate.boot.cfgxml.spi.MappingReference;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.shards.ShardId;
import org.hibernate.shards.internal.cfg.PhysicalShardSettings;
import org.hibernate.shards.internal.cfg.ShardsSettings;

/**
 * Opens a physical shard the configuration did not list, while the application runs: a pool and a session factory
 * built as the configured shards' were, with the shared settings, this instance's own settings for that shard number
 * (its credentials, for instance) and the URL the directory recorded.
 */
public final class ShardOpener {
	private final ShardsSettings settings;
	private final List<Class<?>> annotatedClasses;
	private final List<MappingReference> mappingReferences;

	ShardOpener(ShardsSettings settings, List<Class<?>> annotatedClasses, List<MappingReference> mappingReferences) {
		this.settings = settings;
		this.annotatedClasses = List.copyOf( annotatedClasses );
		this.mappingReferences = List.copyOf( mappingReferences );
	}

	/** A shard opened: its pool and factory, which the caller closes when it does not keep them. */
	public record OpenedShard(PhysicalShardSettings settings, HikariDataSource pool, SessionFactoryImplementor factory) {
	}

	public OpenedShard open(ShardId shard, String url, double capacityMb) {
		PhysicalShardSettings added = settings.addedShard( shard.getId(), url, capacityMb );
		HikariDataSource pool = ShardPool.create( added, settings.meterRegistry() );
		try {
			// An unreachable shard fails here, once, not in every connection attempt of Hibernate's boot.
			pool.getConnection().close();
			return new OpenedShard( added, pool, ShardedSessionFactoryBuilder.buildFactory( added, pool, annotatedClasses, mappingReferences ) );
		}
		catch (java.sql.SQLException e) {
			pool.close();
			throw new org.hibernate.shards.ShardUnavailableException( shard, shard + " (" + org.hibernate.shards.internal.failure.ShardFailures.safeUrl( url )
					+ ") cannot be reached: " + e.getMessage(), e );
		}
		catch (RuntimeException e) {
			pool.close();
			throw e;
		}
	}
}
