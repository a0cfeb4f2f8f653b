package org.hibernate.shards.bench.report;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Collection;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.format.OutputFormat;

/** JMH's full output goes to a log file; the console gets one line per benchmark. */
public final class ProgressOutput implements OutputFormat {
	private final OutputFormat log;
	private final PrintStream console;
	private long started;

	public ProgressOutput(OutputFormat log, PrintStream console) {
		this.log = log;
		this.console = console;
	}

	@Override
	public void iteration(BenchmarkParams benchParams, IterationParams params, int iteration) {
		log.iteration( benchParams, params, iteration );
	}

	@Override
	public void iterationResult(BenchmarkParams benchParams, IterationParams params, int iteration, IterationResult data) {
		log.iterationResult( benchParams, params, iteration, data );
	}

	@Override
	public void startBenchmark(BenchmarkParams benchParams) {
		started = System.nanoTime();
		log.startBenchmark( benchParams );
	}

	@Override
	public void endBenchmark(BenchmarkResult result) {
		log.endBenchmark( result );
		if ( result != null ) {
			BenchmarkParams params = result.getParams();
			String name = params.getBenchmark().substring( params.getBenchmark().lastIndexOf( '.', params.getBenchmark().lastIndexOf( '.' ) - 1 ) + 1 );
			console.printf( java.util.Locale.ROOT, "  %-28s %-20s %d thread(s): %,12.1f %s (%.0f s)%n", name,
					params.getParam( "impl" ), params.getThreads(), result.getPrimaryResult().getScore(),
					result.getPrimaryResult().getScoreUnit(), ( System.nanoTime() - started ) / 1e9 );
		}
	}

	@Override
	public void startRun() {
		log.startRun();
	}

	@Override
	public void endRun(Collection<RunResult> result) {
		log.endRun( result );
	}

	@Override
	public void print(String s) {
		log.print( s );
	}

	@Override
	public void println(String s) {
		log.println( s );
	}

	@Override
	public void flush() {
		log.flush();
	}

	@Override
	public void close() {
		log.close();
	}

	@Override
	public void verbosePrintln(String s) {
		log.verbosePrintln( s );
	}

	@Override
	public void write(int b) {
		log.write( b );
	}

	@Override
	public void write(byte[] b) throws IOException {
		log.write( b );
	}
}
