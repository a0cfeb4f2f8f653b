package org.hibernate.shards.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the annotated test class {@link #value()} real MySQL-protocol databases ("shards"), each created
 * fresh (empty) for the class. Declare a {@link ShardDatabases} parameter on the constructor, a
 * {@code @BeforeAll}, {@code @BeforeEach} or {@code @Test} method to receive them.
 * <p>
 * Servers come from, in this order: the {@code HIBERNATE_SHARDS_TEST_URLS} environment variable,
 * Testcontainers (MySQL 8, when a Docker engine is reachable), or private {@code mariadbd}/{@code mysqld}
 * instances started from the locally installed server binaries. If none is available the class fails;
 * it is never skipped. Locally started servers keep a row-based binary log (as MySQL 8 does by default),
 * so tests can follow it.
 *
 * @see MySqlShardsExtension
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(MySqlShardsExtension.class)
public @interface MySqlShards {

	/**
	 * @return the number of shard databases; each shard has its own database
	 */
	int value() default 4;

	/**
	 * {@code true} gives this class its own servers, one per shard, removed when the class finishes.
	 * With locally started servers these may be stopped and started ({@link ShardDatabase#stop()},
	 * {@link ShardDatabase#start()}) to test outages. {@code false} (the default) places the class's
	 * databases on servers shared by the whole test run.
	 *
	 * @return whether the class gets dedicated servers
	 */
	boolean dedicated() default false;
}
