package org.hibernate.shards.internal.routing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardingConfigurationException;
import org.hibernate.shards.cfg.ShardedSettings;

/**
 * Which physical shard holds each virtual shard. Immutable: a change of placement builds a new map that
 * replaces the old one atomically, so a lookup is one array read.
 */
public final class VirtualShardMap {
	private final ShardId[] physicalByVirtual;
	private final List<ShardId> physicalShards;
	private final List<ShardId> activeShards;
	private final java.util.Map<ShardId, List<Integer>> virtualByPhysical;
	/** Kept with the placement, so that one reading gives both: a query must not route by one and hide by another. */
	private HiddenVirtualShards hidden = HiddenVirtualShards.NONE;

	private VirtualShardMap(ShardId[] physicalByVirtual, List<ShardId> physicalShards) {
		this.physicalByVirtual = physicalByVirtual;
		this.physicalShards = List.copyOf( physicalShards );
		this.activeShards = physicalShards.stream()
				.filter( shard -> Arrays.asList( physicalByVirtual ).contains( shard ) )
				.toList();
		java.util.Map<ShardId, List<Integer>> byPhysical = new java.util.HashMap<>();
		for ( int v = 0; v < physicalByVirtual.length; v++ ) {
			byPhysical.computeIfAbsent( physicalByVirtual[v], shard -> new ArrayList<>() ).add( v );
		}
		byPhysical.replaceAll( (shard, list) -> List.copyOf( list ) );
		this.virtualByPhysical = java.util.Map.copyOf( byPhysical );
	}

	/** Equal, contiguous ranges: with 8 virtual and 2 physical shards, 0-3 on shard 0 and 4-7 on shard 1. */
	public static VirtualShardMap evenlySpread(int virtualShards, List<ShardId> physicalShards) {
		return evenlySpread( virtualShards, physicalShards, physicalShards );
	}

	/** Equal, contiguous ranges over the {@code holding} shards only; the other physical shards hold none (standby). */
	public static VirtualShardMap evenlySpread(int virtualShards, List<ShardId> physicalShards, List<ShardId> holding) {
		ShardId[] map = new ShardId[virtualShards];
		int physical = holding.size();
		for ( int v = 0; v < virtualShards; v++ ) {
			map[v] = holding.get( (int) ( (long) v * physical / virtualShards ) );
		}
		return new VirtualShardMap( map, physicalShards );
	}

	/**
	 * Parses {@code 0-7:0,8-15:1,16-31:2}.
	 *
	 * @throws ShardingConfigurationException naming the property and the faulty part
	 */
	public static VirtualShardMap parse(String text, int virtualShards, List<ShardId> physicalShards) {
		ShardId[] map = new ShardId[virtualShards];
		for ( String part : text.split( "," ) ) {
			String entry = part.trim();
			if ( entry.isEmpty() ) {
				continue;
			}
			int colon = entry.indexOf( ':' );
			if ( colon < 0 ) {
				throw mapError( text, "'" + entry + "' is not of the form virtualRange:physicalShard" );
			}
			String range = entry.substring( 0, colon ).trim();
			int dash = range.indexOf( '-' );
			int from = parseInt( text, dash < 0 ? range : range.substring( 0, dash ) );
			int to = dash < 0 ? from : parseInt( text, range.substring( dash + 1 ) );
			int physical = parseInt( text, entry.substring( colon + 1 ) );
			if ( from > to ) {
				throw mapError( text, "the range '" + range + "' runs backwards" );
			}
			if ( to >= virtualShards ) {
				throw mapError( text, "virtual shard " + to + " does not exist; " + ShardedSettings.VIRTUAL_SHARDS
						+ " is " + virtualShards + ", so virtual shards are numbered 0 to " + ( virtualShards - 1 ) );
			}
			if ( physical >= physicalShards.size() ) {
				throw mapError( text, "physical shard " + physical + " is not configured (shards 0 to "
						+ ( physicalShards.size() - 1 ) + " are)" );
			}
			for ( int v = from; v <= to; v++ ) {
				if ( map[v] != null ) {
					throw mapError( text, "virtual shard " + v + " is assigned twice" );
				}
				map[v] = physicalShards.get( physical );
			}
		}
		List<Integer> unassigned = new ArrayList<>();
		for ( int v = 0; v < virtualShards; v++ ) {
			if ( map[v] == null ) {
				unassigned.add( v );
			}
		}
		if ( !unassigned.isEmpty() ) {
			throw mapError( text, "virtual shards " + RangeText.of( unassigned ) + " are not assigned to any physical shard" );
		}
		return new VirtualShardMap( map, physicalShards );
	}

	private static int parseInt(String text, String number) {
		try {
			int value = Integer.parseInt( number.trim() );
			if ( value < 0 ) {
				throw mapError( text, "'" + number.trim() + "' is negative" );
			}
			return value;
		}
		catch (NumberFormatException e) {
			throw mapError( text, "'" + number.trim() + "' is not a number" );
		}
	}

	private static ShardingConfigurationException mapError(String text, String why) {
		return new ShardingConfigurationException(
				ShardedSettings.VIRTUAL_SHARD_MAP + "='" + text + "' is invalid: " + why );
	}

	/** A map from an explicit placement, one physical shard per virtual shard. */
	public static VirtualShardMap of(List<ShardId> physicalByVirtual, List<ShardId> physicalShards) {
		ShardId[] map = physicalByVirtual.toArray( ShardId[]::new );
		for ( int v = 0; v < map.length; v++ ) {
			if ( map[v] == null || !physicalShards.contains( map[v] ) ) {
				throw new IllegalArgumentException( "Virtual shard " + v + " is placed on " + map[v] + ", which is not a physical shard" );
			}
		}
		return new VirtualShardMap( map, physicalShards );
	}

	/** @return the virtual shards whose rows each physical shard keeps out of queries while they move */
	public HiddenVirtualShards hidden() {
		return hidden;
	}

	/** A copy that hides the given virtual shards' rows on the given physical shards. */
	public VirtualShardMap withHidden(HiddenVirtualShards newHidden) {
		VirtualShardMap copy = new VirtualShardMap( physicalByVirtual.clone(), physicalShards );
		copy.hidden = newHidden;
		return copy;
	}

	/** A copy with one virtual shard placed elsewhere. */
	public VirtualShardMap withAssignment(int virtualShard, ShardId physicalShard) {
		ShardId[] copy = physicalByVirtual.clone();
		copy[virtualShard] = physicalShard;
		return new VirtualShardMap( copy, physicalShards ).withHidden( hidden );
	}

	/** A copy that knows one more physical shard, which holds no virtual shard yet. */
	public VirtualShardMap withPhysicalShard(ShardId physicalShard) {
		List<ShardId> more = new ArrayList<>( physicalShards );
		if ( !more.contains( physicalShard ) ) {
			more.add( physicalShard );
		}
		return new VirtualShardMap( physicalByVirtual.clone(), more ).withHidden( hidden );
	}

	public ShardId physicalShardOf(int virtualShard) {
		return physicalByVirtual[virtualShard];
	}

	public int virtualShardCount() {
		return physicalByVirtual.length;
	}

	public List<ShardId> physicalShards() {
		return physicalShards;
	}

	/** @return the physical shards that hold at least one virtual shard */
	public List<ShardId> activeShards() {
		return activeShards;
	}

	/** @return the virtual shards held by a physical shard, ascending */
	public List<Integer> virtualShardsOf(ShardId physicalShard) {
		return virtualByPhysical.getOrDefault( physicalShard, List.of() );
	}

	/** @return the map in the form {@link #parse} reads */
	@Override
	public String toString() {
		StringBuilder text = new StringBuilder();
		int start = 0;
		for ( int v = 1; v <= physicalByVirtual.length; v++ ) {
			if ( v == physicalByVirtual.length || !physicalByVirtual[v].equals( physicalByVirtual[start] ) ) {
				if ( text.length() > 0 ) {
					text.append( ',' );
				}
				text.append( start );
				if ( v - 1 > start ) {
					text.append( '-' ).append( v - 1 );
				}
				text.append( ':' ).append( physicalByVirtual[start].getId() );
				start = v;
			}
		}
		return text.toString();
	}
}
