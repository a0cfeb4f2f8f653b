package org.hibernate.shards.it;

import java.util.LinkedHashMap;
import java.util.Map;

import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.cfg.ShardedConfiguration;
import org.hibernate.shards.it.model.Customer;
import org.hibernate.shards.it.model.Note;
import org.hibernate.shards.it.model.OrderLine;
import org.hibernate.shards.it.model.Product;
import org.hibernate.shards.it.model.PurchaseOrder;
import org.hibernate.shards.test.ShardDatabases;

/**
 * Builds sharded session factories over the shard databases of a test class: every shard's connection settings
 * and dialect from {@link ShardDatabases#hibernateProperties()}, {@code hibernate.hbm2ddl.auto=create}, small pools,
 * then the extra properties given (which win).
 */
public final class ShardedFactories {
	/** The shared test model. */
	public static final Class<?>[] MODEL = { Customer.class, PurchaseOrder.class, OrderLine.class, Product.class, Note.class };

	/** The tables of {@link #MODEL}, children first. */
	public static final String[] MODEL_TABLES = { "order_line", "purchase_order", "customer", "product", "note" };

	/**
	 * Hibernate logs through JBoss Logging, which falls back to java.util.logging here: keep its INFO lines (four boots
	 * per factory) out of the test output. Held in a field so that the levels are not garbage-collected.
	 */
	private static final java.util.logging.Logger[] QUIET = {
			java.util.logging.Logger.getLogger( "org.hibernate" ),
			java.util.logging.Logger.getLogger( "org.hibernate.orm.deprecation" ),
			java.util.logging.Logger.getLogger( "org.hibernate.orm.connections.pooling" )
	};

	static {
		QUIET[0].setLevel( java.util.logging.Level.WARNING );
		QUIET[1].setLevel( java.util.logging.Level.SEVERE );
		QUIET[2].setLevel( java.util.logging.Level.SEVERE );
	}

	private ShardedFactories() {
	}

	/** @param entities the entity classes to map; none means {@link #MODEL} */
	public static ShardedSessionFactory build(ShardDatabases dbs, Class<?>... entities) {
		return build( dbs, Map.of(), entities );
	}

	/** @param entities the entity classes to map; none means {@link #MODEL} */
	public static ShardedSessionFactory build(ShardDatabases dbs, Map<String, String> extraProperties, Class<?>... entities) {
		return configuration( dbs, extraProperties, entities ).buildShardedSessionFactory();
	}

	/** The configuration {@link #build} would build, for tests that change it further. */
	public static ShardedConfiguration configuration(ShardDatabases dbs, Map<String, String> extraProperties, Class<?>... entities) {
		Map<String, String> properties = new LinkedHashMap<>( dbs.hibernateProperties() );
		properties.put( "hibernate.hbm2ddl.auto", "create" );
		properties.put( "hibernate.hikari.maximumPoolSize", "4" );
		properties.put( "hibernate.hikari.minimumIdle", "1" );
		properties.putAll( extraProperties );
		ShardedConfiguration configuration = new ShardedConfiguration();
		properties.forEach( configuration::setProperty );
		for ( Class<?> entity : entities.length == 0 ? MODEL : entities ) {
			configuration.addAnnotatedClass( entity );
		}
		return configuration;
	}

	/**
	 * Settings that turn the partition directory on, with its tables (and the {@code @ShardedId} node lease) in a control
	 * database of its own.
	 */
	public static Map<String, String> controlDatabase(org.hibernate.shards.test.ShardDatabase control) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put( "hibernate.shards.directory.enabled", "true" );
		properties.put( "hibernate.shards.directory.url", control.jdbcUrl() );
		properties.put( "hibernate.shards.directory.username", control.username() );
		properties.put( "hibernate.shards.directory.password", control.password() );
		return properties;
	}

	/** Persists an entity in a session and transaction of its own. */
	public static <T> T persist(ShardedSessionFactory factory, T entity) {
		try ( org.hibernate.shards.ShardedSession session = factory.openSession() ) {
			session.inTransaction( tx -> session.persist( entity ) );
			return entity;
		}
	}

	/**
	 * A configuration of {@link #MODEL} and more entities over the shard databases, without schema tool
	 * ({@code hibernate.hbm2ddl.auto=none} unless overridden), the overrides applied last: a {@code null} value removes
	 * the setting. For tests of configurations that must be refused.
	 */
	public static ShardedConfiguration withOverrides(ShardDatabases dbs, Map<String, String> overrides, Class<?>... moreEntities) {
		Map<String, String> properties = new LinkedHashMap<>( dbs.hibernateProperties() );
		properties.put( "hibernate.hbm2ddl.auto", "none" );
		overrides.forEach( (name, value) -> {
			if ( value == null ) {
				properties.remove( name );
			}
			else {
				properties.put( name, value );
			}
		} );
		ShardedConfiguration configuration = new ShardedConfiguration();
		properties.forEach( configuration::setProperty );
		for ( Class<?> entity : MODEL ) {
			configuration.addAnnotatedClass( entity );
		}
		for ( Class<?> entity : moreEntities ) {
			configuration.addAnnotatedClass( entity );
		}
		return configuration;
	}

	/**
	 * Waits until a shard that answers again is used again: after a failure, requests to a shard fail fast until a
	 * background probe finds it (hibernate.shards.fail_fast_ms), which takes a moment after the server is back.
	 *
	 * @param use work that meets the shard, repeated until it no longer fails with ShardUnavailableException
	 */
	public static void awaitUsedAgain(Runnable use) {
		long deadline = System.currentTimeMillis() + 20_000;
		while ( true ) {
			try {
				use.run();
				return;
			}
			catch (org.hibernate.shards.ShardUnavailableException stillFailingFast) {
				if ( System.currentTimeMillis() > deadline ) {
					throw new AssertionError( "The shard answers again but was not used within 20 s: " + stillFailingFast.getMessage(),
							stillFailingFast );
				}
				try {
					Thread.sleep( 100 );
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					throw new AssertionError( "Interrupted", e );
				}
			}
		}
	}
}
