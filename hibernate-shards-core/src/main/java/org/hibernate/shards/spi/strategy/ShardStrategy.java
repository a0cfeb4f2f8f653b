package org.hibernate.shards.spi.strategy;

import java.util.Objects;

import org.hibernate.shards.spi.strategy.access.ShardAccessStrategy;
import org.hibernate.shards.spi.strategy.resolution.ShardResolutionStrategy;
import org.hibernate.shards.spi.strategy.selection.ShardSelectionStrategy;

/**
 * The three strategies of a sharded session factory.
 *
 * @param selection where a new top-level entity without a shard key goes
 * @param resolution which shards may hold an entity, given its id, when the id does not say
 * @param access how an operation runs over several shards
 */
public record ShardStrategy(ShardSelectionStrategy selection, ShardResolutionStrategy resolution, ShardAccessStrategy access) {
	public ShardStrategy {
		Objects.requireNonNull( selection, "selection" );
		Objects.requireNonNull( resolution, "resolution" );
		Objects.requireNonNull( access, "access" );
	}
}
