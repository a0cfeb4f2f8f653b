package org.hibernate.shards.cfg;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hibernate.boot.cfgxml.internal.ConfigLoader;
import org.hibernate.boot.cfgxml.spi.LoadedConfig;
import org.hibernate.boot.cfgxml.spi.MappingReference;
import org.hibernate.boot.registry.BootstrapServiceRegistry;
import org.hibernate.boot.registry.BootstrapServiceRegistryBuilder;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.ShardingConfigurationException;
import org.hibernate.shards.internal.boot.ShardedSessionFactoryBuilder;

/**
 * Configures a {@link ShardedSessionFactory}, the way {@link org.hibernate.cfg.Configuration} configures a plain one.
 * <pre>{@code
 * ShardedSessionFactory factory = new ShardedConfiguration()
 *         .configure()                       // hibernate.cfg.xml: shared settings, shards, <mapping class=…/>
 *         .addAnnotatedClass( User.class )
 *         .buildShardedSessionFactory();
 * }</pre>
 * Shards are listed as properties: {@code hibernate.shards.0.connection.url}, {@code hibernate.shards.1.connection.url},
 * … with {@code .username} and {@code .password}; see {@link ShardedSettings} for every setting. Settings made with
 * {@link #setProperty} win over those read from XML. Not thread-safe; build the factory once.
 */
public class ShardedConfiguration {
	private final Map<String, Object> settings = new LinkedHashMap<>();
	private final Map<String, Object> explicit = new LinkedHashMap<>();
	private final List<Class<?>> annotatedClasses = new ArrayList<>();
	private final List<MappingReference> mappingReferences = new ArrayList<>();

	/** Reads {@code hibernate.cfg.xml} from the class path. */
	public ShardedConfiguration configure() {
		return configure( "hibernate.cfg.xml" );
	}

	/**
	 * Reads a Hibernate configuration file from the class path: its properties and its {@code <mapping>} elements.
	 *
	 * @throws ShardingConfigurationException when the resource is missing or invalid
	 */
	public ShardedConfiguration configure(String resource) {
		return load( resource, loader -> loader.loadConfigXmlResource( resource ) );
	}

	/**
	 * Reads a Hibernate configuration file: its properties and its {@code <mapping>} elements.
	 *
	 * @throws ShardingConfigurationException when the file is missing or invalid
	 */
	public ShardedConfiguration configure(java.io.File file) {
		if ( !file.isFile() ) {
			throw new ShardingConfigurationException( "Cannot read the configuration '" + file + "': there is no such file" );
		}
		return load( file.toString(), loader -> loader.loadConfigXmlFile( file ) );
	}

	/**
	 * Reads a persistence unit of a {@code persistence.xml}: its properties, the entity classes it lists with
	 * {@code <class>} (loaded with the thread's context class loader) and its {@code <mapping-file>} resources.
	 *
	 * @param unitName the unit's name, or {@code null} when the file declares exactly one
	 * @throws ShardingConfigurationException when the file or unit is missing or invalid, or a listed class is not found
	 */
	public ShardedConfiguration configurePersistenceUnit(java.net.URL persistenceXml, String unitName) {
		java.util.Map<String, org.hibernate.jpa.boot.spi.PersistenceUnitDescriptor> units;
		try {
			units = org.hibernate.jpa.boot.spi.PersistenceXmlParser.create().parse( List.of( persistenceXml ) );
		}
		catch (RuntimeException e) {
			throw new ShardingConfigurationException( "Cannot read " + persistenceXml + ": " + e.getMessage(), e );
		}
		org.hibernate.jpa.boot.spi.PersistenceUnitDescriptor unit;
		if ( unitName == null ) {
			if ( units.size() != 1 ) {
				throw new ShardingConfigurationException( persistenceXml + " declares the persistence units " + new java.util.TreeSet<>( units.keySet() )
						+ ": name one" );
			}
			unit = units.values().iterator().next();
		}
		else {
			unit = units.get( unitName );
			if ( unit == null ) {
				throw new ShardingConfigurationException( persistenceXml + " has no persistence unit '" + unitName + "' (it declares "
						+ new java.util.TreeSet<>( units.keySet() ) + ")" );
			}
		}
		return applyUnit( unit.getName(), unit.getProperties(), unit.getManagedClassNames(), unit.getMappingFileNames(),
				Thread.currentThread().getContextClassLoader() );
	}

	/**
	 * Reads a persistence unit a container (or Spring) describes: its properties, its managed classes, loaded with the
	 * unit's class loader, and its mapping files. Classes found only by scanning the unit's jar are not mapped: list them.
	 *
	 * @throws ShardingConfigurationException when a listed class is not found
	 */
	public ShardedConfiguration configurePersistenceUnit(jakarta.persistence.spi.PersistenceUnitInfo unit) {
		ClassLoader loader = unit.getClassLoader() != null ? unit.getClassLoader() : Thread.currentThread().getContextClassLoader();
		java.util.Properties properties = unit.getProperties() != null ? unit.getProperties() : new java.util.Properties();
		return applyUnit( unit.getPersistenceUnitName(), properties, unit.getManagedClassNames(), unit.getMappingFileNames(), loader );
	}

	private ShardedConfiguration applyUnit(String unitName, java.util.Properties properties, List<String> classNames,
			List<String> mappingFiles, ClassLoader loader) {
		properties.forEach( (name, value) -> settings.put( name.toString(), value ) );
		mappingFiles.forEach( file -> mappingReferences.add( new MappingReference( MappingReference.Type.RESOURCE, file ) ) );
		for ( String className : classNames ) {
			try {
				annotatedClasses.add( Class.forName( className, true, loader ) );
			}
			catch (ClassNotFoundException e) {
				throw new ShardingConfigurationException( "Persistence unit '" + unitName + "' lists the class " + className
						+ ", which is not on the class path", e );
			}
		}
		return this;
	}

	private ShardedConfiguration load(String name, java.util.function.Function<ConfigLoader, LoadedConfig> read) {
		BootstrapServiceRegistry registry = new BootstrapServiceRegistryBuilder().build();
		try {
			LoadedConfig loaded = read.apply( new ConfigLoader( registry ) );
			settings.putAll( loaded.getConfigurationValues() );
			mappingReferences.addAll( loaded.getMappingReferences() );
		}
		catch (RuntimeException e) {
			throw new ShardingConfigurationException( "Cannot read the configuration '" + name + "': " + e.getMessage(), e );
		}
		finally {
			registry.close();
		}
		return this;
	}

	/** Sets one setting, shared by all shards unless it is a {@code hibernate.shards.<n>.*} setting. */
	public ShardedConfiguration setProperty(String name, String value) {
		explicit.put( name, value );
		return this;
	}

	/**
	 * Adds every setting of the map, as {@link #setProperty} does. A value that is not a string (a JPA integration
	 * object, say) is kept as it is.
	 */
	public ShardedConfiguration setProperties(Map<String, ?> properties) {
		explicit.putAll( properties );
		return this;
	}

	/**
	 * Publishes the factory's meters, and its pools', to a Micrometer registry; see docs/observability.md. Typed
	 * {@code Object}, as HikariCP's {@code setMetricRegistry} is, so that applications without Micrometer do not need it
	 * on their class path: the type is checked when the factory is built. The same as the setting
	 * {@link ShardedSettings#METRICS_REGISTRY} with the registry object as its value.
	 *
	 * @param meterRegistry an {@code io.micrometer.core.instrument.MeterRegistry}, or {@code null} to measure nothing
	 */
	public ShardedConfiguration setMeterRegistry(Object meterRegistry) {
		if ( meterRegistry == null ) {
			explicit.remove( ShardedSettings.METRICS_REGISTRY );
		}
		else {
			explicit.put( ShardedSettings.METRICS_REGISTRY, meterRegistry );
		}
		return this;
	}

	/** @return the setting as it stands now, or {@code null} */
	public String getProperty(String name) {
		Object value = explicit.containsKey( name ) ? explicit.get( name ) : settings.get( name );
		return value == null ? null : value.toString();
	}

	/** Maps an annotated entity class on every shard. */
	public ShardedConfiguration addAnnotatedClass(Class<?> annotatedClass) {
		annotatedClasses.add( annotatedClass );
		return this;
	}

	/**
	 * Validates the configuration, then opens a pool and a session factory per physical shard. An unknown
	 * {@code hibernate.shards.*} setting is refused, with the closest valid name, before any connection opens.
	 *
	 * @throws ShardingConfigurationException naming the property and value at fault; nothing is left open
	 */
	public ShardedSessionFactory buildShardedSessionFactory() {
		Map<String, Object> all = new LinkedHashMap<>( settings );
		all.putAll( explicit );
		return ShardedSessionFactoryBuilder.build( all, List.copyOf( annotatedClasses ), List.copyOf( mappingReferences ) );
	}
}
