package org.hibernate.shards.test;

import java.util.List;
import java.util.Map;

/**
 * The shard databases that {@link MySqlShardsExtension} created for one test class.
 * Shard indexes are 0-based and match the {@code <n>} in {@link #hibernateProperties()}.
 */
public interface ShardDatabases {

	/**
	 * @return the number of shards
	 */
	int size();

	/**
	 * @param index a shard index, {@code 0 <= index < size()}
	 * @return that shard's database
	 * @throws IndexOutOfBoundsException for an index outside the range
	 */
	ShardDatabase get(int index);

	/**
	 * @return all shards, ordered by index (unmodifiable)
	 */
	List<ShardDatabase> all();

	/**
	 * @return where the servers come from: {@code "env"}, {@code "testcontainers"} or {@code "mariadbd"}
	 */
	String source();

	/**
	 * Connection settings ready to hand to Hibernate Shards: {@code hibernate.shards.<n>.connection.url},
	 * {@code .username} and {@code .password} for each shard index {@code n}. When every shard runs on
	 * MariaDB it also holds {@code hibernate.dialect=org.hibernate.dialect.MariaDBDialect} and
	 * {@code jakarta.persistence.database-product-version=<x.y.z of the server>} (Connector/J reports
	 * MariaDB as MySQL 5.5.5, which would make Hibernate pick the wrong dialect); for MySQL servers nothing
	 * dialect-related is set, so Hibernate detects it.
	 *
	 * @return an unmodifiable, ordered map
	 */
	Map<String, String> hibernateProperties();

	/**
	 * Creates one more empty database on the first shard's server. It is not a shard (its
	 * {@link ShardDatabase#index()} is {@code -1}); use it e.g. as an unsharded reference database in
	 * differential tests. Every call creates a new database; all are dropped when the class finishes.
	 *
	 * @param prefix start of the database name: letters, digits and underscores are kept, other
	 *        characters are replaced
	 * @return the new database
	 */
	ShardDatabase createExtraDatabase(String prefix);
}
