package org.hibernate.shards.internal.failure;

/**
 * What went wrong on a shard, as its failures are counted: the shard could not be reached (or stopped answering), a
 * statement ran out of time, or the database refused a statement.
 */
public enum FailureKind {
	/** Connection refused, lost or timed out on the socket; also while the shard fails fast. */
	UNAVAILABLE( "unavailable" ),
	/** A statement's own timeout: a query timeout ({@code setTimeout}) or a lock wait timeout. */
	TIMEOUT( "timeout" ),
	/** Any other refusal of the database: a constraint, a deadlock, an SQL error. */
	DATABASE( "database" );

	private final String tag;

	FailureKind(String tag) {
		this.tag = tag;
	}

	/** @return the value of the {@code type} tag of {@code hibernate.shards.errors} */
	public String tag() {
		return tag;
	}
}
