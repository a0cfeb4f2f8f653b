package org.hibernate.shards.internal.id;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardUnavailableException;
import org.hibernate.shards.ShardingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leases a {@link org.hibernate.shards.annotations.ShardedId} node number, so that application instances sharing the
 * shards never generate the same id. The lease is a MySQL named lock ({@code GET_LOCK}) on shard 0, held by a
 * connection of its own (not one of the application's pool) for the life of the factory.
 * <p>
 * The server releases a named lock when its connection drops ({@code wait_timeout}, a failover, a network blip, a
 * {@code KILL}), and another instance may then take the node. So each holder records, in a table on shard 0
 * ({@value #TABLE}), the highest millisecond its ids may carry, and issues no id beyond it; the record is renewed every
 * fifth of the lease by a statement that succeeds only while the holding connection still holds the lock (which also
 * keeps it from idling out). A holder issues ids only for one lease after its last renewal, so one that lost its node
 * stops within the lease; an instance that takes a node issues ids only after the millisecond its last holder
 * recorded. No clock is compared across machines. Databases without named locks (H2 in tests and the demo) get node
 * 0, for one instance.
 */
public final class IdNodeLease implements AutoCloseable {
	private static final Logger LOG = LoggerFactory.getLogger( IdNodeLease.class );
	/** The named lock of a node: named after the database too, since named locks are the server's, the limits a database's. */
	private static final String LOCK_NAME = "concat(left(database(), 30), ':hibernate_shards_id_node.', ?)";
	static final String TABLE = "hibernate_shards_id_node";
	/**
	 * What an instance may issue ids with, in epoch milliseconds: a node, the first and the last millisecond its ids
	 * may carry, until when it may issue them, and when the lease should be renewed.
	 */
	public record Grant(int node, long fromMillis, long lastMillis, long expiresAt, long renewAt) {

		/** A node configured by hand: no lease, no limits. */
		public static Grant fixed(int node) {
			return new Grant( node, 0, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE );
		}

		boolean unlimited() {
			return expiresAt == Long.MAX_VALUE;
		}
	}

	private final String url;
	private final String username;
	private final String password;
	/** Shard 0's driver properties (its connect and socket timeouts among them). */
	private final java.util.Properties driverProperties;
	private final long leaseMillis;
	private Connection holder;
	private volatile Grant grant;
	private ScheduledExecutorService renewer;

	/**
	 * @param url shard 0's JDBC URL, where the named lock is taken
	 * @param leaseSeconds how long ids may be issued after the last check that the lock is still held
	 */
	public IdNodeLease(String url, String username, String password, java.util.Properties driverProperties, int leaseSeconds) {
		this.url = url;
		this.username = username;
		this.password = password;
		this.driverProperties = driverProperties;
		this.leaseMillis = leaseSeconds * 1000L;
	}

	/**
	 * @return the node and the span of time this instance may issue ids with now: leased on first use, checked again
	 *         once a fifth of the lease has passed (usually by a background thread, so callers rarely wait)
	 * @throws ShardUnavailableException when the lease has run out and shard 0 cannot renew it: no id is issued
	 */
	public Grant grant(long nowMillis) {
		Grant current = grant;
		if ( current != null && nowMillis < current.renewAt() ) {
			return current;
		}
		return renew( nowMillis, false );
	}

	/**
	 * Checks the lease (or takes one), and returns what may be issued.
	 *
	 * @param force check even if the last check is recent: the background renewal
	 */
	private synchronized Grant renew(long nowMillis, boolean force) {
		Grant current = grant;
		if ( current != null && !force && nowMillis < current.renewAt() ) {
			return current; // another caller renewed it meanwhile
		}
		if ( current != null && current.unlimited() ) {
			return current; // a database without named locks
		}
		if ( current == null ) {
			grant = acquire( -1, 0 );
			startRenewer();
			return grant;
		}
		long checkedAt = System.currentTimeMillis();
		long last = lastMillisAfter( current.lastMillis(), current.fromMillis(), checkedAt );
		if ( extend( current.node(), last ) ) {
			grant = new Grant( current.node(), current.fromMillis(), last, checkedAt + leaseMillis, checkedAt + renewAfter() );
			return grant;
		}
		try {
			// Above every id issued so far, whichever node is taken: ids never go backwards within a virtual shard.
			grant = acquire( current.node(), current.lastMillis() + 1 );
			LOG.warn( "The @ShardedId node lease was lost (its connection to shard 0 dropped, or the server released the lock); "
					+ "leased node {} again, issuing ids from {} ms ahead", grant.node(), grant.fromMillis() - checkedAt );
			return grant;
		}
		catch (ShardingException e) {
			if ( nowMillis < current.expiresAt() ) {
				LOG.warn( "Cannot renew the @ShardedId node lease on shard 0 ({}); ids are issued for {} ms more", e.getMessage(),
						current.expiresAt() - nowMillis );
				return current;
			}
			throw new ShardUnavailableException( ShardId.of( 0 ), "The @ShardedId node lease on shard 0 ran out and cannot be renewed: "
					+ e.getMessage() + ". No id was issued, since another instance may hold the node now. Retry once shard 0 answers, or "
					+ "set hibernate.shards.id.node to a number unique to this instance", e );
		}
	}

	/**
	 * The last millisecond ids may carry after a renewal at {@code checkedAt}: a lease past the later of the first
	 * millisecond and now, never less than before.
	 */
	private long lastMillisAfter(long previous, long fromMillis, long checkedAt) {
		return Math.max( previous, Math.max( fromMillis, checkedAt ) + leaseMillis );
	}

	/**
	 * Records the last millisecond the node's ids may carry, if the holding connection still holds its lock: one
	 * statement, so that whoever takes the node after this instance lost it reads the limit this instance kept to.
	 *
	 * @return whether the lock is still held; a check that fails counts as lost
	 */
	private boolean extend(int node, long lastMillis) {
		if ( holder == null ) {
			return false;
		}
		try ( PreparedStatement update = holder.prepareStatement( "update " + TABLE + " set valid_until = ? where node = ? and is_used_lock("
				+ LOCK_NAME + ") = connection_id()" ) ) {
			update.setLong( 1, lastMillis );
			update.setInt( 2, node );
			update.setInt( 3, node );
			return update.executeUpdate() == 1;
		}
		catch (SQLException e) {
			LOG.debug( "The @ShardedId lease renewal failed: {}", e.getMessage() );
			return false;
		}
	}

	/** @return the first millisecond ids of a node just taken may carry: after the limit its last holder recorded */
	private static long firstMillisOf(Connection connection, int node, long takenAt) throws SQLException {
		long limit = -1;
		try ( PreparedStatement select = connection.prepareStatement( "select valid_until from " + TABLE + " where node = ?" ) ) {
			select.setInt( 1, node );
			try ( ResultSet result = select.executeQuery() ) {
				if ( result.next() ) {
					limit = result.getLong( 1 );
				}
			}
		}
		if ( limit < 0 ) {
			try ( PreparedStatement insert = connection.prepareStatement( "insert into " + TABLE + " (node, valid_until) values (?, ?)" ) ) {
				insert.setInt( 1, node );
				insert.setLong( 2, takenAt );
				insert.executeUpdate();
			}
		}
		return Math.max( takenAt, limit + 1 );
	}

	/** Creates the table of limits on shard 0; a lease without it could not keep two instances' ids apart. */
	private static void createTable(Connection connection) {
		try ( java.sql.Statement ddl = connection.createStatement() ) {
			ddl.execute( TABLE_DDL );
		}
		catch (SQLException e) {
			throw new ShardingException( "Cannot create the table " + TABLE + " on shard 0 (" + e.getMessage() + "), where @ShardedId node "
					+ "leases record their limits. Create it (" + TABLE_DDL + "), or set hibernate.shards.id.node to a number unique to "
					+ "this application instance", e );
		}
	}

	private static final String TABLE_DDL = "create table if not exists " + TABLE + " (node int not null primary key, valid_until bigint not null)";

	/**
	 * Takes a node's lock on a new connection, the {@code preferred} one first.
	 *
	 * @param floorMillis the least first millisecond: after every id this instance issued before
	 *
	 * @throws ShardingException when shard 0 cannot be reached or every node is taken
	 */
	private Grant acquire(int preferred, long floorMillis) {
		closeHolder();
		long takenAt = System.currentTimeMillis();
		Connection connection;
		try {
			java.util.Properties properties = new java.util.Properties();
			properties.putAll( driverProperties );
			if ( username != null ) {
				properties.setProperty( "user", username );
			}
			if ( password != null ) {
				properties.setProperty( "password", password );
			}
			connection = DriverManager.getConnection( url, properties );
		}
		catch (SQLException e) {
			throw new ShardingException( "Cannot lease an id node on shard 0 to generate @ShardedId values: " + e.getMessage()
					+ ". Set hibernate.shards.id.node to a number unique to this application instance to avoid the lease", e );
		}
		if ( !namedLocks( connection ) ) {
			closeQuietly( connection );
			LOG.info( "Shard 0 has no named locks; generating @ShardedId values as node 0. "
					+ "Set hibernate.shards.id.node when several instances share the shards" );
			return Grant.fixed( 0 );
		}
		try ( PreparedStatement lock = connection.prepareStatement( "select get_lock(" + LOCK_NAME + ", 0)" ) ) {
			// A shard 0 that stops answering must not hold a check up longer than a check's period.
			connection.setNetworkTimeout( Runnable::run, (int) Math.max( 1000, leaseMillis / 5 ) );
			createTable( connection );
			for ( int i = -1; i < ShardedIdLayout.MAX_NODES; i++ ) {
				int node = i < 0 ? preferred : i;
				if ( node < 0 || i >= 0 && node == preferred ) {
					continue;
				}
				lock.setInt( 1, node );
				try ( ResultSet result = lock.executeQuery() ) {
					if ( result.next() && result.getInt( 1 ) == 1 ) {
						holder = connection;
						long from = Math.max( floorMillis, firstMillisOf( connection, node, takenAt ) );
						long last = lastMillisAfter( 0, from, takenAt );
						if ( !extend( node, last ) ) {
							throw new SQLException( "the lock of node " + node + " was lost as it was taken" );
						}
						LOG.info( "Generating @ShardedId values as node {} (a named lock on shard 0, renewed every {} ms{})", node, leaseMillis / 5, from > takenAt ? "; its last holder's lease ends in " + ( from - takenAt ) + " ms, ids start then" : "" );
						return new Grant( node, from, last, takenAt + leaseMillis, takenAt + renewAfter() );
					}
				}
			}
			closeQuietly( connection );
			throw new ShardingException( "All " + ShardedIdLayout.MAX_NODES + " @ShardedId nodes are leased by other application "
					+ "instances; at most " + ShardedIdLayout.MAX_NODES + " instances can generate sharded ids at once" );
		}
		catch (SQLException | RuntimeException e) {
			closeHolder();
			closeQuietly( connection );
			throw e instanceof ShardingException sharding ? sharding : new ShardingException( "Cannot lease an id node on shard 0: " + e.getMessage(), e );
		}
	}

	/** @return whether the database has MySQL's named locks (H2 has not) */
	private static boolean namedLocks(Connection connection) {
		try ( PreparedStatement probe = connection.prepareStatement( "select is_free_lock('hibernate_shards.probe')" );
				ResultSet result = probe.executeQuery() ) {
			return result.next();
		}
		catch (SQLException e) {
			return false;
		}
	}

	/** Callers check inline only when the background renewal, every fifth of the lease, is two rounds late. */
	private long renewAfter() {
		return leaseMillis * 2 / 5;
	}

	private void startRenewer() {
		if ( renewer != null || grant.unlimited() ) {
			return;
		}
		renewer = Executors.newSingleThreadScheduledExecutor( runnable -> {
			Thread thread = new Thread( runnable, "hibernate-shards-id-lease" );
			thread.setDaemon( true );
			return thread;
		} );
		long period = Math.max( 100, leaseMillis / 5 );
		renewer.scheduleWithFixedDelay( () -> {
			try {
				renew( System.currentTimeMillis(), true );
			}
			catch (RuntimeException e) {
				LOG.warn( "Cannot renew the @ShardedId node lease: {}", e.getMessage() );
			}
		}, period, period, TimeUnit.MILLISECONDS );
	}

	/** @return the connection id holding the lease, for tests that cut it; -1 when none */
	long holderConnectionId() {
		try ( PreparedStatement select = holder.prepareStatement( "select connection_id()" ); ResultSet result = select.executeQuery() ) {
			result.next();
			return result.getLong( 1 );
		}
		catch (SQLException | RuntimeException e) {
			return -1;
		}
	}

	private void closeHolder() {
		if ( holder != null ) {
			closeQuietly( holder );
			holder = null;
		}
	}

	private static void closeQuietly(Connection connection) {
		try {
			connection.close();
		}
		catch (SQLException ignored) {
			// nothing more to release
		}
	}

	@Override
	public synchronized void close() {
		if ( renewer != null ) {
			renewer.shutdownNow();
			renewer = null;
		}
		closeHolder();
	}
}
