package org.hibernate.shards.internal.routing;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hibernate.shards.ShardId;

/**
 * What on a physical shard is not the live rows while a move runs: copies on the target before the switch, leftovers on
 * the source until the purge. A virtual shard's move hides the whole virtual shard; a partition's move hides rows of
 * some entities only (the partitioned one and those that live with it), which SQL cannot tell apart, so queries over
 * those entities spanning that shard are refused instead. Immutable; each replacement gets a new identity, which
 * sessions compare to know when to apply it.
 */
public final class HiddenVirtualShards {
	public static final HiddenVirtualShards NONE = new HiddenVirtualShards( Map.of(), Map.of() );

	private final Map<ShardId, List<Integer>> byShard;
	private final Map<ShardId, Set<String>> entitiesByShard;

	private HiddenVirtualShards(Map<ShardId, List<Integer>> byShard, Map<ShardId, Set<String>> entitiesByShard) {
		this.byShard = byShard;
		this.entitiesByShard = entitiesByShard;
	}

	public static HiddenVirtualShards of(Map<ShardId, ? extends Collection<Integer>> hidden) {
		return of( hidden, Map.of() );
	}

	/**
	 * @param hidden per physical shard, the virtual shards whose rows there are not the live ones
	 * @param entities per physical shard, the entities (by Hibernate entity name) some of whose rows there are not
	 */
	public static HiddenVirtualShards of(Map<ShardId, ? extends Collection<Integer>> hidden, Map<ShardId, ? extends Collection<String>> entities) {
		Map<ShardId, List<Integer>> copy = new HashMap<>();
		hidden.forEach( (shard, virtualShards) -> {
			if ( !virtualShards.isEmpty() ) {
				copy.put( shard, virtualShards.stream().sorted().toList() );
			}
		} );
		Map<ShardId, Set<String>> names = new HashMap<>();
		entities.forEach( (shard, inFlight) -> {
			if ( !inFlight.isEmpty() ) {
				names.put( shard, Set.copyOf( inFlight ) );
			}
		} );
		return copy.isEmpty() && names.isEmpty() ? NONE : new HiddenVirtualShards( Map.copyOf( copy ), Map.copyOf( names ) );
	}

	/** @return the virtual shards hidden on a physical shard, ascending; empty when none */
	public List<Integer> on(ShardId shard) {
		return byShard.getOrDefault( shard, List.of() );
	}

	/** @return the entities some of whose rows on a physical shard are a partition move's copies or leftovers */
	public Set<String> entitiesOn(ShardId shard) {
		return entitiesByShard.getOrDefault( shard, Set.of() );
	}

	/** @return whether nothing on the shard is hidden */
	public boolean clearOn(ShardId shard) {
		return !byShard.containsKey( shard ) && !entitiesByShard.containsKey( shard );
	}

	public boolean isEmpty() {
		return byShard.isEmpty() && entitiesByShard.isEmpty();
	}

	@Override
	public String toString() {
		return entitiesByShard.isEmpty() ? byShard.toString() : byShard + " " + entitiesByShard;
	}
}
