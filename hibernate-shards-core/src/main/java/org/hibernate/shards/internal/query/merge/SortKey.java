package org.hibernate.shards.internal.query.merge;

/**
 * One ORDER BY item, as a column of the merged rows.
 *
 * @param column the column holding the value to compare (a collation key for strings, where the database gave one)
 * @param descending whether the order is descending
 * @param nullsFirst where NULL goes; MySQL's own rule, when the query does not say, is that NULL is the smallest value
 */
public record SortKey(int column, boolean descending, boolean nullsFirst) {

	/** MySQL's default: NULL first when ascending, last when descending. */
	public static SortKey mysqlDefault(int column, boolean descending) {
		return new SortKey( column, descending, !descending );
	}
}
