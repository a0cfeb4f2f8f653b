/**
 * JUnit 5 support that gives test classes real MySQL-protocol shard databases:
 * annotate the class with {@link org.hibernate.shards.test.MySqlShards} and take a
 * {@link org.hibernate.shards.test.ShardDatabases} parameter.
 * Types in the {@code internal} sub-package are implementation details.
 */
package org.hibernate.shards.test;
