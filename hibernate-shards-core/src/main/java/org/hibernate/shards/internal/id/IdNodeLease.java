package org.hibernate.shards.internal.id;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.hibernate.shards.ShardingException;
import org.hibernate.shards.spi.IdLeaseDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leases a {@link org.hibernate.shards.annotations.ShardedId} node number, so that application instances sharing the
 * shards never generate the same id. The lease is a MySQL named lock ({@code GET_LOCK}) in the {@link IdLeaseDatabase}
 * (shard 0, or the partition directory's control database when one is configured), held by a connection of its own
 * (not one of the application's pool) for the life of the factory.
 * <p>
 * The server releases a named lock when its connection drops ({@code wait_timeout}, a failover, a network blip, a
 * {@code KILL}), and another instance may then take the node. So each holder records, in a table of that database
 * ({@value #TABLE}), the highest millisecond its ids may carry, and issues no id beyond it; the record is renewed every
 * fifth of the lease by a statement that succeeds only while the holding connection still holds the lock (which also
 * keeps it from idling out). A holder told by the database that its lock is gone issues nothing more until it leases
 * a node again; one that cannot reach the database issues ids for one lease after its last renewal, and no further,
 * so one that lost its node unseen stops within the lease. An instance that takes a node issues ids only after the
 * millisecond its last holder recorded. No clock is compared across machines. Databases without named locks (H2 in
 * tests and the demo) get node 0, for one instance.
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

	/** What a renewal found out about the lock. */
	private enum Check {
		HELD,
		/** The database answered: the lock is not this connection's any more. */
		LOST,
		/** The check failed: the lock may be held or not. */
		UNKNOWN
	}

	/** The lease database could not be reached, or failed while a node was being taken. */
	private static final class Unreachable extends Exception {
		Unreachable(SQLException cause) {
			super( cause.getMessage(), cause );
		}
	}

	private final IdLeaseDatabase database;
	private final long leaseMillis;
	private Connection holder;
	/** {@code null} until a node is leased, and again from when the lease is known lost until a node is leased again. */
	private volatile Grant grant;
	/** The node to ask for first when leasing again: the last one held, if any. */
	private int lastNode = -1;
	/** The least first millisecond of the next lease: after every id this instance issued before. */
	private long floorMillis;
	private ScheduledExecutorService renewer;

	/**
	 * @param database where the named lock is taken and the limits recorded
	 * @param leaseSeconds how long ids may be issued after the last check that the lock is still held
	 */
	public IdNodeLease(IdLeaseDatabase database, int leaseSeconds) {
		this.database = database;
		this.leaseMillis = leaseSeconds * 1000L;
	}

	/**
	 * @return the node and the span of time this instance may issue ids with now: leased on first use, checked again
	 *         once a fifth of the lease has passed (usually by a background thread, so callers rarely wait)
	 * @throws RuntimeException the lease database's {@linkplain IdLeaseDatabase#unavailable typed exception} when the
	 *         lease has run out and it cannot renew it, or a {@link ShardingException} when the lease was lost and no node
	 *         can be leased again: no id is issued
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
		if ( current != null && ( current.unlimited() || !force && nowMillis < current.renewAt() ) ) {
			return current; // a database without named locks, or another caller renewed it meanwhile
		}
		if ( current == null ) {
			return lease();
		}
		long checkedAt = System.currentTimeMillis();
		long last = lastMillisAfter( current.lastMillis(), current.fromMillis(), checkedAt );
		Check check = extend( current.node(), last );
		if ( check == Check.HELD ) {
			grant = new Grant( current.node(), current.fromMillis(), last, checkedAt + leaseMillis, checkedAt + renewAfter() );
			return grant;
		}
		// Above every id issued so far, whichever node is taken next: ids never go backwards within a virtual shard.
		lastNode = current.node();
		floorMillis = current.lastMillis() + 1;
		if ( check == Check.LOST ) {
			grant = null; // known lost: not one more id from it
			LOG.warn( "The @ShardedId node lease of node {} in {} was lost (the server released its lock); no id is issued until a node is leased again",
					current.node(), database.name() );
			return lease();
		}
		try {
			Grant again = acquire( lastNode, floorMillis );
			grant = again;
			LOG.warn( "The @ShardedId node lease in {} could not be checked (its connection dropped, or the server released the lock); "
					+ "leased node {} again, issuing ids from {} ms ahead", database.name(), again.node(), again.fromMillis() - checkedAt );
			return again;
		}
		catch (Unreachable e) {
			if ( nowMillis < current.expiresAt() ) {
				LOG.warn( "Cannot renew the @ShardedId node lease in {} ({}); ids are issued for {} ms more", database.name(), e.getMessage(),
						current.expiresAt() - nowMillis );
				return current;
			}
			grant = null;
			throw database.unavailable( "The @ShardedId node lease in " + database.name() + " ran out and cannot be renewed: "
					+ e.getMessage() + ". No id was issued, since another instance may hold the node now. Retry once " + database.name()
					+ " answers, or set hibernate.shards.id.node to a number unique to this instance", e.getCause() );
		}
		catch (RuntimeException e) {
			grant = null; // the database answered, but no node could be taken: this one is another instance's now
			throw e;
		}
	}

	/** Leases a node when none is held: the first time, or after the lease was lost. */
	private Grant lease() {
		try {
			grant = acquire( lastNode, floorMillis );
		}
		catch (Unreachable e) {
			throw database.unavailable( "Cannot lease a @ShardedId node in " + database.name() + ": " + e.getMessage() + ". No id was issued. "
					+ "Retry once it answers, or set hibernate.shards.id.node to a number unique to this application instance", e.getCause() );
		}
		if ( lastNode >= 0 ) {
			LOG.info( "Leased @ShardedId node {} in {} again; ids are issued again", grant.node(), database.name() );
		}
		startRenewer();
		return grant;
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
	 * statement, so that whoever takes the node after this instance lost it reads the limit this instance kept to. A
	 * record that is gone while the lock is held (deleted by hand) is written again, not taken for a loss.
	 */
	private Check extend(int node, long lastMillis) {
		if ( holder == null ) {
			return Check.UNKNOWN;
		}
		try {
			try ( PreparedStatement update = holder.prepareStatement( "update " + TABLE + " set valid_until = ? where node = ? and is_used_lock("
					+ LOCK_NAME + ") = connection_id()" ) ) {
				update.setLong( 1, lastMillis );
				update.setInt( 2, node );
				update.setInt( 3, node );
				if ( update.executeUpdate() == 1 ) {
					return Check.HELD;
				}
			}
			// No row changed: the lock is not this connection's, or the record was deleted (by hand) under a lock still held.
			try ( PreparedStatement holds = holder.prepareStatement( "select is_used_lock(" + LOCK_NAME + ") = connection_id()" ) ) {
				holds.setInt( 1, node );
				try ( ResultSet result = holds.executeQuery() ) {
					if ( !result.next() || !result.getBoolean( 1 ) ) {
						return Check.LOST;
					}
				}
			}
			try ( PreparedStatement record = holder.prepareStatement( "insert into " + TABLE + " (node, valid_until) values (?, ?) "
					+ "on duplicate key update valid_until = ?" ) ) {
				record.setInt( 1, node );
				record.setLong( 2, lastMillis );
				record.setLong( 3, lastMillis );
				record.executeUpdate();
				return Check.HELD;
			}
		}
		catch (SQLException e) {
			LOG.debug( "The @ShardedId lease renewal failed: {}", e.getMessage() );
			return Check.UNKNOWN;
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

	/** Creates the table of limits; a lease without it could not keep two instances' ids apart. */
	private void createTable(Connection connection) {
		try ( java.sql.Statement ddl = connection.createStatement() ) {
			ddl.execute( TABLE_DDL );
		}
		catch (SQLException e) {
			throw new ShardingException( "Cannot create the table " + TABLE + " in " + database.name() + " (" + e.getMessage()
					+ "), where @ShardedId node leases record their limits. Create it (" + TABLE_DDL + "), or set hibernate.shards.id.node "
					+ "to a number unique to this application instance", e );
		}
	}

	private static final String TABLE_DDL = "create table if not exists " + TABLE + " (node int not null primary key, valid_until bigint not null)";

	/**
	 * Takes a node's lock on a new connection, the {@code preferred} one first.
	 *
	 * @param floorMillis the least first millisecond: after every id this instance issued before
	 * @throws Unreachable when the database cannot be reached or fails meanwhile
	 * @throws ShardingException when every node is taken, or the table of limits cannot be created
	 */
	private Grant acquire(int preferred, long floorMillis) throws Unreachable {
		closeHolder();
		long takenAt = System.currentTimeMillis();
		Connection connection;
		try {
			connection = database.openConnection();
		}
		catch (SQLException e) {
			throw new Unreachable( e );
		}
		if ( !namedLocks( connection ) ) {
			closeQuietly( connection );
			LOG.info( "{} has no named locks; generating @ShardedId values as node 0. "
					+ "Set hibernate.shards.id.node when several instances share the shards", database.name() );
			return Grant.fixed( 0 );
		}
		try ( PreparedStatement lock = connection.prepareStatement( "select get_lock(" + LOCK_NAME + ", 0)" ) ) {
			// A database that stops answering must not hold a check up longer than a check's period.
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
						if ( extend( node, last ) != Check.HELD ) {
							throw new SQLException( "the lock of node " + node + " was lost as it was taken" );
						}
						LOG.info( "Generating @ShardedId values as node {} (a named lock in {}, renewed every {} ms{})", node, database.name(),
								leaseMillis / 5, from > takenAt ? "; its last holder's lease ends in " + ( from - takenAt ) + " ms, ids start then" : "" );
						return new Grant( node, from, last, takenAt + leaseMillis, takenAt + renewAfter() );
					}
				}
			}
			closeQuietly( connection );
			throw new ShardingException( "All " + ShardedIdLayout.MAX_NODES + " @ShardedId nodes are leased by other application "
					+ "instances; at most " + ShardedIdLayout.MAX_NODES + " instances can generate sharded ids at once" );
		}
		catch (SQLException e) {
			closeHolder();
			closeQuietly( connection );
			throw new Unreachable( e );
		}
		catch (RuntimeException e) {
			closeHolder();
			closeQuietly( connection );
			throw e;
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

	/** Renews the lease every fifth of it, and takes a node again after it was lost: callers rarely wait. */
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
