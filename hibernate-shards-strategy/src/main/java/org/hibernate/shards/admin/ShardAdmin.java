package org.hibernate.shards.admin;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.spi.ShardedSessionFactoryImplementor;
import org.hibernate.shards.strategy.directory.DirectorySettings;

/**
 * Changes where virtual shards live while applications keep running: moves a virtual shard with its rows to another
 * physical shard, reports what each shard holds, and resumes or rolls back a move that stopped half way.
 * <pre>{@code
 * ShardAdmin admin = ShardAdmin.of(factory);
 * MoveReport report = admin.moveVirtualShard(17, ShardId.of(3)).await();
 * }</pre>
 * A move copies the virtual shard's rows, keeps up with writes made meanwhile, verifies the copy, switches the
 * placement in the partition directory and only then purges the old rows. Every instance that shares the directory
 * honours the switch, even one whose copy of the directory is stale: writes meet a fence on the old shard. See the
 * operations guide ({@code docs/operations.md}) for what applications see during a move.
 */
public interface ShardAdmin {

	/**
	 * @return the administration of a factory built with {@code hibernate.shards.directory.enabled=true}
	 * @throws ShardAdminException when the factory has no partition directory
	 */
	static ShardAdmin of(ShardedSessionFactory factory) {
		ShardAdmin admin = factory.unwrap( ShardedSessionFactoryImplementor.class ).getExtension( ShardAdmin.class );
		if ( admin == null ) {
			throw new ShardAdminException( "Moving virtual shards needs the partition directory, which records where each one lives "
					+ "and which every instance follows: set " + DirectorySettings.ENABLED + "=true and put hibernate-shards-strategy on the class path" );
		}
		return admin;
	}

	/**
	 * Starts moving a virtual shard, with its rows, to another physical shard, or resumes its move there if one stopped
	 * half way. Returns at once; the move runs in the background.
	 *
	 * @throws ShardAdminException before anything is changed: the virtual or physical shard does not exist, the virtual
	 *         shard is already there, another process is moving it, or its rows cannot be told apart
	 */
	MoveHandle moveVirtualShard(int virtualShard, ShardId target);

	/**
	 * Starts moving one partition of an entity to another virtual shard, with its rows and the rows that live with them
	 * (entities whose {@code @ShardKey} is an association to it, their collection tables), as HSCALE's
	 * {@code MOVE_PARTITION} did. When both virtual shards live on one physical shard only the directory changes;
	 * otherwise the rows are copied, caught up, verified, switched and purged as a virtual shard's are, and only writes
	 * to the partition's current virtual shard pause, for the final catch-up. Returns at once; the move runs in the
	 * background. While it runs, queries over the entity that span several shards are refused (its rows do not carry
	 * their virtual shard, so copies could not be told apart); queries and writes routed by key go on.
	 *
	 * @param partitionName the partition's name, as {@code ShardDirectory.addPartition} gave it
	 * @return the running move; its {@link MoveHandle#virtualShard()} is the partition's current virtual shard
	 * @throws ShardAdminException before anything is changed: the entity, partition or virtual shard does not exist,
	 *         the partition is there already, a move of either virtual shard is under way, or ids carry the rows'
	 *         virtual shard ({@code @ShardedId}), which then cannot change
	 */
	MoveHandle movePartition(String entity, String partitionName, int virtualShard);

	/** @return what each physical shard holds and which moves are under way or stopped half way */
	ShardStatus status();

	/**
	 * Counts the rows of every virtual shard, wherever it lives: every sharded table's rows, by the virtual shard they
	 * belong to. It reads every table of every shard (tables whose ids do not carry their virtual shard are read row by
	 * row), so it is for operators and consoles, not for a request path.
	 *
	 * @return rows by virtual shard; virtual shards without rows are absent
	 */
	java.util.Map<Integer, Long> rowsByVirtualShard();

	/**
	 * Plans moves, largest virtual shards first, that bring every physical shard under its capacity, activating standby shards as needed,
	 * and starts them unless this is a dry run.
	 *
	 * @param dryRun {@code true} to plan only and change nothing
	 */
	RebalancePlan rebalance(boolean dryRun);

	/**
	 * Adds a physical shard while applications run: opens it here, creates the mapped tables on it and records it in the
	 * directory (its URL and capacity, never credentials: each instance connects with its own configuration's, the
	 * shared ones or {@code hibernate.shards.<n>.*} for the new number). Every instance opens it on its next directory
	 * refresh. It holds no virtual shards until moves (or a rebalance) put some there.
	 *
	 * @param capacityMb its capacity in MB, or 0 for none
	 * @return the new shard's number
	 * @throws ShardAdminException when the URL is blank or already a shard's, or the shard cannot be reached; nothing is
	 *         recorded then
	 */
	ShardId addShard(String jdbcUrl, double capacityMb);

	/** Tells a listener about every move this administration runs from now on. */
	void addListener(MoveListener listener);

	/** Resumes every move that stopped half way (its mover died or failed). */
	java.util.List<MoveHandle> resume();

	/**
	 * Rolls back a move that stopped before its switch: the virtual shard (or partition) stays where it was, writes to
	 * it go on there, and its rows are removed from the target.
	 *
	 * @param virtualShard the moving virtual shard; for a partition's move, either its old or its new virtual shard
	 *
	 * @throws ShardAdminException when the move has switched already (move it back instead) or is running
	 */
	void rollback(int virtualShard);
}
