package org.hibernate.shards.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;

import org.hibernate.shards.admin.MoveHandle;
import org.hibernate.shards.admin.MoveProgress;
import org.hibernate.shards.admin.MoveReport;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Follows running moves to their end with a progress bar on standard error (rows copied, rate, time left), then
 * prints each move's report on standard output.
 */
final class MoveWatch {
	private static final long POLL_MILLIS = 200;

	private MoveWatch() {
	}

	static void await(List<MoveHandle> handles, PrintWriter out, PrintStream progress) {
		for ( MoveHandle handle : handles ) {
			await( handle, "virtual shard " + handle.virtualShard(), out, progress );
		}
	}

	/** @param what what moves, for the report: "virtual shard 5", "partition mar of Member" */
	static void await(MoveHandle handle, String what, PrintWriter out, PrintStream progress) {
		MoveReport report = follow( handle, what, progress );
		out.println( "Moved " + what + " from shard " + report.source().getId() + " to shard "
				+ report.target().getId() + ": " + Output.number( report.rowsByEntity().values().stream().mapToLong( Long::longValue ).sum() )
				+ " rows, writes paused " + report.writePause().toMillis() + " ms, " + report.elapsed().toMillis() + " ms in all" );
	}

	private static MoveReport follow(MoveHandle handle, String what, PrintStream progress) {
		try ( ProgressBar bar = new ProgressBarBuilder().setTaskName( what ).setInitialMax( -1 )
				.setUnit( " rows", 1 ).showSpeed().setUpdateIntervalMillis( (int) POLL_MILLIS )
				.setStyle( System.console() != null ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK : ProgressBarStyle.ASCII )
				.setConsumer( new ConsoleProgressBarConsumer( progress ) ).build() ) {
			while ( !handle.isDone() ) {
				show( bar, handle.progress() );
				try {
					Thread.sleep( POLL_MILLIS );
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					break;
				}
			}
			show( bar, handle.progress() );
		}
		progress.println(); // the bar redraws its line with carriage returns; end it
		// Throws the move's failure, typed, when it stopped.
		return handle.await();
	}

	private static void show(ProgressBar bar, MoveProgress progress) {
		long copied = progress.totalRowsCopied();
		if ( progress.estimatedTimeLeft() != null && progress.rowsPerSecond() > 0 ) {
			bar.maxHint( copied + (long) ( progress.rowsPerSecond() * progress.estimatedTimeLeft().toMillis() / 1000.0 ) );
		}
		bar.stepTo( copied );
		bar.setExtraMessage( " " + progress.step().name().toLowerCase( java.util.Locale.ROOT ) );
	}
}
