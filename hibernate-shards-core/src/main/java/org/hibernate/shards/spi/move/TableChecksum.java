package org.hibernate.shards.spi.move;

/**
 * The rows of one virtual shard in one table on one physical shard, summarised: two shards agree when both numbers do.
 *
 * @param rows how many rows
 * @param checksum the sum (modulo 2<sup>64</sup>) of a 60-bit hash of each row's every column, so the order of rows
 *        does not matter and one changed value changes it
 */
public record TableChecksum(long rows, long checksum) {
}
