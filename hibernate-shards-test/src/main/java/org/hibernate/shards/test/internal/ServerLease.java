package org.hibernate.shards.test.internal;

import java.util.List;

/**
 * The server of each shard of one test class, plus what to do when the class is done with them.
 *
 * @param servers one entry per shard index; entries may repeat when shards share a server
 * @param release called once when the class finishes (stops dedicated servers; nothing for shared ones)
 */
public record ServerLease(List<DatabaseServer> servers, Runnable release) implements AutoCloseable {

	public ServerLease {
		servers = List.copyOf( servers );
	}

	public static ServerLease shared(List<DatabaseServer> servers) {
		return new ServerLease( servers, () -> { } );
	}

	/** A lease whose servers belong to the class alone and are closed with it. */
	public static ServerLease owned(List<? extends DatabaseServer> servers) {
		List<DatabaseServer> copy = List.copyOf( servers );
		return new ServerLease( copy, () -> Closing.closeAll( copy ) );
	}

	@Override
	public void close() {
		release.run();
	}
}
