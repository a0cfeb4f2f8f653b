package org.hibernate.shards.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.admin.ShardAdmin;
import org.hibernate.shards.admin.ShardStatus;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code shards status}: what every physical shard holds, against its capacity, and the moves under way. */
@Command(name = "status", mixinStandardHelpOptions = true,
		description = "Physical shards with their state, virtual shards, rows per entity and size against capacity; the directory's "
				+ "version; moves in progress.")
final class StatusCommand extends FactoryCommand {
	@Option(names = "--json", description = "print JSON instead of tables")
	boolean json;

	@Override
	int run(ShardedSessionFactory factory) {
		ShardStatus status = ShardAdmin.of( factory ).status();
		if ( json ) {
			Output.json( out(), StatusView.of( status ) );
			return 0;
		}
		List<List<String>> rows = new ArrayList<>();
		for ( ShardStatus.Shard shard : status.shards() ) {
			double used = shard.dataMb() + shard.indexMb();
			rows.add( List.of( String.valueOf( shard.id().getId() ), shard.state().name(), Output.ranges( shard.virtualShards() ),
					rowsText( shard.rowsByEntity() ), Output.megabytes( used ),
					shard.capacityMb() > 0 ? Output.megabytes( shard.capacityMb() ) : "-",
					shard.capacityMb() > 0 ? Math.round( 100 * used / shard.capacityMb() ) + "%" : "-" ) );
		}
		Output.table( out(), List.of( "SHARD", "STATE", "VIRTUAL SHARDS", "ROWS", "SIZE MB", "CAPACITY MB", "FILL" ), rows );
		out().println();
		out().println( "Directory version " + status.directoryVersion() + "; instances: " + status.instances().stream()
				.map( i -> i.host() + " at version " + i.directoryVersion() ).toList() );
		if ( status.moves().isEmpty() ) {
			out().println( "No move in progress" );
			return 0;
		}
		List<List<String>> moves = new ArrayList<>();
		for ( ShardStatus.Move move : status.moves() ) {
			moves.add( List.of( String.valueOf( move.moveId() ), move.partition() == null ? "virtual shard " + move.virtualShard() : move.partition(),
					move.source().getId() + " -> " + move.target().getId(), move.step().name(), copied( move ), move.running() ? "running" : "stopped",
					move.failure() == null ? "" : move.failure() ) );
		}
		out().println();
		Output.table( out(), List.of( "MOVE", "WHAT", "SHARDS", "STEP", "ROWS COPIED", "MOVER", "FAILURE" ), moves );
		return 0;
	}

	/** @return "1,200 of 5,000", "1,200" or "-": the copy's progress as its mover last recorded it */
	static String copied(ShardStatus.Move move) {
		if ( move.rowsCopied() < 0 ) {
			return "-";
		}
		return Output.number( move.rowsCopied() ) + ( move.rowsEstimated() < 0 ? "" : " of " + Output.number( move.rowsEstimated() ) );
	}

	private static String rowsText(Map<String, Long> rowsByEntity) {
		List<String> parts = new ArrayList<>();
		new TreeMap<>( rowsByEntity ).forEach( (entity, rows) -> parts.add( simpleName( entity ) + " " + Output.number( rows ) ) );
		return parts.isEmpty() ? "-" : String.join( ", ", parts );
	}

	static String simpleName(String entityName) {
		return entityName.substring( entityName.lastIndexOf( '.' ) + 1 );
	}
}
