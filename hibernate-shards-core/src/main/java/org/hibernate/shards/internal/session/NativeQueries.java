package org.hibernate.shards.internal.session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import jakarta.persistence.TransactionRequiredException;
import org.hibernate.Session;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.query.NativeQuery;
import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardedQueryException;
import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.ShardingException;
import org.hibernate.shards.VirtualShardMovingException;
import org.hibernate.shards.internal.routing.HiddenVirtualShards;

/**
 * Native SQL of a sharded session. SQL is not planned, so it cannot be spread over shards: it names its shard, and runs
 * there as that shard session's own query, in the session's transaction; or it is a read of every shard, whose rows are
 * concatenated in shard order. What could make it silently wrong is refused: a write that has not passed the shard's
 * write fences, SQL on a shard whose rows are partly a moving virtual shard's copies, a write sent to every shard.
 */
final class NativeQueries {
	private static final String HOW = "name the shard: createNativeQuery(ShardId, sql[, resultType]) or "
			+ "createNamedNativeQuery(ShardId, name, resultType) run it on that shard, in this session's transaction (an "
			+ "executeUpdate first passes the shard's write fences); nativeQueryOnEveryShard(sql, resultType, parameters) reads "
			+ "every shard, rows in shard order";
	/** What a read starts with, after comments and opening parentheses. */
	private static final Pattern READ = Pattern.compile( "(?is)[\\s(]*(select|with|values|table|show|describe|desc|explain)\\b.*" );
	/** Words that write or call, anywhere outside literals and comments (a locking read's {@code for update} aside). */
	private static final Pattern WRITE = Pattern.compile(
			"(?i)\\b(insert|update|delete|replace|merge|call|into|load|create|drop|alter|truncate|rename|grant|revoke|handler)\\b" );
	private static final Pattern LOCKING_READ = Pattern.compile( "(?i)\\bfor\\s+update\\b" );

	private final ShardedSession owner;
	private final ShardSessions sessions;
	private final ShardedTransactionImpl transaction;
	private final ShardedSessionRuntime factory;

	NativeQueries(ShardedSession owner, ShardSessions sessions, ShardedTransactionImpl transaction) {
		this.owner = owner;
		this.sessions = sessions;
		this.transaction = transaction;
		this.factory = sessions.factory();
	}

	/** @return the refusal of a native query that does not name its shard */
	static ShardedQueryException unqualified(String method) {
		return new ShardedQueryException( "ShardedSession." + method + ": native SQL cannot be planned across shards; " + HOW );
	}

	ShardedSession session() {
		return owner;
	}

	/** A native query created on the named shard's session, whose executions run through {@link #execute}. */
	<R> NativeQuery<R> onShard(ShardId shard, String sqlOrName, Function<Session, NativeQuery<R>> creation) {
		requireShard( shard );
		if ( sqlOrName == null ) {
			throw new IllegalArgumentException( "The native SQL (or query name) for " + shard + " is null" );
		}
		return ShardNativeQuery.of( sessions.call( shard, creation ), shard, this );
	}

	/**
	 * Runs an execution of a named-shard native query on its shard: a failure names the shard, and a write first passes
	 * the write fences of every virtual shard the shard holds (one shared-lock read per transaction), so that it cannot
	 * land on rows a move is taking away.
	 *
	 * @param routedAt when the application chose the shard, at the latest
	 */
	Object execute(ShardId shard, boolean write, long routedAt, Supplier<Object> execution) {
		factory.metrics().routed( shard );
		try {
			return sessions.call( shard, session -> {
				requireLiveRowsOnly( shard, write );
				if ( write ) {
					passFences( shard, (SessionImplementor) session, routedAt );
				}
				return execution.get();
			} );
		}
		catch (ShardingException e) {
			if ( write ) {
				transaction.markRollbackOnly();
			}
			throw e;
		}
	}

	private void passFences(ShardId shard, SessionImplementor session, long routedAt) {
		if ( factory.writeFences() == null ) {
			return;
		}
		if ( !session.isTransactionInProgress() ) {
			// The fences' shared locks protect a write only until its transaction ends: autocommit would drop them at once.
			throw new TransactionRequiredException( "A native update on " + shard + " needs a transaction while virtual shards can "
					+ "move (the partition directory is on): it passes the shard's write fences, which hold until the transaction "
					+ "ends. Begin a transaction on the sharded session; nothing was written." );
		}
		( (ShardInterceptor) session.getInterceptor() ).beforeBulkWrite( session, routedAt );
	}

	/**
	 * Native SQL sees every row of a shard, the copies and leftovers of a moving virtual shard too, and cannot tell them
	 * from the live rows: it is refused on such a shard until the move is done.
	 */
	private void requireLiveRowsOnly(ShardId shard, boolean write) {
		HiddenVirtualShards hidden = factory.router().hidden();
		if ( hidden.clearOn( shard ) ) {
			return;
		}
		String moving = ( hidden.on( shard ).isEmpty() ? "" : "virtual shards " + hidden.on( shard ) )
				+ ( hidden.entitiesOn( shard ).isEmpty() ? "" : ( hidden.on( shard ).isEmpty() ? "" : " and " )
						+ "partitions of " + new java.util.TreeSet<>( hidden.entitiesOn( shard ) ) );
		String why = "Rows of " + moving + " on " + shard + " are being moved: until the move is done they are copies or leftovers "
				+ "that native SQL cannot tell from the live rows. ";
		if ( write ) {
			List<Integer> virtualShards = hidden.on( shard );
			throw new VirtualShardMovingException( virtualShards.size() == 1 ? virtualShards.get( 0 ) : -1, shard, why
					+ "The native update was not run; retry when the move is done (ShardAdmin.status() shows it).", null );
		}
		throw new ShardedQueryException( why + "Nothing was read; retry when the move is done, or use an HQL query, which "
				+ "hides the copies." );
	}

	/** Reads every shard that holds data, through the access strategy; rows concatenated in shard order. */
	<R> List<R> onEveryShard(String sql, Class<R> resultType, Map<String, ?> parameters) {
		if ( sql == null || resultType == null || parameters == null ) {
			throw new IllegalArgumentException( "nativeQueryOnEveryShard needs the SQL, a result type and parameters (Map.of() for "
					+ "none); got " + ( sql == null ? "no SQL" : resultType == null ? "no result type" : "no parameters" ) );
		}
		if ( !isRead( sql ) ) {
			throw new ShardedQueryException( "nativeQueryOnEveryShard runs reads only (SELECT, WITH, VALUES, TABLE, SHOW, DESCRIBE, "
					+ "EXPLAIN, without INSERT, UPDATE, DELETE, CALL, INTO, …), and nothing was run: [" + sql + "]. Run a write on "
					+ "each shard that should take it, with createNativeQuery(shardId, sql).executeUpdate(), which passes that "
					+ "shard's write fences in this session's transaction." );
		}
		List<ShardId> shards = factory.router().map().activeShards();
		shards.forEach( shard -> requireLiveRowsOnly( shard, false ) );
		factory.metrics().fannedOut( shards );
		Map<ShardId, List<R>> rows = new HashMap<>();
		factory.router().strategy().access().apply( shards, shard -> sessions.call( shard, session -> {
			NativeQuery<R> query = session.createNativeQuery( sql, resultType );
			parameters.forEach( query::setParameter );
			return query.getResultList();
		} ), (shard, result) -> {
			rows.put( shard, result );
			return false;
		} );
		List<R> all = new ArrayList<>();
		shards.forEach( shard -> all.addAll( rows.get( shard ) ) );
		return all;
	}

	private void requireShard(ShardId shard) {
		if ( shard == null ) {
			throw new IllegalArgumentException( "The shard to run native SQL on is null" );
		}
		if ( shard.getId() >= factory.shardCount() ) {
			throw new IllegalArgumentException( "There is no " + shard + " to run native SQL on: the shards are 0 to "
					+ ( factory.shardCount() - 1 ) );
		}
	}

	/** @return whether the statement only reads: it starts as a read does, and writes and calls nothing */
	static boolean isRead(String sql) {
		String text = LOCKING_READ.matcher( withoutLiteralsAndComments( sql ) ).replaceAll( " " );
		return READ.matcher( text ).matches() && !WRITE.matcher( text ).find();
	}

	/** The SQL with string literals, quoted identifiers and comments blanked, so that only its own words remain. */
	private static String withoutLiteralsAndComments(String sql) {
		StringBuilder text = new StringBuilder( sql.length() );
		int i = 0;
		while ( i < sql.length() ) {
			char c = sql.charAt( i );
			int end;
			if ( c == '\'' || c == '"' || c == '`' ) {
				end = i + 1;
				while ( end < sql.length() && sql.charAt( end ) != c ) {
					end += sql.charAt( end ) == '\\' && c != '`' ? 2 : 1;
				}
				end++;
			}
			else if ( sql.startsWith( "/*", i ) ) {
				end = sql.indexOf( "*/", i + 2 );
				end = end < 0 ? sql.length() : end + 2;
			}
			else if ( sql.startsWith( "--", i ) || c == '#' ) {
				end = sql.indexOf( '\n', i );
				end = end < 0 ? sql.length() : end;
			}
			else {
				text.append( c );
				i++;
				continue;
			}
			text.append( ' ' );
			i = Math.min( end, sql.length() );
		}
		return text.toString();
	}
}
