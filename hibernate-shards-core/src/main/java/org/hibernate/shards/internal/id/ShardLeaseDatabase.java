package org.hibernate.shards.internal.id;

import java.sql.Connection;
import java.sql.SQLException;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.DriverDataSource;
import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardUnavailableException;
import org.hibernate.shards.spi.IdLeaseDatabase;

/**
 * The {@code @ShardedId} node lease on a physical shard (shard 0, unless an extension offers another database): its
 * connections are opened as the shard's pool opens its own, with the same URL, user and driver properties (the
 * connect and socket timeouts among them), but outside the pool.
 */
public final class ShardLeaseDatabase implements IdLeaseDatabase {
	private final ShardId shard;
	private final HikariDataSource pool;

	public ShardLeaseDatabase(ShardId shard, HikariDataSource pool) {
		this.shard = shard;
		this.pool = pool;
	}

	@Override
	public String name() {
		return shard.toString();
	}

	@Override
	public Connection openConnection() throws SQLException {
		return new DriverDataSource( pool.getJdbcUrl(), pool.getDriverClassName(), pool.getDataSourceProperties(), pool.getUsername(),
				pool.getPassword() ).getConnection();
	}

	@Override
	public RuntimeException unavailable(String message, Throwable cause) {
		return new ShardUnavailableException( shard, message, cause );
	}
}
