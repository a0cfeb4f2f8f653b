package org.hibernate.shards.test.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Servers started from the local MariaDB installation, one per shard. Shared servers grow to the
 * largest shard count asked for so far; dedicated ones are started per class and may be stopped.
 */
final class MariadbdServerSource implements ServerSource {

	private static final Logger LOG = LoggerFactory.getLogger( MariadbdServerSource.class );

	private final LocalMariadbInstallation installation;
	private final List<MariadbdServer> shared = new ArrayList<>();

	MariadbdServerSource(LocalMariadbInstallation installation) {
		this.installation = installation;
	}

	@Override
	public String name() {
		return "mariadbd";
	}

	@Override
	public synchronized ServerLease sharedServers(int shards) {
		if ( shared.size() < shards ) {
			shared.addAll( launch( shards - shared.size(), false ) );
		}
		return ServerLease.shared( new ArrayList<>( shared.subList( 0, shards ) ) );
	}

	@Override
	public ServerLease dedicatedServers(int shards) {
		return ServerLease.owned( launch( shards, true ) );
	}

	private List<MariadbdServer> launch(int count, boolean stoppable) {
		long start = System.nanoTime();
		List<MariadbdServer> servers = Parallel.create( count, i -> MariadbdServer.launch( installation, stoppable ) );
		LOG.info( "Started {} {} {} server(s) in {} ms", count, stoppable ? "dedicated" : "shared",
				installation.server().getFileName(), TimeUnit.NANOSECONDS.toMillis( System.nanoTime() - start ) );
		return servers;
	}

	@Override
	public synchronized void close() {
		Closing.closeAll( shared );
		if ( !shared.isEmpty() ) {
			LOG.info( "Stopped {} shared {} server(s)", shared.size(), installation.server().getFileName() );
		}
		shared.clear();
	}

	@Override
	public String toString() {
		return "local servers from " + installation;
	}
}
