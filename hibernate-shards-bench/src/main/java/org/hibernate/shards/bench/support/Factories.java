package org.hibernate.shards.bench.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.apache.shardingsphere.driver.api.yaml.YamlShardingSphereDataSourceFactory;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.cfg.ShardedConfiguration;
import org.hibernate.shards.cfg.ShardedSettings;

/**
 * Builds the factories under test, configured alike: the same Connector/J URLs (with {@code rewriteBatchedStatements}),
 * the same Hibernate settings, HikariCP pools with the same (default) sizes. Nothing is tuned for one side only.
 */
public final class Factories {
	private Factories() {
	}

	/**
	 * @param access {@code sequential} or {@code parallel}
	 * @param extra more Hibernate settings (e.g. the JDBC batch size), applied to every shard
	 */
	public static ShardedSessionFactory sharded(BenchSettings settings, List<String> urls, String access, Map<String, String> extra,
			Class<?>... entities) {
		ShardedConfiguration configuration = new ShardedConfiguration();
		for ( int i = 0; i < urls.size(); i++ ) {
			configuration.setProperty( "hibernate.shards." + i + ".connection.url", urls.get( i ) );
			configuration.setProperty( "hibernate.shards." + i + ".connection.username", settings.username() );
			configuration.setProperty( "hibernate.shards." + i + ".connection.password", settings.password() );
		}
		configuration.setProperties( settings.hibernate() );
		configuration.setProperty( ShardedSettings.ACCESS_STRATEGY, access );
		configuration.setProperties( extra );
		for ( Class<?> entity : entities ) {
			configuration.addAnnotatedClass( entity );
		}
		return configuration.buildShardedSessionFactory();
	}

	/** A HikariCP pool with HikariCP's defaults (10 connections), like each shard's pool. */
	public static HikariDataSource pool(BenchSettings settings, String url, String name) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl( url );
		config.setUsername( settings.username() );
		config.setPassword( settings.password() );
		config.setPoolName( name );
		return new HikariDataSource( config );
	}

	/** Plain Hibernate over one data source; the caller closes the data source after the factory. */
	public static SessionFactory plain(BenchSettings settings, DataSource dataSource, Map<String, String> extra, Class<?>... entities) {
		Map<String, Object> hibernate = new HashMap<>( settings.hibernate() );
		hibernate.putAll( extra );
		hibernate.put( AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource );
		StandardServiceRegistry registry = new StandardServiceRegistryBuilder().applySettings( hibernate ).build();
		try {
			MetadataSources sources = new MetadataSources( registry );
			for ( Class<?> entity : entities ) {
				sources.addAnnotatedClass( entity );
			}
			return sources.buildMetadata().buildSessionFactory();
		}
		catch (RuntimeException e) {
			StandardServiceRegistryBuilder.destroy( registry );
			throw e;
		}
	}

	/**
	 * ShardingSphere-JDBC configured the way its users usually do: a YAML file listing the data sources (HikariCP) and
	 * the sharding rules, each logical table spread over {@code ds_0..ds_3} by {@code ds_${id % 4}}.
	 */
	public static DataSource shardingSphere(BenchSettings settings) {
		quietAntlrVersionWarnings();
		StringBuilder yaml = new StringBuilder( "databaseName: bench\nmode:\n  type: Standalone\n  repository:\n    type: JDBC\n" );
		yaml.append( "dataSources:\n" );
		List<String> urls = settings.shardUrls();
		for ( int i = 0; i < urls.size(); i++ ) {
			yaml.append( "  ds_" ).append( i ).append( ":\n" )
					.append( "    dataSourceClassName: com.zaxxer.hikari.HikariDataSource\n" )
					.append( "    driverClassName: com.mysql.cj.jdbc.Driver\n" )
					.append( "    jdbcUrl: " ).append( urls.get( i ) ).append( '\n' )
					.append( "    username: " ).append( settings.username() ).append( '\n' )
					.append( "    password: '" ).append( settings.password() ).append( "'\n" );
		}
		yaml.append( "rules:\n- !SHARDING\n  tables:\n" );
		for ( String table : List.of( "sphere_customer", "sphere_post", "sphere_bulk_row" ) ) {
			yaml.append( "    " ).append( table ).append( ":\n" )
					.append( "      actualDataNodes: ds_${0.." ).append( urls.size() - 1 ).append( "}." ).append( table ).append( '\n' )
					.append( "      databaseStrategy:\n        standard:\n          shardingColumn: id\n" )
					.append( "          shardingAlgorithmName: id_mod\n" );
		}
		yaml.append( "  shardingAlgorithms:\n    id_mod:\n      type: INLINE\n      props:\n" )
				.append( "        algorithm-expression: ds_${id % " ).append( urls.size() ).append( "}\n" );
		yaml.append( "props:\n  sql-show: false\n" );
		try {
			return YamlShardingSphereDataSourceFactory.createDataSource( yaml.toString().getBytes( StandardCharsets.UTF_8 ) );
		}
		catch (SQLException | IOException e) {
			throw new IllegalStateException( "ShardingSphere-JDBC did not start: " + e.getMessage() + "\n" + yaml, e );
		}
	}

	/**
	 * ShardingSphere's SQL parsers were generated with ANTLR 4.10.1; Hibernate 7 needs the ANTLR 4.13 runtime, so that is the
	 * one on the class path (the serialized grammars are compatible). ANTLR says so on {@code System.err} once per parser;
	 * those lines are dropped so that the run's console stays readable. Nothing else is filtered.
	 */
	private static synchronized void quietAntlrVersionWarnings() {
		if ( System.err instanceof AntlrFilter ) {
			return;
		}
		System.setErr( new AntlrFilter( System.err ) );
	}

	private static final class AntlrFilter extends java.io.PrintStream {
		AntlrFilter(java.io.PrintStream target) {
			super( target, true );
		}

		private static boolean isAntlrVersionWarning(String text) {
			return text != null && text.startsWith( "ANTLR " ) && text.contains( "does not match the current runtime version" );
		}

		@Override
		public void println(String line) {
			if ( !isAntlrVersionWarning( line ) ) {
				super.println( line );
			}
		}

		@Override
		public java.io.PrintStream format(String format, Object... args) {
			return isAntlrVersionWarning( format ) ? this : super.format( format, args );
		}

		@Override
		public java.io.PrintStream format(java.util.Locale locale, String format, Object... args) {
			return isAntlrVersionWarning( format ) ? this : super.format( locale, format, args );
		}
	}

	/** Hibernate over ShardingSphere-JDBC's data source: the same settings as plain Hibernate. */
	public static SessionFactory onShardingSphere(BenchSettings settings, DataSource shardingSphere, Map<String, String> extra,
			Class<?>... entities) {
		return plain( settings, shardingSphere, extra, entities );
	}

	public static Map<String, String> batchSettings(int batchSize) {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put( AvailableSettings.STATEMENT_BATCH_SIZE, Integer.toString( batchSize ) );
		return settings;
	}

	public static void close(AutoCloseable... closeables) {
		for ( AutoCloseable closeable : closeables ) {
			if ( closeable != null ) {
				try {
					closeable.close();
				}
				catch (Exception e) {
					System.err.println( "Closing " + closeable + " failed: " + e );
				}
			}
		}
	}
}
