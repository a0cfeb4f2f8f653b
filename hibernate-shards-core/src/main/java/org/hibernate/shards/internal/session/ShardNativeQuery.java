package org.hibernate.shards.internal.session;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Set;

import org.hibernate.query.NativeQuery;
import org.hibernate.shards.ShardId;
import org.hibernate.shards.internal.failure.Refusals;

/**
 * A native query of one named shard, as the application holds it: the shard session's own {@link NativeQuery}, every
 * method passed through, except that its executions run as work on that shard (so that a failure names the shard, and
 * a write first passes the shard's write fences, see {@link NativeQueries#execute}), that it chains to itself, and that
 * it belongs to the sharded session. A proxy rather than a class of pass-through methods: {@code NativeQuery} has about
 * 150 of them, and only the executions differ.
 */
final class ShardNativeQuery implements InvocationHandler {
	/** The methods that run the statement. */
	private static final Set<String> EXECUTIONS = Set.of( "executeUpdate", "getResultList", "list", "getResultStream", "stream",
			"scroll", "getSingleResult", "getSingleResultOrNull", "uniqueResult", "uniqueResultOptional", "getResultCount",
			"getKeyedResultList" );

	private final NativeQuery<?> query;
	private final ShardId shard;
	private final NativeQueries owner;
	/** When the application chose the shard, at the latest: its writes were routed then. */
	private final long createdAt = System.nanoTime();
	private NativeQuery<?> self;

	private ShardNativeQuery(NativeQuery<?> query, ShardId shard, NativeQueries owner) {
		this.query = query;
		this.shard = shard;
		this.owner = owner;
	}

	@SuppressWarnings("unchecked")
	static <R> NativeQuery<R> of(NativeQuery<R> query, ShardId shard, NativeQueries owner) {
		ShardNativeQuery handler = new ShardNativeQuery( query, shard, owner );
		handler.self = (NativeQuery<?>) Proxy.newProxyInstance( ShardNativeQuery.class.getClassLoader(),
				new Class<?>[] { NativeQuery.class }, handler );
		return (NativeQuery<R>) handler.self;
	}

	@Override
	public Object invoke(Object proxy, Method method, Object[] arguments) throws Throwable {
		switch ( method.getName() ) {
			case "equals":
				return arguments[0] == proxy;
			case "hashCode":
				return System.identityHashCode( proxy );
			case "toString":
				return "NativeQuery on " + shard + ": " + query.getQueryString();
			case "getSession":
				return owner.session();
			case "unwrap":
				// Hibernate's own query would let writes bypass the fences.
				return Refusals.unwrap( proxy, "native query of a sharded session", (Class<?>) arguments[0],
						": its executions run on " + shard + " through the sharded session" );
			default:
				break;
		}
		if ( EXECUTIONS.contains( method.getName() ) ) {
			boolean write = method.getName().equals( "executeUpdate" );
			return owner.execute( shard, write, createdAt, () -> call( method, arguments ) );
		}
		Object result = call( method, arguments );
		return result == query ? self : result;
	}

	private Object call(Method method, Object[] arguments) {
		try {
			return method.invoke( query, arguments );
		}
		catch (InvocationTargetException e) {
			if ( e.getCause() instanceof RuntimeException runtime ) {
				throw runtime;
			}
			if ( e.getCause() instanceof Error error ) {
				throw error;
			}
			throw new IllegalStateException( e.getCause() );
		}
		catch (IllegalAccessException e) {
			throw new IllegalStateException( e );
		}
	}
}
