package org.hibernate.shards.strategy.directory.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.admin.RebalancePlan;
import org.hibernate.shards.admin.ShardAdminException;
import org.hibernate.shards.spi.ShardingExtensionContext;
import org.hibernate.shards.spi.move.VirtualShardRows;

/**
 * Plans the moves that bring every physical shard under its capacity. A virtual shard's size is estimated per table:
 * the table's data and index size on its shard, shared out by rows. Largest virtual shards move first (so the fewest
 * moves free the room), each to the shard with the most room left; when no active shard has room, the next standby
 * shard (one that holds no virtual shards) is put to use.
 */
final class RebalancePlanner {
	private final ShardingExtensionContext context;
	private final VirtualShardRows rows;
	private final java.util.function.IntFunction<ShardId> placement;

	RebalancePlanner(ShardingExtensionContext context, VirtualShardRows rows, java.util.function.IntFunction<ShardId> placement) {
		this.context = context;
		this.rows = rows;
		this.placement = placement;
	}

	RebalancePlan plan() {
		Map<ShardId, Map<Integer, Double>> sizes = new LinkedHashMap<>();
		Map<ShardId, Double> projected = new HashMap<>();
		List<ShardId> standby = new ArrayList<>();
		for ( ShardId shard : context.getShardIds() ) {
			Map<String, Double> tableMb = tableSizes( shard );
			sizes.put( shard, virtualShardSizes( shard, tableMb ) );
			// Everything the shard holds counts against its capacity, the tables of no virtual shard too.
			projected.put( shard, tableMb.values().stream().mapToDouble( Double::doubleValue ).sum() );
			if ( holds( shard ).isEmpty() ) {
				standby.add( shard );
			}
		}
		List<ShardId> active = new ArrayList<>( context.getShardIds() );
		active.removeAll( standby );
		List<RebalancePlan.PlannedMove> moves = new ArrayList<>();
		List<ShardId> activated = new ArrayList<>();
		List<ShardId> over = new ArrayList<>( active );
		over.removeIf( shard -> !isOver( shard, projected.get( shard ) ) );
		over.sort( Comparator.comparingDouble( shard -> -( projected.get( shard ) - context.getCapacityMb( shard ) ) ) );
		for ( ShardId source : over ) {
			List<Map.Entry<Integer, Double>> candidates = new ArrayList<>();
			for ( int v : holds( source ) ) {
				candidates.add( Map.entry( v, sizes.get( source ).getOrDefault( v, 0.0 ) ) );
			}
			candidates.sort( Map.Entry.<Integer, Double>comparingByValue().reversed() );
			for ( Map.Entry<Integer, Double> candidate : candidates ) {
				if ( !isOver( source, projected.get( source ) ) || candidates.size() - countFrom( moves, source ) <= 1 ) {
					break;
				}
				double size = candidate.getValue();
				ShardId target = roomiest( active, source, size, projected );
				if ( target == null && !standby.isEmpty() ) {
					target = standby.remove( 0 );
					active.add( target );
					activated.add( target );
				}
				if ( target == null ) {
					break;
				}
				moves.add( new RebalancePlan.PlannedMove( candidate.getKey(), source, target, size ) );
				projected.merge( source, -size, Double::sum );
				projected.merge( target, size, Double::sum );
			}
		}
		return new RebalancePlan( List.copyOf( moves ), List.copyOf( activated ), List.of() );
	}

	private static long countFrom(List<RebalancePlan.PlannedMove> moves, ShardId source) {
		return moves.stream().filter( move -> move.source().equals( source ) ).count();
	}

	private boolean isOver(ShardId shard, double sizeMb) {
		double capacity = context.getCapacityMb( shard );
		return capacity > 0 && sizeMb > capacity;
	}

	/** @return the active shard other than the source with the most room that still fits the size, or {@code null} */
	private ShardId roomiest(List<ShardId> active, ShardId source, double size, Map<ShardId, Double> projected) {
		ShardId best = null;
		double bestRoom = -1;
		for ( ShardId shard : active ) {
			if ( shard.equals( source ) ) {
				continue;
			}
			double capacity = context.getCapacityMb( shard );
			double room = capacity == 0 ? Double.MAX_VALUE / 4 - projected.get( shard ) : capacity - projected.get( shard );
			if ( room >= size && room > bestRoom ) {
				best = shard;
				bestRoom = room;
			}
		}
		return best;
	}

	private List<Integer> holds(ShardId shard) {
		List<Integer> held = new ArrayList<>();
		for ( int v = 0; v < context.getVirtualShardCount(); v++ ) {
			if ( placement.apply( v ).equals( shard ) ) {
				held.add( v );
			}
		}
		return held;
	}

	/** @return the estimated size, in MB, of each virtual shard the shard holds */
	private Map<Integer, Double> virtualShardSizes(ShardId shard, Map<String, Double> tableMb) {
		Map<Integer, Double> sizes = new HashMap<>();
		rows.rowsByVirtualShard( shard ).forEach( (table, byVirtualShard) -> {
			long total = byVirtualShard.values().stream().mapToLong( Long::longValue ).sum();
			double mb = tableMb.getOrDefault( table.toLowerCase( Locale.ROOT ), 0.0 );
			if ( total > 0 ) {
				byVirtualShard.forEach( (v, count) -> sizes.merge( v, mb * count / total, Double::sum ) );
			}
		} );
		return sizes;
	}

	private Map<String, Double> tableSizes(ShardId shard) {
		try {
			Map<String, Double> sizes = new java.util.HashMap<>();
			TableSizes.of( context.getDataSource( shard ) ).forEach( (table, size) -> sizes.put( table, size.totalMb() ) );
			return sizes;
		}
		catch (SQLException e) {
			throw new ShardAdminException( "Cannot read the table sizes of " + shard + ": " + e.getMessage(), e );
		}
	}
}
