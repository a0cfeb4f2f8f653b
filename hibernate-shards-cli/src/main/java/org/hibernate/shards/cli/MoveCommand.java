package org.hibernate.shards.cli;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.admin.MoveHandle;
import org.hibernate.shards.admin.ShardAdmin;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code shards move}: a virtual shard to another physical shard, or a partition to another virtual shard, with its rows. */
@Command(name = "move", mixinStandardHelpOptions = true,
		description = { "Move a virtual shard to another physical shard, or a partition to another virtual shard, with their rows, "
				+ "while applications keep writing. Waits for the move and shows its progress.",
				"  shards move --virtual-shard 17 --to 4",
				"  shards move --entity User --partition mar --to-virtual-shard 40" })
final class MoveCommand extends FactoryCommand {
	@ArgGroup(exclusive = true, multiplicity = "1")
	What what;

	static final class What {
		@ArgGroup(exclusive = false)
		VirtualShard virtualShard;

		@ArgGroup(exclusive = false)
		PartitionMove partition;
	}

	static final class VirtualShard {
		@Option(names = "--virtual-shard", required = true, paramLabel = "V", description = "the virtual shard to move")
		int virtualShard;

		@Option(names = "--to", required = true, paramLabel = "SHARD", description = "the physical shard it goes to")
		int to;
	}

	static final class PartitionMove {
		@Option(names = "--entity", required = true, paramLabel = "ENTITY", description = "the partition's entity, by its JPA name")
		String entity;

		@Option(names = "--partition", required = true, paramLabel = "NAME", description = "the partition to move")
		String partition;

		@Option(names = "--to-virtual-shard", required = true, paramLabel = "V", description = "the virtual shard it goes to")
		int to;
	}

	@Override
	int run(ShardedSessionFactory factory) {
		ShardAdmin admin = ShardAdmin.of( factory );
		if ( what.virtualShard != null ) {
			MoveHandle handle = admin.moveVirtualShard( what.virtualShard.virtualShard, ShardId.of( what.virtualShard.to ) );
			MoveWatch.await( handle, "virtual shard " + what.virtualShard.virtualShard, out(), System.err );
		}
		else {
			MoveHandle handle = admin.movePartition( what.partition.entity, what.partition.partition, what.partition.to );
			MoveWatch.await( handle, "partition " + what.partition.partition + " of " + what.partition.entity + " (to virtual shard "
					+ what.partition.to + ")", out(), System.err );
		}
		return 0;
	}
}
