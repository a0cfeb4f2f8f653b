package org.hibernate.shards.test.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The end of a server log, for failure messages.
 */
final class LogTail {

	private static final int LINES = 30;

	private LogTail() {
	}

	static String of(Path log) {
		return of( log, 0 );
	}

	/**
	 * @param fromByte where the output of interest starts (the log is appended to by every start)
	 */
	static String of(Path log, long fromByte) {
		try {
			byte[] bytes = Files.readAllBytes( log );
			int from = (int) Math.min( Math.max( fromByte, 0 ), bytes.length );
			// decode leniently: a failure message must not fail on a stray byte
			List<String> lines = new String( bytes, from, bytes.length - from, StandardCharsets.UTF_8 ).lines().toList();
			List<String> tail = lines.subList( Math.max( 0, lines.size() - LINES ), lines.size() );
			return "Last lines of " + log + ":\n  " + String.join( "\n  ", tail );
		}
		catch (IOException e) {
			return "(no log at " + log + ": " + e + ")";
		}
	}
}
