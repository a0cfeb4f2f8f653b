package org.hibernate.shards.spring.boot;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Keeps Boot from making a single {@code DataSource} when shards are configured. With Boot's JDBC or JPA starter on
 * the class path, its DataSource auto-configuration would otherwise build one from {@code spring.datasource.*} (or fail
 * for want of a URL), and its Hibernate auto-configuration would then build a second, unsharded entity manager
 * factory over it. Without a {@code DataSource} bean those back off by themselves.
 */
public class ShardedAutoConfigurationFilter implements AutoConfigurationImportFilter, EnvironmentAware {
	static final String DATA_SOURCE_AUTO_CONFIGURATION = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration";

	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
		boolean sharded = ShardedJpaProperties.shardsConfigured( environment );
		boolean[] matches = new boolean[autoConfigurationClasses.length];
		for ( int i = 0; i < matches.length; i++ ) {
			matches[i] = !( sharded && DATA_SOURCE_AUTO_CONFIGURATION.equals( autoConfigurationClasses[i] ) );
		}
		return matches;
	}
}
