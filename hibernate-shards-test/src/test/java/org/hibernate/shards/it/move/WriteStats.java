package org.hibernate.shards.it.move;

import java.util.Arrays;
import java.util.List;

/**
 * What writers did: committed writes by kind, on the moving virtual shard and on others, the retries and why, and
 * the latency of every write to the moving virtual shard (retries included). One per writer thread, merged at the end.
 */
final class WriteStats {
	private long[] movingLatencies = new long[1024];
	private int movingCount;
	private final long[] moving = new long[3];
	private final long[] other = new long[3];
	private long retriedMovedAway;
	private long retriedFenceWait;
	private long retriedLock;

	void record(boolean toMoving, char kind, long nanos) {
		int index = "iud".indexOf( kind );
		if ( toMoving ) {
			moving[index]++;
			if ( movingCount == movingLatencies.length ) {
				movingLatencies = Arrays.copyOf( movingLatencies, movingCount * 2 );
			}
			movingLatencies[movingCount++] = nanos;
		}
		else {
			other[index]++;
		}
	}

	void retried(String why) {
		if ( "moved away".equals( why ) ) {
			retriedMovedAway++;
		}
		else if ( "fence wait".equals( why ) ) {
			retriedFenceWait++;
		}
		else {
			retriedLock++;
		}
	}

	static WriteStats merge(List<WriteStats> all) {
		WriteStats merged = new WriteStats();
		for ( WriteStats stats : all ) {
			for ( int i = 0; i < 3; i++ ) {
				merged.moving[i] += stats.moving[i];
				merged.other[i] += stats.other[i];
			}
			merged.retriedMovedAway += stats.retriedMovedAway;
			merged.retriedFenceWait += stats.retriedFenceWait;
			merged.retriedLock += stats.retriedLock;
			for ( int i = 0; i < stats.movingCount; i++ ) {
				if ( merged.movingCount == merged.movingLatencies.length ) {
					merged.movingLatencies = Arrays.copyOf( merged.movingLatencies, merged.movingCount * 2 );
				}
				merged.movingLatencies[merged.movingCount++] = stats.movingLatencies[i];
			}
		}
		return merged;
	}

	long movingWrites() {
		return moving[0] + moving[1] + moving[2];
	}

	long otherWrites() {
		return other[0] + other[1] + other[2];
	}

	/** @return the latency, in milliseconds, under which this fraction of the writes to the moving virtual shard stayed */
	double percentileMillis(double fraction) {
		if ( movingCount == 0 ) {
			return 0;
		}
		long[] sorted = Arrays.copyOf( movingLatencies, movingCount );
		Arrays.sort( sorted );
		int rank = (int) Math.ceil( fraction * sorted.length ) - 1;
		return sorted[Math.max( 0, Math.min( sorted.length - 1, rank ) )] / 1e6;
	}

	String describe() {
		return String.format( "writes to the moving virtual shard %d (%d inserts, %d updates, %d deletes), to others %d (%d/%d/%d), "
				+ "retries after VirtualShardMovingException %d (%d when the fence wait ran out, %d when the virtual shard had moved away), "
				+ "after lock timeouts or deadlocks %d",
				movingWrites(), moving[0], moving[1], moving[2], otherWrites(), other[0], other[1], other[2], retriedFenceWait + retriedMovedAway, retriedFenceWait,
				retriedMovedAway, retriedLock );
	}
}
