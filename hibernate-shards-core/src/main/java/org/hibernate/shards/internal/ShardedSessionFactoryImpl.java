package org.hibernate.shards.internal;

import java.sql.Connection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import javax.naming.Reference;

import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityGraph;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceUnitTransactionType;
import jakarta.persistence.PersistenceUnitUtil;
import jakarta.persistence.Query;
import jakarta.persistence.SynchronizationType;
import jakarta.persistence.TypedQuery;
import jakarta.persistence.TypedQueryReference;
import jakarta.persistence.metamodel.Metamodel;
import org.hibernate.Cache;
import org.hibernate.Session;
import org.hibernate.SessionBuilder;
import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;
import org.hibernate.StatelessSessionBuilder;
import org.hibernate.boot.spi.SessionFactoryOptions;
import org.hibernate.engine.spi.FilterDefinition;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.graph.RootGraph;
import org.hibernate.query.criteria.HibernateCriteriaBuilder;
import org.hibernate.relational.SchemaManager;
import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.spi.ShardedSessionFactoryImplementor;
import org.hibernate.shards.spi.ShardingExtensionContext;
import org.hibernate.shards.internal.id.IdNodeLease;
import org.hibernate.shards.internal.id.ShardedIdSequence;
import org.hibernate.shards.internal.routing.ShardRouter;
import org.hibernate.shards.internal.session.ShardFailures;
import org.hibernate.shards.internal.session.ShardedSessionImpl;
import org.hibernate.stat.Statistics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sharded session factory: one real {@link SessionFactory} and one connection pool per physical shard, the
 * router shared by its sessions, and the id sequence. Metamodel-level questions (criteria builder, metamodel, fetch
 * profiles) are answered by shard 0's factory, since every shard has the same mappings.
 */
public final class ShardedSessionFactoryImpl implements ShardedSessionFactoryImplementor {
	private static final Logger LOG = LoggerFactory.getLogger( ShardedSessionFactoryImpl.class );

	private final SessionFactoryImplementor[] factories;
	private final HikariDataSource[] pools;
	private final String[] urls;
	private final Map<ShardId, SessionFactory> factoryMap;
	private final ShardRouter router;
	private final ShardedIdSequence idSequence;
	private final IdNodeLease idNodeLease;
	private final boolean crossShardChecks;
	private final Map<String, Object> properties;
	private final boolean mySqlFamily;
	private final long deepPagingWarningRows;
	private final boolean partialResultsByDefault;
	private final org.hibernate.shards.internal.query.plan.QueryPlanCache queryPlans;
	private final Map<Class<?>, Object> extensions = new java.util.concurrent.ConcurrentHashMap<>();
	private final List<AutoCloseable> closeOnShutdown = new java.util.concurrent.CopyOnWriteArrayList<>();
	private volatile boolean closed;

	public ShardedSessionFactoryImpl(SessionFactoryImplementor[] factories, HikariDataSource[] pools, String[] urls, ShardRouter router,
			ShardedIdSequence idSequence, IdNodeLease idNodeLease, org.hibernate.shards.internal.cfg.ShardsSettings settings) {
		this.factories = factories;
		this.pools = pools;
		this.urls = urls;
		this.router = router;
		this.idSequence = idSequence;
		this.idNodeLease = idNodeLease;
		this.crossShardChecks = settings.crossShardChecks();
		this.properties = settings.all();
		this.mySqlFamily = factories[0].getJdbcServices().getDialect() instanceof org.hibernate.dialect.MySQLDialect;
		this.partialResultsByDefault = settings.partialResultsByDefault();
		this.deepPagingWarningRows = settings.deepPagingWarningRows();
		this.queryPlans = org.hibernate.shards.internal.query.plan.QueryPlanCache.fromSettings( properties );
		Map<ShardId, SessionFactory> map = new LinkedHashMap<>();
		for ( int i = 0; i < factories.length; i++ ) {
			map.put( ShardId.of( i ), factories[i] );
		}
		this.factoryMap = Collections.unmodifiableMap( map );
	}

	// ---- what sessions need

	public int shardCount() {
		return factories.length;
	}

	public ShardRouter router() {
		return router;
	}

	public SessionFactoryImplementor sessionFactory(ShardId shard) {
		return factories[shard.getId()];
	}

	public SessionFactoryImplementor firstSessionFactory() {
		return factories[0];
	}

	/** @return the shard's JDBC URL with any password hidden, for messages */
	public String shardUrl(ShardId shard) {
		return ShardFailures.safeUrl( urls[shard.getId()] );
	}

	public ShardedIdSequence idSequence() {
		return idSequence;
	}

	public boolean crossShardChecks() {
		return crossShardChecks;
	}

	/**
	 * Whether the shards are MySQL or MariaDB: merges then compare strings by the database's collation keys
	 * ({@code WEIGHT_STRING}) and follow its AVG rounding, and result streams use Connector/J's streaming fetch size.
	 */
	public boolean isMySqlFamily() {
		return mySqlFamily;
	}

	public boolean partialResultsByDefault() {
		return partialResultsByDefault;
	}

	public long deepPagingWarningRows() {
		return deepPagingWarningRows;
	}

	/** The plans of this factory's HQL queries, shared by its sessions. */
	public org.hibernate.shards.internal.query.plan.QueryPlanCache queryPlans() {
		return queryPlans;
	}

	// ---- extensions

	@Override
	public <T> T getExtension(Class<T> type) {
		return type.cast( extensions.get( type ) );
	}

	/** What extensions see while the factory is built. */
	public ShardingExtensionContext extensionContext() {
		return new ShardingExtensionContext() {
			@Override
			public Map<String, Object> getSettings() {
				return properties;
			}

			@Override
			public List<ShardId> getShardIds() {
				return router.map().physicalShards();
			}

			@Override
			public javax.sql.DataSource getDataSource(ShardId shard) {
				return pools[shard.getId()];
			}

			@Override
			public int getVirtualShardCount() {
				return router.map().virtualShardCount();
			}

			@Override
			public List<ShardId> getVirtualShardPlacement() {
				List<ShardId> placement = new java.util.ArrayList<>();
				for ( int v = 0; v < getVirtualShardCount(); v++ ) {
					placement.add( router.physicalShardOf( v ) );
				}
				return placement;
			}

			@Override
			public void setVirtualShardPlacement(List<ShardId> physicalByVirtual) {
				router.replaceMap( org.hibernate.shards.internal.routing.VirtualShardMap.of( physicalByVirtual, router.map().physicalShards() ) );
			}

			@Override
			public void setPartitionLookup(org.hibernate.shards.spi.PartitionLookup lookup) {
				router.setPartitionLookup( lookup );
			}

			@Override
			public List<ShardedEntity> getShardedEntities() {
				List<ShardedEntity> entities = new java.util.ArrayList<>();
				for ( org.hibernate.shards.internal.routing.EntitySharding entity : router.metamodel().all() ) {
					if ( entity.hasKey() ) {
						Class<?> keyType = entity.keyIndex() < 0 ? entity.persister().getIdentifierType().getReturnedClass()
								: entity.persister().getPropertyTypes()[entity.keyIndex()].getReturnedClass();
						entities.add( new ShardedEntity( entity.entityName(), entity.jpaEntityName(), entity.keyName(), keyType,
								entity.functionText(), entity.function(),
								entity.keyKind() == org.hibernate.shards.internal.routing.EntitySharding.KeyKind.ASSOCIATION ) );
					}
				}
				return entities;
			}

			@Override
			public long countRowsOfVirtualShard(int virtualShard) {
				return VirtualShardRows.count( router, pools[router.physicalShardOf( virtualShard ).getId()], virtualShard );
			}

			@Override
			public long countRowsOfPartition(String entityName, Object partitionValue) {
				org.hibernate.shards.internal.routing.EntitySharding entity = router.metamodel().byEntityName( entityName );
				long count = 0;
				for ( SessionFactoryImplementor factory : factories ) {
					try ( org.hibernate.StatelessSession session = factory.openStatelessSession();
							java.util.stream.Stream<Object> keys = session.createSelectionQuery(
									"select e." + entity.keyName() + " from " + entityName + " e", Object.class ).getResultStream() ) {
						count += keys.filter( key -> partitionValue == null
								|| key != null && org.hibernate.shards.internal.routing.ShardKeyHash.canonicalText( partitionValue )
										.equals( org.hibernate.shards.internal.routing.ShardKeyHash.canonicalText( entity.partitionOf( key ) ) ) ).count();
					}
				}
				return count;
			}

			@Override
			public <T> void registerExtension(Class<T> type, T extension) {
				extensions.put( type, extension );
			}

			@Override
			public void closeOnShutdown(AutoCloseable resource) {
				closeOnShutdown.add( resource );
			}
		};
	}

	// ---- ShardedSessionFactory

	@Override
	public ShardedSession openSession() {
		checkOpen();
		return new ShardedSessionImpl( this );
	}

	@Override
	public Map<ShardId, SessionFactory> getSessionFactories() {
		return factoryMap;
	}

	@Override
	public int getVirtualShardCount() {
		return router.map().virtualShardCount();
	}

	@Override
	public ShardId getShardIdForVirtualShard(int virtualShard) {
		return router.physicalShardOf( virtualShard );
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
		RuntimeException first = null;
		for ( AutoCloseable resource : closeOnShutdown ) {
			first = attempt( first, () -> {
				try {
					resource.close();
				}
				catch (Exception e) {
					throw e instanceof RuntimeException runtime ? runtime : new org.hibernate.shards.ShardingException( e.getMessage(), e );
				}
			} );
		}
		for ( SessionFactoryImplementor factory : factories ) {
			first = attempt( first, factory::close );
		}
		first = attempt( first, router.strategy().access()::close );
		first = attempt( first, idNodeLease::close );
		for ( HikariDataSource pool : pools ) {
			first = attempt( first, pool::close );
		}
		LOG.info( "Closed sharded session factory over {} shards", factories.length );
		if ( first != null ) {
			throw first;
		}
	}

	private static RuntimeException attempt(RuntimeException first, Runnable action) {
		try {
			action.run();
			return first;
		}
		catch (RuntimeException e) {
			return first != null ? first : e;
		}
	}

	@Override
	public boolean isClosed() {
		return closed;
	}

	@Override
	public boolean isOpen() {
		return !closed;
	}

	// ---- sessions in other forms

	@Override
	public Session createEntityManager() {
		return openSession();
	}

	@Override
	public Session createEntityManager(Map<?, ?> map) {
		ShardedSession session = openSession();
		map.forEach( (key, value) -> session.setProperty( key.toString(), value ) );
		return session;
	}

	@Override
	public Session createEntityManager(SynchronizationType synchronizationType) {
		throw unsupported( "createEntityManager(SynchronizationType)", "JTA is not supported; use openSession()" );
	}

	@Override
	public Session createEntityManager(SynchronizationType synchronizationType, Map<?, ?> map) {
		throw unsupported( "createEntityManager(SynchronizationType, Map)", "JTA is not supported; use openSession()" );
	}

	@Override
	public void runInTransaction(Consumer<EntityManager> work) {
		callInTransaction( session -> {
			work.accept( session );
			return null;
		} );
	}

	@Override
	public <R> R callInTransaction(Function<EntityManager, R> work) {
		try ( ShardedSession session = openSession() ) {
			session.beginTransaction();
			try {
				R result = work.apply( session );
				session.getTransaction().commit();
				return result;
			}
			catch (RuntimeException e) {
				if ( session.getTransaction().isActive() ) {
					session.getTransaction().rollback();
				}
				throw e;
			}
		}
	}

	@Override
	public Session getCurrentSession() {
		throw unsupported( "getCurrentSession()", "open sessions with openSession()" );
	}

	@Override
	public SessionBuilder withOptions() {
		throw unsupported( "withOptions()", "open sessions with openSession() and set options on the ShardedSession" );
	}

	@Override
	public StatelessSession openStatelessSession() {
		throw unsupported( "openStatelessSession()", "stateless sessions are not sharded; use getSessionFactories().get(shardId)" );
	}

	@Override
	public StatelessSession openStatelessSession(Connection connection) {
		throw unsupported( "openStatelessSession(Connection)", "stateless sessions are not sharded; use getSessionFactories().get(shardId)" );
	}

	@Override
	public StatelessSessionBuilder withStatelessOptions() {
		throw unsupported( "withStatelessOptions()", "stateless sessions are not sharded; use getSessionFactories().get(shardId)" );
	}

	// ---- metamodel-level views, the same on every shard

	@Override
	public HibernateCriteriaBuilder getCriteriaBuilder() {
		return factories[0].getCriteriaBuilder();
	}

	@Override
	public Metamodel getMetamodel() {
		return factories[0].getMetamodel();
	}

	@Override
	public SessionFactoryOptions getSessionFactoryOptions() {
		return factories[0].getSessionFactoryOptions();
	}

	@Override
	public Set<String> getDefinedFilterNames() {
		return factories[0].getDefinedFilterNames();
	}

	@Override
	public FilterDefinition getFilterDefinition(String filterName) {
		return factories[0].getFilterDefinition( filterName );
	}

	@Override
	public Set<String> getDefinedFetchProfileNames() {
		return factories[0].getDefinedFetchProfileNames();
	}

	@Override
	public PersistenceUnitUtil getPersistenceUnitUtil() {
		return factories[0].getPersistenceUnitUtil();
	}

	@Override
	public PersistenceUnitTransactionType getTransactionType() {
		return PersistenceUnitTransactionType.RESOURCE_LOCAL;
	}

	@Override
	public Map<String, Object> getProperties() {
		return properties;
	}

	@Override
	public SchemaManager getSchemaManager() {
		return new ShardedSchemaManager( List.of( factories ).stream().map( SessionFactory::getSchemaManager ).toList() );
	}

	@Override
	public String getName() {
		return factories[0].getName();
	}

	@Override
	public String getJndiName() {
		return null;
	}

	@Override
	public <T> T unwrap(Class<T> type) {
		if ( type.isInstance( this ) ) {
			return type.cast( this );
		}
		throw new jakarta.persistence.PersistenceException( "A ShardedSessionFactory cannot be unwrapped to " + type.getName()
				+ "; use getSessionFactories() for the factory of one shard" );
	}

	// ---- refused: state that would differ per shard

	@Override
	public Statistics getStatistics() {
		throw unsupported( "getStatistics()", "statistics are kept per shard; use getSessionFactories().get(shardId).getStatistics()" );
	}

	@Override
	public Cache getCache() {
		throw unsupported( "getCache()", "each shard has its own cache; use getSessionFactories().get(shardId).getCache()" );
	}

	@Override
	public void addNamedQuery(String name, Query query) {
		throw unsupported( "addNamedQuery(String, Query)", "declare named queries with @NamedQuery" );
	}

	@Override
	public <R> TypedQueryReference<R> addNamedQuery(String name, TypedQuery<R> query) {
		throw unsupported( "addNamedQuery(String, TypedQuery)", "declare named queries with @NamedQuery" );
	}

	@Override
	public <R> Map<String, TypedQueryReference<R>> getNamedQueries(Class<R> resultType) {
		return factories[0].getNamedQueries( resultType );
	}

	@Override
	public <T> void addNamedEntityGraph(String graphName, EntityGraph<T> entityGraph) {
		throw unsupported( "addNamedEntityGraph(String, EntityGraph)", "entity graphs are not supported across shards" );
	}

	@Override
	public <E> Map<String, EntityGraph<? extends E>> getNamedEntityGraphs(Class<E> entityType) {
		throw unsupported( "getNamedEntityGraphs(Class)", "entity graphs are not supported across shards" );
	}

	@Override
	public RootGraph<Map<String, ?>> createGraphForDynamicEntity(String entityName) {
		throw unsupported( "createGraphForDynamicEntity(String)", "entity graphs are not supported across shards" );
	}

	@Override
	public RootGraph<?> findEntityGraphByName(String name) {
		throw unsupported( "findEntityGraphByName(String)", "entity graphs are not supported across shards" );
	}

	@Override
	public <T> List<EntityGraph<? super T>> findEntityGraphsByType(Class<T> entityClass) {
		throw unsupported( "findEntityGraphsByType(Class)", "entity graphs are not supported across shards" );
	}

	@Override
	public <T> RootGraph<T> parseEntityGraph(CharSequence graphText) {
		throw unsupported( "parseEntityGraph(CharSequence)", "entity graphs are not supported across shards" );
	}

	@Override
	public <T> RootGraph<T> parseEntityGraph(Class<T> rootEntityClass, CharSequence graphText) {
		throw unsupported( "parseEntityGraph(Class, CharSequence)", "entity graphs are not supported across shards" );
	}

	@Override
	public <T> RootGraph<T> parseEntityGraph(String rootEntityName, CharSequence graphText) {
		throw unsupported( "parseEntityGraph(String, CharSequence)", "entity graphs are not supported across shards" );
	}

	@Override
	public Reference getReference() {
		throw unsupported( "getReference()", "a sharded session factory is not bound to JNDI" );
	}

	private static UnsupportedOperationException unsupported(String method, String instead) {
		return new UnsupportedOperationException( "ShardedSessionFactory." + method + " is not supported: " + instead );
	}
}
