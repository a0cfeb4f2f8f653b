package org.hibernate.shards.cli;

/** What a refused or failed command prints: the library's message, which names the cause and the fix. */
final class Failures {
	private Failures() {
	}

	static String describe(Throwable failure) {
		String message = failure.getMessage();
		StringBuilder text = new StringBuilder( message == null ? failure.getClass().getSimpleName() : message );
		// A wrapped cause often says what went wrong underneath (the database's own words): show the innermost one.
		Throwable root = failure;
		while ( root.getCause() != null && root.getCause() != root ) {
			root = root.getCause();
		}
		if ( root != failure && root.getMessage() != null && ( message == null || !message.contains( root.getMessage() ) ) ) {
			text.append( System.lineSeparator() ).append( "  caused by: " ).append( root.getMessage() );
		}
		return "shards: " + text;
	}
}
