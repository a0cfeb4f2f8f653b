package org.hibernate.shards.internal.boot;


import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

import com.zaxxer.hikari.HikariDataSource;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.cfgxml.spi.MappingReference;
import org.hibernate.boot.registry.BootstrapServiceRegistryBuilder;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardingConfigurationException;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;
import org.hibernate.shards.cfg.ShardedSettings;
import org.hibernate.shards.internal.ShardedSessionFactoryImpl;
import org.hibernate.shards.internal.cfg.PhysicalShardSettings;
import org.hibernate.shards.internal.cfg.ShardsSettings;
import org.hibernate.shards.internal.id.IdNodeLease;
import org.hibernate.shards.internal.metrics.ShardMetrics;
import org.hibernate.shards.internal.id.ShardLeaseDatabase;
import org.hibernate.shards.internal.id.ShardedIdSequence;
import org.hibernate.shards.internal.routing.KeyFunctions;
import org.hibernate.shards.internal.routing.ShardRouter;
import org.hibernate.shards.internal.routing.ShardingAnnotations;
import org.hibernate.shards.internal.routing.ShardingMetamodel;
import org.hibernate.shards.internal.session.CrossShardCascadeListener;
import org.hibernate.shards.internal.failure.ShardFailures;
import org.hibernate.shards.internal.failure.TryAll;
import org.hibernate.shards.spi.IdLeaseDatabase;
import org.hibernate.shards.spi.ShardingExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a sharded session factory: per physical shard a pool, a service registry, metadata and a session factory
 * of its own (Hibernate binds metadata to one registry, hence to one connection source), then the router and the
 * id sequence. If anything fails, whatever was already opened is closed again.
 */
public final class ShardedSessionFactoryBuilder {
	private static final Logger LOG = LoggerFactory.getLogger( ShardedSessionFactoryBuilder.class );

	/** Connection settings that the shard's pool takes; Hibernate must not see them, or it would open its own connections. */
	private static final List<String> POOL_SETTINGS = List.of(
			AvailableSettings.URL, AvailableSettings.USER, AvailableSettings.PASS, AvailableSettings.DRIVER,
			AvailableSettings.POOL_SIZE, AvailableSettings.JAKARTA_JDBC_URL, AvailableSettings.JAKARTA_JDBC_USER,
			AvailableSettings.JAKARTA_JDBC_PASSWORD, AvailableSettings.JAKARTA_JDBC_DRIVER );

	private ShardedSessionFactoryBuilder() {
	}

	/**
	 * @param configured every setting, shared and per shard
	 * @throws org.hibernate.shards.ShardingConfigurationException before anything is opened, when a setting is unknown or invalid
	 */
	public static ShardedSessionFactoryImpl build(Map<String, Object> configured, List<Class<?>> annotatedClasses,
			List<MappingReference> mappingReferences) {
		long start = System.nanoTime();
		ClassLoader classLoader = Thread.currentThread().getContextClassLoader() != null
				? Thread.currentThread().getContextClassLoader() : ShardedSessionFactoryBuilder.class.getClassLoader();
		// Everything that settings alone decide is checked before a pool opens or a schema tool touches a shard.
		List<ShardingExtension> extensions = new java.util.ArrayList<>();
		ServiceLoader.load( ShardingExtension.class, classLoader ).forEach( extensions::add );
		ShardsSettings settings = ShardsSettings.of( configured, extensions );
		KeyFunctions keyFunctions = new KeyFunctions( classLoader );
		ShardingAnnotations.check( entityClasses( annotatedClasses, mappingReferences, classLoader ), settings.all(), keyFunctions );
		java.util.Optional<IdLeaseDatabase> leaseDatabase = idLeaseDatabase( extensions, settings.all() );
		List<PhysicalShardSettings> shards = settings.shards();
		HikariDataSource[] pools = new HikariDataSource[shards.size()];
		SessionFactoryImplementor[] factories = new SessionFactoryImplementor[shards.size()];
		IdNodeLease lease = null;
		ShardedSessionFactoryImpl built = null;
		ShardMetrics metrics = ShardMetrics.of( settings.meterRegistry(), shards.size() );
		ShardRouter router = new ShardRouter( settings.virtualShardMap(), settings.all(),
				context -> metrics.instrument( settings.strategyFactory().newShardStrategy( context ) ) );
		if ( settings.meterRegistry() != null ) {
			ShardPool.requireDistinctNames( shards );
		}
		try {
			for ( PhysicalShardSettings shard : shards ) {
				pools[shard.shardId().getId()] = ShardPool.create( shard, settings.meterRegistry() );
			}
			// Before any schema tool touches a shard: a shard set up with another layout must not be written to.
			boolean placementOwned = extensions.stream().anyMatch( extension -> extension.ownsPlacement( settings.all() ) );
			for ( PhysicalShardSettings shard : shards ) {
				ShardLayout.check( shard.shardId(), pools[shard.shardId().getId()], router.map(), placementOwned,
						ShardLayout.recreates( shard.settings() ), ShardedSettings.forShard( shard.shardId().getId(), AvailableSettings.URL ) );
			}
			buildFactories( shards, pools, factories, annotatedClasses, mappingReferences );
			router.attach( new ShardingMetamodel( factories[0], settings.all(), keyFunctions ) );
			lease = new IdNodeLease( leaseDatabase.orElseGet( () -> new ShardLeaseDatabase( ShardId.of( 0 ), pools[0] ) ),
					settings.idLeaseSeconds() );
			java.util.OptionalInt node = settings.idNode();
			IdNodeLease leaseForSequence = lease;
			IdNodeLease.Grant fixed = node.isPresent() ? IdNodeLease.Grant.fixed( node.getAsInt() ) : null;
			ShardedIdSequence sequence = new ShardedIdSequence( router.map().virtualShardCount(), System::currentTimeMillis,
					fixed != null ? now -> fixed : leaseForSequence::grant );
			String[] urls = shards.stream().map( PhysicalShardSettings::url ).toArray( String[]::new );
			ShardedSessionFactoryImpl factory = new ShardedSessionFactoryImpl( factories, pools, urls, router, sequence, lease, settings,
					new ShardOpener( settings, annotatedClasses, mappingReferences ), metrics );
			built = factory;
			for ( ShardingExtension extension : extensions ) {
				extension.contribute( factory.extensionContext() );
			}
			logSummary( settings, router, urls, ( System.nanoTime() - start ) / 1_000_000 );
			return factory;
		}
		catch (RuntimeException e) {
			if ( built != null ) {
				try {
					built.close();
				}
				catch (RuntimeException suppressed) {
					e.addSuppressed( suppressed );
				}
			}
			else {
				closeQuietly( factories, pools, lease, e );
				router.strategy().access().close();
			}
			throw e;
		}
	}

	/** @return the database an extension offers for the {@code @ShardedId} node lease; empty for shard 0 */
	private static java.util.Optional<IdLeaseDatabase> idLeaseDatabase(List<ShardingExtension> extensions, Map<String, Object> settings) {
		List<IdLeaseDatabase> offered = extensions.stream().flatMap( extension -> extension.idLeaseDatabase( settings ).stream() ).toList();
		if ( offered.size() > 1 ) {
			// Instances that leased in different databases could take the same node.
			throw new ShardingConfigurationException( "Several extensions offer a database for the @ShardedId node lease ("
					+ offered.stream().map( IdLeaseDatabase::name ).collect( Collectors.joining( ", " ) ) + "); keep one of them, or set "
					+ ShardedSettings.ID_NODE + " to a number unique to this application instance" );
		}
		return offered.stream().findFirst();
	}

	/** The entity classes given directly and those a configuration file names ({@code <mapping class="…"/>}). */
	private static List<Class<?>> entityClasses(List<Class<?>> annotatedClasses, List<MappingReference> mappingReferences,
			ClassLoader classLoader) {
		List<Class<?>> classes = new java.util.ArrayList<>( annotatedClasses );
		for ( MappingReference reference : mappingReferences ) {
			if ( reference.getType() == MappingReference.Type.CLASS ) {
				try {
					classes.add( Class.forName( reference.getReference(), false, classLoader ) );
				}
				catch (ClassNotFoundException e) {
					// Hibernate names the missing class when it maps it.
				}
			}
		}
		return classes;
	}

	/**
	 * Shard 0 first, on this thread (it loads Hibernate's classes), then the others side by side: each has its own
	 * registry, and booting is mostly CPU, so a few threads cut the time of many shards.
	 */
	private static void buildFactories(List<PhysicalShardSettings> shards, HikariDataSource[] pools, SessionFactoryImplementor[] factories,
			List<Class<?>> annotatedClasses, List<MappingReference> mappingReferences) {
		factories[0] = buildFactory( shards.get( 0 ), pools[0], annotatedClasses, mappingReferences );
		if ( shards.size() == 1 ) {
			return;
		}
		int threads = Math.min( shards.size() - 1, Math.max( 2, Runtime.getRuntime().availableProcessors() ) );
		java.util.concurrent.ExecutorService boot = java.util.concurrent.Executors.newFixedThreadPool( threads, runnable -> {
			Thread thread = new Thread( runnable, "hibernate-shards-boot" );
			thread.setDaemon( true );
			return thread;
		} );
		ClassLoader contextLoader = Thread.currentThread().getContextClassLoader();
		try {
			List<java.util.concurrent.Future<?>> pending = new java.util.ArrayList<>();
			for ( PhysicalShardSettings shard : shards.subList( 1, shards.size() ) ) {
				int n = shard.shardId().getId();
				pending.add( boot.submit( () -> {
					Thread.currentThread().setContextClassLoader( contextLoader );
					factories[n] = buildFactory( shard, pools[n], annotatedClasses, mappingReferences );
				} ) );
			}
			RuntimeException failure = null;
			for ( java.util.concurrent.Future<?> future : pending ) {
				try {
					future.get();
				}
				catch (java.util.concurrent.ExecutionException e) {
					RuntimeException cause = e.getCause() instanceof RuntimeException runtime ? runtime
							: new org.hibernate.shards.ShardingException( e.getCause().getMessage(), e.getCause() );
					if ( failure == null ) {
						failure = cause;
					}
					else {
						failure.addSuppressed( cause );
					}
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					throw new org.hibernate.shards.ShardingException( "Interrupted while building the shards' session factories", e );
				}
			}
			if ( failure != null ) {
				throw failure;
			}
		}
		finally {
			boot.shutdown();
		}
	}

	static SessionFactoryImplementor buildFactory(PhysicalShardSettings shard, HikariDataSource pool,
			List<Class<?>> annotatedClasses, List<MappingReference> mappingReferences) {
		Map<String, Object> hibernate = new HashMap<>( shard.settings() );
		POOL_SETTINGS.forEach( hibernate::remove );
		hibernate.keySet().removeIf( key -> key.startsWith( ShardedSettings.HIKARI_PREFIX ) );
		int failFast = shard.timeouts().failFastMillis();
		hibernate.put( AvailableSettings.JAKARTA_NON_JTA_DATASOURCE,
				failFast > 0 ? new org.hibernate.shards.internal.failure.FailFastDataSource( shard.shardId(), pool, failFast ) : pool );
		// A session-factory name would otherwise make Hibernate try to bind every shard's factory in JNDI.
		hibernate.put( AvailableSettings.SESSION_FACTORY_NAME_IS_JNDI, "false" );
		StandardServiceRegistry registry = new StandardServiceRegistryBuilder( new BootstrapServiceRegistryBuilder().build() )
				.applySettings( hibernate )
				.build();
		try {
			MetadataSources sources = new MetadataSources( registry );
			annotatedClasses.forEach( sources::addAnnotatedClass );
			mappingReferences.forEach( reference -> reference.apply( sources ) );
			org.hibernate.boot.spi.MetadataImplementor metadata = (org.hibernate.boot.spi.MetadataImplementor) sources.buildMetadata();
			HiddenCopies.define( metadata );
			SessionFactoryImplementor factory = (SessionFactoryImplementor) metadata.buildSessionFactory();
			// Ahead of Hibernate's own: a cascade that reaches another shard's entity is a cross-shard reference, not a detached entity.
			EventListenerRegistry events = factory.getServiceRegistry().requireService( EventListenerRegistry.class );
			CrossShardCascadeListener cascades = new CrossShardCascadeListener();
			events.prependListeners( EventType.PERSIST, cascades );
			events.prependListeners( EventType.PERSIST_ONFLUSH, cascades );
			return factory;
		}
		catch (RuntimeException e) {
			StandardServiceRegistryBuilder.destroy( registry );
			// Ours, wrapped by Hibernate (an id generator's constructor, say): the wrapper only hides which setting is at fault.
			for ( Throwable cause = e; cause != null && cause != cause.getCause(); cause = cause.getCause() ) {
				if ( cause instanceof org.hibernate.shards.ShardingConfigurationException configuration ) {
					throw configuration;
				}
			}
			// Hibernate's exception (a schema validation failure, say) keeps its type; the log says which shard it came from.
			LOG.error( "Building the session factory of {} ({}) failed: {}", shard.shardId(), ShardFailures.safeUrl( shard.url() ), e.getMessage() );
			throw ShardFailures.translate( shard.shardId(), ShardFailures.safeUrl( shard.url() ), e );
		}
	}

	/** Closes what was built before a failure; what fails to close is added to that failure, which is what the caller sees. */
	private static void closeQuietly(SessionFactory[] factories, HikariDataSource[] pools, IdNodeLease lease, RuntimeException failure) {
		List<AutoCloseable> built = new java.util.ArrayList<>( java.util.Arrays.asList( factories ) );
		built.add( lease );
		built.addAll( java.util.Arrays.asList( pools ) );
		try {
			TryAll.close( built );
		}
		catch (RuntimeException e) {
			failure.addSuppressed( e );
		}
	}

	private static void logSummary(ShardsSettings settings, ShardRouter router, String[] urls, long millis) {
		if ( LOG.isInfoEnabled() ) {
			String shards = java.util.stream.IntStream.range( 0, urls.length )
					.mapToObj( i -> i + "=" + ShardFailures.safeUrl( urls[i] ) )
					.collect( Collectors.joining( ", " ) );
			LOG.info( "Sharded session factory built in {} ms: {} physical shards [{}], {} virtual shards [{}], access {}, "
							+ "cross-shard checks {}", millis, urls.length, shards, router.map().virtualShardCount(), router.map(),
					router.strategy().access(), settings.crossShardChecks() ? "on" : "off" );
		}
	}

}
