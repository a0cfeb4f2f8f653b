package org.hibernate.shards.bench.report;

import java.nio.file.Paths;

/** Prints the summary of a JFR recording the way the page shows it: {@code JfrDump <file.jfr> [lines]}. */
public final class JfrDump {
	private JfrDump() {
	}

	public static void main(String[] args) throws Exception {
		JfrSummary summary = JfrSummary.of( Paths.get( args[0] ) );
		int lines = args.length > 1 ? Integer.parseInt( args[1] ) : 20;
		StringBuilder text = new StringBuilder( summary.samples + " CPU samples\n\nComponents:\n" );
		Report.appendTop( text, summary.components, summary.samples, lines );
		text.append( "\nLibrary methods:\n" );
		Report.appendTop( text, summary.libraryMethods, summary.samples, lines );
		text.append( "\nInclusive:\n" );
		Report.appendTop( text, summary.inclusive, summary.samples, lines );
		text.append( "\nInnermost frames:\n" );
		Report.appendTop( text, summary.topFrames, summary.samples, lines );
		System.out.print( text );
	}
}
