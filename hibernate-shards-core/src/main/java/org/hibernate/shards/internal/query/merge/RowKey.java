package org.hibernate.shards.internal.query.merge;

/** Some columns of a row as a hash key, equal when the database would call the values equal (collation keys, numbers by value). */
final class RowKey {
	private final Object[] values;
	private final int hash;

	RowKey(Object[] row, int[] columns) {
		this.values = new Object[columns.length];
		int h = 1;
		for ( int i = 0; i < columns.length; i++ ) {
			values[i] = row[columns[i]];
			h = 31 * h + SqlValues.hash( values[i] );
		}
		this.hash = h;
	}

	@Override
	public boolean equals(Object other) {
		if ( !( other instanceof RowKey key ) || key.values.length != values.length ) {
			return false;
		}
		for ( int i = 0; i < values.length; i++ ) {
			if ( !SqlValues.same( values[i], key.values[i] ) ) {
				return false;
			}
		}
		return true;
	}

	@Override
	public int hashCode() {
		return hash;
	}
}
