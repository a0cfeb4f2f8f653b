package org.hibernate.shards.strategy.directory.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.hibernate.shards.ShardId;
import org.hibernate.shards.spi.ShardingExtensionContext;

/**
 * Connections for moves and for the directory: one small pool per physical shard, apart from the application's pool.
 * While a mover holds a virtual shard's fence, the application's writes to it wait at the fence, each holding a
 * connection of the application's pool. A mover that took its connections from that pool could find every one held by
 * a writer waiting for it, and the move would stall until a timeout failed it. A writer that meets a fence saying
 * the virtual shard has moved reads the directory while it holds its own connection, so the directory's connections
 * must not come from that pool either. The pools copy the application pool's settings, and keep no idle connections.
 */
final class MoveConnections implements AutoCloseable {
	private final ShardingExtensionContext context;
	private final int size;
	private final Map<ShardId, DataSource> pools = new ConcurrentHashMap<>();

	MoveConnections(ShardingExtensionContext context, int maxConcurrentMoves) {
		this.context = context;
		// Each running move holds at most four at once on a shard (its fence, a page being read, a batch being synced, a
		// checksum) and, on the control database, its movers' lock; a few more for the directory and administrative calls.
		this.size = 5 * maxConcurrentMoves + 6;
	}

	DataSource pool(ShardId shard) {
		return pools.computeIfAbsent( shard, this::create );
	}

	private DataSource create(ShardId shard) {
		DataSource application = context.getDataSource( shard );
		if ( !( application instanceof HikariDataSource hikari ) ) {
			return application; // not a pool of this library's own: nothing to copy the connection settings from
		}
		HikariConfig config = new HikariConfig();
		hikari.copyStateTo( config );
		config.setPoolName( "hibernate-shards-move-" + shard.getId() );
		config.setMaximumPoolSize( size );
		config.setMinimumIdle( 0 );
		config.setIdleTimeout( 10_000 );
		config.setInitializationFailTimeout( -1 );
		return new HikariDataSource( config );
	}

	@Override
	public void close() {
		for ( DataSource pool : pools.values() ) {
			// Only pools made here are Hikari's: a data source of the application's own was handed out as it is.
			if ( pool instanceof HikariDataSource own ) {
				own.close();
			}
		}
	}
}
