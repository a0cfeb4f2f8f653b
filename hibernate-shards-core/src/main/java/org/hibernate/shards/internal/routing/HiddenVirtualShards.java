package org.hibernate.shards.internal.routing;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.hibernate.shards.ShardId;

/**
 * The virtual shards whose rows on a physical shard are not the live ones while they move: copies on the target before
 * the switch, leftovers on the source until the purge. Immutable; each replacement gets a new identity, which sessions
 * compare to know when to apply it.
 */
public final class HiddenVirtualShards {
	public static final HiddenVirtualShards NONE = new HiddenVirtualShards( Map.of() );

	private final Map<ShardId, List<Integer>> byShard;

	private HiddenVirtualShards(Map<ShardId, List<Integer>> byShard) {
		this.byShard = byShard;
	}

	public static HiddenVirtualShards of(Map<ShardId, ? extends Collection<Integer>> hidden) {
		Map<ShardId, List<Integer>> copy = new HashMap<>();
		hidden.forEach( (shard, virtualShards) -> {
			if ( !virtualShards.isEmpty() ) {
				copy.put( shard, virtualShards.stream().sorted().toList() );
			}
		} );
		return copy.isEmpty() ? NONE : new HiddenVirtualShards( Map.copyOf( copy ) );
	}

	/** @return the virtual shards hidden on a physical shard, ascending; empty when none */
	public List<Integer> on(ShardId shard) {
		return byShard.getOrDefault( shard, List.of() );
	}

	public boolean isEmpty() {
		return byShard.isEmpty();
	}

	@Override
	public String toString() {
		return byShard.toString();
	}
}
