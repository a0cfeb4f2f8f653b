package org.hibernate.shards.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import org.hibernate.SessionFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.relational.SchemaManager;
import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.spi.ShardingExtensionContext;
import org.hibernate.shards.health.ShardsHealth;
import org.hibernate.shards.internal.failure.FailureKind;
import org.hibernate.shards.internal.failure.ShardFailures;
import org.hibernate.shards.internal.health.ShardProbes;
import org.hibernate.shards.internal.metrics.ShardMetrics;
import org.hibernate.shards.spi.PlacementStatus;
import org.hibernate.shards.internal.failure.TryAll;
import org.hibernate.shards.internal.id.IdNodeLease;
import org.hibernate.shards.internal.id.ShardedIdSequence;
import org.hibernate.shards.internal.routing.ShardRouter;
import org.hibernate.shards.internal.query.plan.QueryPlanCache;
import org.hibernate.shards.internal.session.ShardedSessionImpl;
import org.hibernate.shards.internal.session.ShardedSessionRuntime;
import org.hibernate.shards.internal.session.FenceListener;
import org.hibernate.shards.internal.session.WriteFences;
import org.hibernate.shards.spi.move.FenceTable;
import org.hibernate.shards.spi.move.PlacementRefresh;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sharded session factory: one real {@link SessionFactory} and one connection pool per physical shard, the
 * router shared by its sessions, and the id sequence. Sessions see it through {@link ShardedSessionRuntime}; the
 * {@link SessionFactory} methods that only pass through to shard 0 are in {@link SessionFactoryPassThrough}, those it
 * refuses in {@link UnsupportedSessionFactoryOperations}.
 */
public final class ShardedSessionFactoryImpl extends SessionFactoryPassThrough implements ShardedSessionRuntime {
	private static final Logger LOG = LoggerFactory.getLogger( ShardedSessionFactoryImpl.class );

	private volatile OpenShards shards;
	private final org.hibernate.shards.internal.boot.ShardOpener opener;
	private final ShardRouter router;
	private final ShardedIdSequence idSequence;
	private final IdNodeLease idNodeLease;
	private final boolean crossShardChecks;
	private final Map<String, Object> properties;
	private final boolean mySqlFamily;
	private final long deepPagingWarningRows;
	private final boolean partialResultsByDefault;
	private final QueryPlanCache queryPlans;
	private final Map<Class<?>, Object> extensions = new java.util.concurrent.ConcurrentHashMap<>();
	private final List<AutoCloseable> closeOnShutdown = new java.util.concurrent.CopyOnWriteArrayList<>();
	private volatile boolean closed;
	private volatile WriteFences writeFences;
	private volatile Runnable routingGuard = () -> { };
	private org.hibernate.shards.internal.move.MovableRows movableRows;
	private final ShardMetrics metrics;
	private final ShardProbes probes;

	public ShardedSessionFactoryImpl(SessionFactoryImplementor[] factories, HikariDataSource[] pools, String[] urls, ShardRouter router,
			ShardedIdSequence idSequence, IdNodeLease idNodeLease, org.hibernate.shards.internal.cfg.ShardsSettings settings,
			org.hibernate.shards.internal.boot.ShardOpener opener, ShardMetrics metrics) {
		this.shards = OpenShards.of( factories, pools, urls,
				settings.shards().stream().mapToDouble( org.hibernate.shards.internal.cfg.PhysicalShardSettings::capacityMb ).toArray() );
		this.opener = opener;
		this.router = router;
		this.idSequence = idSequence;
		this.idNodeLease = idNodeLease;
		this.crossShardChecks = settings.crossShardChecks();
		this.properties = settings.all();
		this.mySqlFamily = factories[0].getJdbcServices().getDialect() instanceof org.hibernate.dialect.MySQLDialect;
		this.partialResultsByDefault = settings.partialResultsByDefault();
		this.deepPagingWarningRows = settings.deepPagingWarningRows();
		this.queryPlans = QueryPlanCache.fromSettings( properties );
		this.metrics = metrics;
		this.probes = new ShardProbes( this::dataSource, java.time.Duration.ofMillis( settings.healthTimeoutMillis() ) );
	}

	// ---- what sessions need: ShardedSessionRuntime

	@Override
	public ShardedSessionFactory shardedFactory() {
		return this;
	}

	@Override
	public int shardCount() {
		return shards.count();
	}

	@Override
	public ShardRouter router() {
		return router;
	}

	@Override
	public RuntimeException failure(ShardId shard, RuntimeException failure) {
		if ( dataSource( shard ) instanceof org.hibernate.shards.internal.failure.FailFastDataSource failFast ) {
			failFast.failed( failure );
		}
		FailureKind kind = ShardFailures.kindOf( failure );
		if ( kind != null ) {
			metrics.failed( shard, kind );
		}
		return ShardFailures.translate( shard, shardUrl( shard ), failure );
	}

	@Override
	public ShardMetrics metrics() {
		return metrics;
	}

	/** @return where the shard's session factory takes its connections: the pool, behind the fail-fast circuit when it is on */
	private javax.sql.DataSource dataSource(ShardId shard) {
		org.hibernate.engine.jdbc.connections.spi.ConnectionProvider connections = sessionFactory( shard ).getServiceRegistry()
				.getService( org.hibernate.engine.jdbc.connections.spi.ConnectionProvider.class );
		return connections != null && connections.isUnwrappableAs( javax.sql.DataSource.class )
				? connections.unwrap( javax.sql.DataSource.class ) : pool( shard );
	}

	@Override
	public SessionFactoryImplementor sessionFactory(ShardId shard) {
		return shards.factories()[shard.getId()];
	}

	/** @return the connection pool of a physical shard */
	HikariDataSource pool(ShardId shard) {
		return shards.pools()[shard.getId()];
	}

	@Override
	public SessionFactoryImplementor firstSessionFactory() {
		return shards.factories()[0];
	}

	@Override
	public String shardUrl(ShardId shard) {
		return ShardFailures.safeUrl( shards.urls()[shard.getId()] );
	}

	@Override
	public ShardedIdSequence idSequence() {
		return idSequence;
	}

	@Override
	public boolean crossShardChecks() {
		return crossShardChecks;
	}

	@Override
	public boolean isMySqlFamily() {
		return mySqlFamily;
	}

	@Override
	public boolean partialResultsByDefault() {
		return partialResultsByDefault;
	}

	@Override
	public long deepPagingWarningRows() {
		return deepPagingWarningRows;
	}

	@Override
	public QueryPlanCache queryPlans() {
		return queryPlans;
	}

	@Override
	public WriteFences writeFences() {
		return writeFences;
	}

	/** Creates the fence table on every shard and makes every shard session pass the fences before it writes. */
	synchronized void enableWriteFences(int waitSeconds, PlacementRefresh refresh) {
		OpenShards open = shards;
		for ( int i = 0; i < open.count(); i++ ) {
			fence( ShardId.of( i ), open.pools()[i], open.factories()[i] );
		}
		org.hibernate.dialect.Dialect dialect = open.factories()[0].getJdbcServices().getDialect();
		FenceTable.Dialect fenceDialect = dialect instanceof org.hibernate.dialect.MariaDBDialect ? FenceTable.Dialect.MARIADB
				: dialect instanceof org.hibernate.dialect.MySQLDialect ? FenceTable.Dialect.MYSQL : FenceTable.Dialect.OTHER;
		this.writeFences = new WriteFences( fenceDialect, waitSeconds, refresh );
	}

	/** Gives one shard its fence rows, and makes its sessions pass the fences before they write. */
	private void fence(ShardId shard, HikariDataSource pool, SessionFactoryImplementor factory) {
		try ( java.sql.Connection connection = pool.getConnection() ) {
			FenceTable.create( connection, router.map().virtualShardCount() );
		}
		catch (java.sql.SQLException e) {
			String message = "Cannot create the write fences on " + shard + ": " + e.getMessage();
			if ( ShardFailures.isConnectionFailure( e ) ) {
				// Typed, naming the shard: writes must find their fence rows there, so the factory starts once it answers.
				throw new org.hibernate.shards.ShardUnavailableException( shard, message + ". Start the factory once " + shard + " ("
						+ shardUrl( shard ) + ") answers", e );
			}
			throw new org.hibernate.shards.ShardingException( message, e );
		}
		FenceListener listener = new FenceListener();
		EventListenerRegistry events = factory.getServiceRegistry().requireService( EventListenerRegistry.class );
		events.appendListeners( EventType.PRE_INSERT, listener );
		events.appendListeners( EventType.PRE_UPDATE, listener );
		events.appendListeners( EventType.PRE_DELETE, listener );
		events.appendListeners( EventType.PRE_UPSERT, listener );
		events.appendListeners( EventType.PRE_COLLECTION_RECREATE, listener );
		events.appendListeners( EventType.PRE_COLLECTION_UPDATE, listener );
		events.appendListeners( EventType.PRE_COLLECTION_REMOVE, listener );
	}

	/** Runs a check before every session is opened; see {@link org.hibernate.shards.spi.ShardingExtensionContext#setRoutingGuard}. */
	void setRoutingGuard(Runnable guard) {
		this.routingGuard = guard;
	}

	/** @return the capacity a shard declares, in MB, or 0 */
	double capacityMb(ShardId shard) {
		return shards.capacitiesMb()[shard.getId()];
	}

	/**
	 * Opens a physical shard added while the application runs, numbered next: its pool and session factory, its fences
	 * when fences are on, and the schema when asked; from then on the placement may put virtual shards on it. Opening a
	 * shard that is open already does nothing.
	 */
	synchronized void addShard(ShardId shard, String url, double capacityMb, boolean createSchema) {
		OpenShards open = shards;
		if ( shard.getId() < open.count() ) {
			return;
		}
		if ( shard.getId() > open.count() ) {
			throw new org.hibernate.shards.ShardingConfigurationException( "Shard " + shard.getId() + " cannot be opened before shard "
					+ open.count() + ": physical shards are numbered without gaps" );
		}
		checkOpen();
		org.hibernate.shards.internal.boot.ShardOpener.OpenedShard opened = opener.open( shard, url, capacityMb );
		try {
			if ( createSchema ) {
				opened.factory().getSchemaManager().exportMappedObjects( true );
			}
			if ( writeFences != null ) {
				fence( shard, opened.pool(), opened.factory() );
			}
		}
		catch (RuntimeException e) {
			TryAll.close( List.of( opened.factory(), opened.pool() ) );
			throw e;
		}
		shards = open.with( opened.factory(), opened.pool(), url, opened.settings().capacityMb() );
		router.replaceMap( router.map().withPhysicalShard( shard ) );
		LOG.info( "Opened {} ({}), added while running", shard, ShardFailures.safeUrl( url ) );
	}

	/** @return the rows of virtual shards, for moves; read from the mappings on first use */
	synchronized org.hibernate.shards.spi.move.VirtualShardRows virtualShardRows() {
		if ( movableRows == null ) {
			movableRows = new org.hibernate.shards.internal.move.MovableRows( firstSessionFactory(), router, this::pool );
		}
		return movableRows;
	}

	// ---- extensions

	@Override
	public <T> T getExtension(Class<T> type) {
		return type.cast( extensions.get( type ) );
	}

	/** What extensions see while the factory is built. */
	public ShardingExtensionContext extensionContext() {
		return new FactoryExtensionContext( this, router, properties, extensions, closeOnShutdown );
	}

	// ---- ShardedSessionFactory

	@Override
	public ShardedSession openSession() {
		checkOpen();
		routingGuard.run();
		return new ShardedSessionImpl( this );
	}

	@Override
	public Map<ShardId, SessionFactory> getSessionFactories() {
		return shards.factoryMap();
	}

	@Override
	public int getVirtualShardCount() {
		return router.map().virtualShardCount();
	}

	@Override
	public ShardId getShardIdForVirtualShard(int virtualShard) {
		return router.physicalShardOf( virtualShard );
	}

	/** Named on every shard's factory, each its own copy, so that a shard session finds it by name as well (query hints). */
	@Override
	public <T> void addNamedEntityGraph(String graphName, jakarta.persistence.EntityGraph<T> entityGraph) {
		for ( SessionFactoryImplementor factory : shards.factories() ) {
			factory.addNamedEntityGraph( graphName, org.hibernate.shards.internal.graph.EntityGraphCopy.onFactory( entityGraph, factory ) );
		}
	}

	@Override
	public Map<String, Object> getProperties() {
		return properties;
	}

	/** Probes every shard at once, each for at most the health timeout; reads the directory's state when it is on. */
	@Override
	public ShardsHealth health() {
		checkOpen();
		PlacementStatus placement = getExtension( PlacementStatus.class );
		return new ShardsHealth( probes.probe( router.map().physicalShards() ), placement == null ? null : placement.version(),
				placement == null ? null : placement.sinceRead() );
	}

	@Override
	public SchemaManager getSchemaManager() {
		return new ShardedSchemaManager( List.of( shards.factories() ).stream().map( SessionFactory::getSchemaManager ).toList() );
	}

	private void checkOpen() {
		if ( closed ) {
			throw new IllegalStateException( "EntityManagerFactory is closed" );
		}
	}

	/** Closes every shard's factory, the access strategy's threads, the id node lease and every pool; tries them all. */
	@Override
	public void close() {
		if ( closed ) {
			return;
		}
		closed = true;
		List<AutoCloseable> resources = new java.util.ArrayList<>( closeOnShutdown );
		OpenShards open = shards;
		resources.addAll( java.util.Arrays.asList( open.factories() ) );
		resources.add( router.strategy().access()::close );
		resources.add( probes );
		resources.add( idNodeLease::close );
		resources.addAll( java.util.Arrays.asList( open.pools() ) );
		try {
			TryAll.close( resources );
		}
		finally {
			LOG.info( "Closed sharded session factory over {} shards", open.count() );
		}
	}

	@Override
	public boolean isClosed() {
		return closed;
	}
}
