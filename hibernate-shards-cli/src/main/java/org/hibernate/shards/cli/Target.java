package org.hibernate.shards.cli;


import java.io.IOException;
import java.io.Reader;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.ShardingConfigurationException;
import org.hibernate.shards.cfg.ShardedConfiguration;
import org.hibernate.shards.demo.DemoDatabases;

import picocli.CommandLine.Option;

/**
 * Where the application's shards are: its {@code hibernate.cfg.xml} and/or a properties file, with its entity classes
 * on {@code --class-path}; or, given none, the demo's embedded databases. The factory is built exactly as the
 * application builds it, so the command sees what the application sees.
 */
final class Target {
	@Option(names = "--config", paramLabel = "FILE", description = "the application's hibernate.cfg.xml (its settings and <mapping> classes)")
	Path config;

	@Option(names = "--persistence-xml", paramLabel = "FILE", description = "the application's persistence.xml (its unit's properties and <class> entries)")
	Path persistenceXml;

	@Option(names = "--unit", paramLabel = "NAME", description = "the persistence unit of --persistence-xml (needed when it declares several)")
	String unit;

	@Option(names = "--properties", paramLabel = "FILE", description = "a properties file of settings, added to those of --config (and winning over them)")
	Path properties;

	@Option(names = { "-s", "--set" }, paramLabel = "NAME=VALUE", description = "one setting, winning over both files")
	Map<String, String> settings = new LinkedHashMap<>();

	@Option(names = "--mapping", paramLabel = "CLASS", description = "an entity class to map, besides those --config names")
	List<String> entities = new ArrayList<>();

	@Option(names = "--class-path", paramLabel = "PATH", split = "[:;]", splitSynopsisLabel = ":",
			description = "jars or directories holding the application's entity classes")
	List<Path> classPath = new ArrayList<>();

	@Option(names = "--demo-dir", paramLabel = "DIR", defaultValue = "target/shards-demo",
			description = "without --config, --persistence-xml or --properties: where the demo's embedded databases are kept (default: ${DEFAULT-VALUE}); "
					+ "created with " + DemoDatabases.USERS + " users on first use")
	Path demoDir;

	/** @return whether the demo's databases are the target */
	boolean isDemo() {
		return config == null && properties == null && persistenceXml == null;
	}

	private ClassLoader application;

	/** @return the class loader of the application's classes and resources: --class-path over the command's own */
	ClassLoader classLoader() {
		if ( application == null ) {
			application = applicationClassLoader( Thread.currentThread().getContextClassLoader() );
		}
		return application;
	}

	/** Builds the application's factory, with {@code overrides} winning over every other setting. */
	ShardedSessionFactory open(Map<String, String> overrides) {
		ClassLoader previous = Thread.currentThread().getContextClassLoader();
		ClassLoader application = classLoader();
		Thread.currentThread().setContextClassLoader( application );
		try {
			if ( isDemo() ) {
				// The demo's databases always open with a schema update, the one override a command asks for.
				if ( !settings.isEmpty() || !entities.isEmpty() ) {
					throw new ShardingConfigurationException( "--set and --mapping apply to an application's configuration: give --config, --persistence-xml or --properties" );
				}
				return DemoDatabases.open( demoDir );
			}
			ShardedConfiguration configuration = new ShardedConfiguration();
			if ( config != null ) {
				configuration.configure( config.toFile() );
			}
			if ( persistenceXml != null ) {
				if ( !Files.isRegularFile( persistenceXml ) ) {
					throw new ShardingConfigurationException( "--persistence-xml names '" + persistenceXml + "', which is not a file" );
				}
				try {
					configuration.configurePersistenceUnit( persistenceXml.toUri().toURL(), unit );
				}
				catch (MalformedURLException e) {
					throw new ShardingConfigurationException( "--persistence-xml names '" + persistenceXml + "', which is not a usable path", e );
				}
			}
			if ( properties != null ) {
				configuration.setProperties( read( properties ) );
			}
			configuration.setProperties( settings );
			configuration.setProperties( overrides );
			for ( String entity : entities ) {
				configuration.addAnnotatedClass( load( application, entity ) );
			}
			return configuration.buildShardedSessionFactory();
		}
		finally {
			Thread.currentThread().setContextClassLoader( previous );
		}
	}

	private ClassLoader applicationClassLoader(ClassLoader parent) {
		if ( classPath.isEmpty() ) {
			return parent;
		}
		List<URL> urls = new ArrayList<>();
		for ( Path path : classPath ) {
			if ( !Files.exists( path ) ) {
				throw new ShardingConfigurationException( "--class-path names '" + path + "', which does not exist" );
			}
			try {
				urls.add( path.toUri().toURL() );
			}
			catch (MalformedURLException e) {
				throw new ShardingConfigurationException( "--class-path names '" + path + "', which is not a usable path", e );
			}
		}
		return new URLClassLoader( urls.toArray( URL[]::new ), parent );
	}

	private static Class<?> load(ClassLoader loader, String name) {
		try {
			return Class.forName( name, true, loader );
		}
		catch (ClassNotFoundException e) {
			throw new ShardingConfigurationException( "--mapping " + name + ": no such class on the class path (add its jar or directory "
					+ "with --class-path)", e );
		}
	}

	private static Map<String, String> read(Path file) {
		Properties read = new Properties();
		try ( Reader reader = Files.newBufferedReader( file ) ) {
			read.load( reader );
		}
		catch (IOException e) {
			throw new ShardingConfigurationException( "Cannot read the properties file '" + file + "': " + e.getMessage(), e );
		}
		Map<String, String> settings = new LinkedHashMap<>();
		read.stringPropertyNames().forEach( name -> settings.put( name, read.getProperty( name ) ) );
		return settings;
	}

	@Override
	public String toString() {
		if ( isDemo() ) {
			return "the demo's databases in " + demoDir;
		}
		List<String> sources = new ArrayList<>();
		for ( Path source : new Path[] { config, persistenceXml, properties } ) {
			if ( source != null ) {
				sources.add( source.toString() );
			}
		}
		return String.join( " + ", sources );
	}

}
