package org.hibernate.shards.internal.session;

import java.util.List;
import java.util.OptionalInt;
import java.util.function.Function;

import org.hibernate.Session;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.query.Query;
import org.hibernate.query.sqm.SqmQuerySource;
import org.hibernate.query.sqm.tree.SqmStatement;
import org.hibernate.query.sqm.tree.select.SqmSelectStatement;
import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.internal.query.QueryContext;
import org.hibernate.shards.internal.query.ShardedQueryImpl;
import org.hibernate.shards.internal.query.plan.MutationAnalyzer;
import org.hibernate.shards.internal.query.plan.MutationPlan;
import org.hibernate.shards.internal.query.plan.SelectAnalyzer;
import org.hibernate.shards.internal.query.plan.SelectPlan;
import org.hibernate.shards.internal.query.plan.ShardValues;
import org.hibernate.shards.internal.routing.EntitySharding;
import org.hibernate.shards.internal.routing.ShardRouter;
import org.hibernate.shards.spi.strategy.access.ShardAccessStrategy;

/**
 * Creates the queries of a sharded session and gives them what they need: a planning session on shard 0 (it parses
 * and validates, never executes), the shard sessions, the router's decisions and the access strategy.
 */
final class SessionQueries implements QueryContext, ShardValues {
	private final ShardedSession owner;
	private final ShardSessions sessions;
	private final ShardedTransactionImpl transaction;
	private final ShardedSessionRuntime factory;
	private final ShardRouter router;
	private Session planning;
	/**
	 * The placement the query being executed routes by, and what it hides on each shard while virtual shards move: one
	 * reading for all its shards (see {@link ShardSessions#call}), taken as it starts.
	 */
	private volatile org.hibernate.shards.internal.routing.VirtualShardMap pinned;
	/** When the placement was pinned: the statement that runs next is routed after it. */
	private volatile long pinnedAt = System.nanoTime();

	SessionQueries(ShardedSession owner, ShardSessions sessions, ShardedTransactionImpl transaction) {
		this.owner = owner;
		this.sessions = sessions;
		this.transaction = transaction;
		this.factory = sessions.factory();
		this.router = factory.router();
	}

	/** A sharded query over a query created the same way on the planning session and, at execution, on each shard. */
	<R> Query<R> create(Function<Session, Query<R>> creation, Class<R> resultType) {
		Query<R> template = creation.apply( planningSession() );
		if ( template instanceof org.hibernate.query.NativeQuery<?> ) {
			// A named native query, through createNamedQuery: refused as any native SQL that names no shard.
			throw NativeQueries.unqualified( "createNamedQuery(String) of a named native query" );
		}
		return new ShardedQueryImpl<>( this, template, creation, template.getQueryString(), resultType );
	}

	void close() {
		if ( planning != null ) {
			planning.close();
			planning = null;
		}
	}

	// ---- QueryContext

	@Override
	public ShardedSession session() {
		return owner;
	}

	@Override
	public Session planningSession() {
		if ( planning == null ) {
			planning = factory.firstSessionFactory().openSession();
		}
		return planning;
	}

	@Override
	public <T> T onShard(ShardId shard, Function<Session, T> work) {
		return sessions.call( shard, work, placement().hidden() );
	}

	@Override
	public void cancel(ShardId shard) {
		sessions.cancel( shard );
	}

	@Override
	public <T> T onShardForWrite(ShardId shard, Function<Session, T> work) {
		return sessions.call( shard, session -> {
			SessionImplementor inner = (SessionImplementor) session;
			( (ShardInterceptor) inner.getInterceptor() ).beforeBulkWrite( inner, pinnedAt );
			return work.apply( session );
		}, placement().hidden() );
	}

	@Override
	public void pinPlacement() {
		pinnedAt = System.nanoTime();
		pinned = router.map();
	}

	private org.hibernate.shards.internal.routing.VirtualShardMap placement() {
		org.hibernate.shards.internal.routing.VirtualShardMap map = pinned;
		return map != null ? map : router.map();
	}

	@Override
	public void requireLiveRowsOnly(org.hibernate.query.sqm.tree.SqmStatement<?> statement, List<ShardId> targets) {
		org.hibernate.shards.internal.routing.HiddenVirtualShards hidden = placement().hidden();
		// A query routed to one shard by its keys never reads a moving virtual shard's copy there (its keys' virtual shards
		// live there); a query over several shards may, through a key of another virtual shard or no key at all.
		if ( hidden.isEmpty() || targets.size() < 2 || targets.stream().allMatch( hidden::clearOn ) ) {
			return;
		}
		boolean wholeVirtualShards = targets.stream().anyMatch( shard -> !hidden.on( shard ).isEmpty() );
		java.util.Set<String> inFlight = new java.util.HashSet<>();
		targets.forEach( shard -> inFlight.addAll( hidden.entitiesOn( shard ) ) );
		for ( String entityName : org.hibernate.shards.internal.query.plan.QueriedEntities.of( statement ) ) {
			EntitySharding entity = router.metamodel().byEntityName( entityName );
			if ( inFlight.contains( entity.entityName() ) ) {
				throw new org.hibernate.shards.ShardedQueryException( "A partition of " + entity.simpleName() + " (or of the entity it lives "
						+ "with) is being moved, and its rows exist on two shards until the move ends; a query over several shards cannot tell "
						+ "the copies apart, since its rows do not carry their virtual shard. Nothing was read. Retry when the move is done, "
						+ "or restrict the query by its shard key. Query: " + statement.toHqlString() );
			}
			if ( wholeVirtualShards && !carriesVirtualShardInSql( entity ) ) {
				throw new org.hibernate.shards.ShardedQueryException( "A virtual shard is being moved, and its rows exist on two shards until the move "
						+ "ends; a query over every shard cannot tell the copies of " + entity.simpleName() + " apart, since its rows do not carry "
						+ "their virtual shard (give it a @ShardedId, or a @ShardKey association to an entity that has one). Nothing was read. "
						+ "Retry when the move is done, or restrict the query by its shard key. Query: " + statement.toHqlString() );
			}
		}
	}

	/** Mirrors the filter of {@link org.hibernate.shards.internal.boot.HiddenCopies}: which entities it covers. */
	private boolean carriesVirtualShardInSql(EntitySharding entity) {
		if ( entity.shardedId() ) {
			return true;
		}
		if ( entity.keyKind() != EntitySharding.KeyKind.ASSOCIATION ) {
			return false;
		}
		String parent = ( (org.hibernate.type.EntityType) entity.persister().getPropertyTypes()[entity.keyIndex()] ).getAssociatedEntityName();
		return router.metamodel().byEntityName( parent ).shardedId();
	}

	@Override
	public List<ShardId> activeShards() {
		return placement().activeShards();
	}

	@Override
	public ShardAccessStrategy access() {
		return router.strategy().access();
	}

	@Override
	public SelectPlan selectPlan(SqmSelectStatement<?> statement, String queryText, Class<?> resultType) {
		SelectAnalyzer analyzer = new SelectAnalyzer( router.metamodel(), factory.crossShardChecks(), factory.isMySqlFamily() );
		// A criteria query's parameters are objects of that one query: its plan could not serve another.
		return isHql( statement, queryText )
				? factory.queryPlans().selectPlan( queryText, resultType, () -> analyzer.analyze( statement, resultType ) )
				: analyzer.analyze( statement, resultType );
	}

	@Override
	public MutationPlan mutationPlan(SqmStatement<?> statement, String queryText) {
		MutationAnalyzer analyzer = new MutationAnalyzer( router.metamodel(), factory.crossShardChecks() );
		return isHql( statement, queryText )
				? factory.queryPlans().mutationPlan( queryText, () -> analyzer.analyze( statement ) )
				: analyzer.analyze( statement );
	}

	private static boolean isHql(SqmStatement<?> statement, String queryText) {
		return queryText != null && statement.getQuerySource() == SqmQuerySource.HQL;
	}

	@Override
	public ShardValues shardValues() {
		return this;
	}

	@Override
	public long deepPagingWarningThreshold() {
		return factory.deepPagingWarningRows();
	}

	@Override
	public <X> java.util.stream.Stream<X> openStream(Session session, org.hibernate.query.Query<X> query, boolean values) {
		return org.hibernate.shards.internal.query.StreamFetch.open( factory.isMySqlFamily(), session, query, values );
	}

	@Override
	public boolean partialResultsByDefault() {
		return factory.partialResultsByDefault();
	}

	@Override
	public void markRollbackOnly() {
		transaction.markRollbackOnly();
	}

	@Override
	public org.hibernate.shards.internal.metrics.ShardMetrics metrics() {
		return factory.metrics();
	}

	// ---- ShardValues: the router's decisions, and the session's knowledge of entity instances

	@Override
	public ShardId ofKeyValue(EntitySharding entity, Object value) {
		return placement().physicalShardOf( router.virtualShardOfKeyValue( entity, value ) );
	}

	@Override
	public ShardId ofShardedId(Object id) {
		int virtualShard = router.virtualShardOfShardedId( id );
		return virtualShard < 0 ? null : placement().physicalShardOf( virtualShard );
	}

	@Override
	public ShardId ofEntity(Object entity) {
		return sessions.placement().shardOf( entity );
	}
}
