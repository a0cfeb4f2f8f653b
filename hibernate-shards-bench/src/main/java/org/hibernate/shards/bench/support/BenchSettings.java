package org.hibernate.shards.bench.support;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Where the benchmark databases are, written by the runner once its MariaDB servers are up and read by every JMH fork
 * and boot probe (they are separate JVMs): the system property {@code bench.settings} names the file.
 *
 * @param shardUrls the 4 shard databases (one per server), each holding the sharded tables and ShardingSphere's
 * @param plainUrl the extra database on the first server, for plain Hibernate
 * @param singleShardUrl another database on the first server: a sharded factory with 1 physical shard, the control that
 *        isolates the library's own cost from the cost of spreading work over 4 servers
 * @param bootUrls 16 empty databases, 4 per server, for the boot benchmark
 * @param hibernate the settings every Hibernate factory gets (dialect and version for MariaDB), as the tests use
 */
public record BenchSettings(List<String> shardUrls, String plainUrl, String singleShardUrl, List<String> bootUrls, String username, String password,
		Map<String, String> hibernate) {

	public static final String PROPERTY = "bench.settings";

	public static BenchSettings load() {
		String file = System.getProperty( PROPERTY );
		if ( file == null ) {
			throw new IllegalStateException( "-D" + PROPERTY + " is not set: run the benchmarks through BenchmarkRunner" );
		}
		Properties properties = new Properties();
		try ( Reader reader = Files.newBufferedReader( Paths.get( file ), StandardCharsets.UTF_8 ) ) {
			properties.load( reader );
		}
		catch (IOException e) {
			throw new UncheckedIOException( e );
		}
		Map<String, String> hibernate = new LinkedHashMap<>();
		properties.stringPropertyNames().stream().filter( n -> n.startsWith( "hibernate." ) || n.startsWith( "jakarta." ) ).sorted()
				.forEach( n -> hibernate.put( n, properties.getProperty( n ) ) );
		return new BenchSettings( list( properties, "shard" ), properties.getProperty( "plain.url" ), properties.getProperty( "single.url" ), list( properties, "boot" ),
				properties.getProperty( "username" ), properties.getProperty( "password", "" ), hibernate );
	}

	private static List<String> list(Properties properties, String prefix) {
		List<String> urls = new ArrayList<>();
		for ( int i = 0; properties.getProperty( prefix + "." + i + ".url" ) != null; i++ ) {
			urls.add( properties.getProperty( prefix + "." + i + ".url" ) );
		}
		return urls;
	}

	public void save(Path file) {
		Properties properties = new Properties();
		for ( int i = 0; i < shardUrls.size(); i++ ) {
			properties.setProperty( "shard." + i + ".url", shardUrls.get( i ) );
		}
		for ( int i = 0; i < bootUrls.size(); i++ ) {
			properties.setProperty( "boot." + i + ".url", bootUrls.get( i ) );
		}
		properties.setProperty( "plain.url", plainUrl );
		properties.setProperty( "single.url", singleShardUrl );
		properties.setProperty( "username", username );
		properties.setProperty( "password", password );
		hibernate.forEach( properties::setProperty );
		try ( Writer writer = Files.newBufferedWriter( file, StandardCharsets.UTF_8 ) ) {
			properties.store( writer, "hibernate-shards benchmark databases" );
		}
		catch (IOException e) {
			throw new UncheckedIOException( e );
		}
	}
}
