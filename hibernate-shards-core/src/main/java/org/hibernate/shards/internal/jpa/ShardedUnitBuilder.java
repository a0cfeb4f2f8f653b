package org.hibernate.shards.internal.jpa;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.persistence.PersistenceConfiguration;
import jakarta.persistence.spi.PersistenceUnitInfo;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.ShardingConfigurationException;
import org.hibernate.shards.cfg.ShardedConfiguration;

/**
 * Builds the sharded session factory of a JPA persistence unit, from the three forms JPA gives one in: a unit of a
 * {@code persistence.xml}, a container's {@link PersistenceUnitInfo}, a {@link PersistenceConfiguration}. The unit's
 * settings are read by {@link ShardedConfiguration}, the properties passed by the caller win over them, and the shards
 * come from {@code hibernate.shards.<n>.*} settings as always. What a sharded unit cannot honour is refused before
 * anything opens: JTA, and a data source (one data source cannot reach several shards).
 */
public final class ShardedUnitBuilder {
	private ShardedUnitBuilder() {
	}

	/** @return the factory of the class path's unit that asks for the provider, or {@code null} when there is none */
	public static ShardedSessionFactory fromPersistenceXml(String providerClassName, String unitName, Map<?, ?> integration) {
		return PersistenceXmlUnits.requesting( providerClassName, unitName, integration )
				.map( located -> {
					requireShardable( located.unit().getName(), located.unit().getPersistenceUnitTransactionType(),
							located.unit().getJtaDataSource(), located.unit().getNonJtaDataSource() );
					return new ShardedConfiguration()
							.configurePersistenceUnit( located.persistenceXml(), located.unit().getName() )
							.setProperties( settings( integration ) )
							.buildShardedSessionFactory();
				} )
				.orElse( null );
	}

	/**
	 * A unit a container describes. It is built with the unit's class loader as the thread's context class loader, so
	 * that Hibernate, key functions and extensions are looked for where the unit's classes are.
	 */
	public static ShardedSessionFactory fromUnitInfo(PersistenceUnitInfo info, Map<?, ?> integration) {
		requireShardable( info.getPersistenceUnitName(), info.getTransactionType(), info.getJtaDataSource(), info.getNonJtaDataSource() );
		return withContextClassLoader( info.getClassLoader(), () -> new ShardedConfiguration()
				.configurePersistenceUnit( info )
				.setProperties( settings( integration ) )
				.buildShardedSessionFactory() );
	}

	/** A unit described in code ({@code new PersistenceConfiguration("unit")…}). */
	public static ShardedSessionFactory fromConfiguration(PersistenceConfiguration unit) {
		requireShardable( unit.name(), unit.transactionType(), unit.jtaDataSource(), unit.nonJtaDataSource() );
		if ( !unit.mappingFiles().isEmpty() ) {
			throw new ShardingConfigurationException( "Persistence unit '" + unit.name() + "' lists mapping files " + unit.mappingFiles()
					+ ", which a sharded PersistenceConfiguration does not read: map the entities with managedClass(…), or list the files "
					+ "in a persistence.xml" );
		}
		ShardedConfiguration configuration = new ShardedConfiguration().setProperties( unit.properties() );
		unit.managedClasses().forEach( configuration::addAnnotatedClass );
		return configuration.buildShardedSessionFactory();
	}

	private static void requireShardable(String unitName, Enum<?> transactionType, Object jtaDataSource, Object nonJtaDataSource) {
		if ( transactionType != null && transactionType.name().equals( "JTA" ) ) {
			throw new ShardingConfigurationException( "Persistence unit '" + unitName + "' asks for JTA transactions, which a sharded "
					+ "unit does not join: declare it RESOURCE_LOCAL; the EntityManager's getTransaction() spans the shards it touched" );
		}
		Object dataSource = jtaDataSource != null ? jtaDataSource : nonJtaDataSource;
		if ( dataSource != null ) {
			throw new ShardingConfigurationException( "Persistence unit '" + unitName + "' names the data source " + dataSource
					+ ", but one data source cannot reach several shards: remove it and list the shards as "
					+ "hibernate.shards.<n>.connection.url (with .username and .password), each pooled by the library" );
		}
	}

	/** The caller's properties with string keys, as Hibernate's provider takes them; they win over the unit's. */
	private static Map<String, Object> settings(Map<?, ?> integration) {
		Map<String, Object> settings = new LinkedHashMap<>();
		if ( integration != null ) {
			integration.forEach( (key, value) -> {
				if ( key instanceof String name ) {
					settings.put( name, value );
				}
			} );
		}
		return settings;
	}

	private static <T> T withContextClassLoader(ClassLoader loader, Supplier<T> work) {
		if ( loader == null ) {
			return work.get();
		}
		Thread thread = Thread.currentThread();
		ClassLoader previous = thread.getContextClassLoader();
		thread.setContextClassLoader( loader );
		try {
			return work.get();
		}
		finally {
			thread.setContextClassLoader( previous );
		}
	}
}
