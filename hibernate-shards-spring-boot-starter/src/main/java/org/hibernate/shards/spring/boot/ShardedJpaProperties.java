package org.hibernate.shards.spring.boot;

import java.util.Map;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The one place where Spring properties become Hibernate Shards settings: everything under
 * {@code spring.jpa.properties.} is handed to {@link org.hibernate.shards.cfg.ShardedConfiguration} with the prefix
 * removed, as Boot does for a single database. Shards are listed there:
 * <pre>
 * spring.jpa.properties.hibernate.shards.0.connection.url=jdbc:mysql://db0:3306/app
 * spring.jpa.properties.hibernate.shards.1.connection.url=jdbc:mysql://db1:3306/app
 * spring.jpa.properties.hibernate.connection.username=app
 * spring.jpa.properties.hibernate.hbm2ddl.auto=validate
 * </pre>
 */
public final class ShardedJpaProperties {
	public static final String PREFIX = "spring.jpa.properties";
	/** Set when shards are configured: the auto-configuration and its filter wait for it. */
	public static final String FIRST_SHARD_URL = PREFIX + ".hibernate.shards.0.connection.url";

	private ShardedJpaProperties() {
	}

	/** @return the settings under {@value #PREFIX}, without the prefix, in the order the environment gives them */
	public static Map<String, String> hibernateProperties(Environment environment) {
		return Binder.get( environment )
				.bind( PREFIX, Bindable.mapOf( String.class, String.class ) )
				.orElseGet( Map::of );
	}

	/** @return whether shards are configured: their first URL is set */
	static boolean shardsConfigured(Environment environment) {
		return environment.containsProperty( FIRST_SHARD_URL );
	}
}
