package org.hibernate.shards.spi;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where the {@link org.hibernate.shards.annotations.ShardedId} node lease lives: a MySQL-protocol database whose named
 * lock ({@code GET_LOCK}) keeps a node to one application instance, and whose table {@code hibernate_shards_id_node}
 * records how far each node's ids may go. Physical shard 0 by default; an extension offers another through
 * {@link ShardingExtension#idLeaseDatabase(java.util.Map)} (the partition directory offers its control database), so that
 * new ids do not depend on shard 0. Every instance sharing the shards must lease in the same database.
 */
public interface IdLeaseDatabase {

	/**
	 * @return what to call this database in messages, e.g. {@code "the control database"}; never its password
	 */
	String name();

	/**
	 * Opens a connection of the lease's own: not a pooled one, since the named lock belongs to the connection and goes
	 * with it. It must come with connect and socket timeouts, so that a database that hangs does not hold up issuing ids.
	 *
	 * @return a new connection; the lease closes it
	 */
	Connection openConnection() throws SQLException;

	/**
	 * @return the typed exception a persist meets when the lease ran out and this database cannot renew it: it names
	 *         this database
	 */
	RuntimeException unavailable(String message, Throwable cause);
}
