/**
 * Internals of shard administration, such as following a shard's binary log while a virtual shard moves. Not API:
 * classes here are public only where tests in other modules need them, and may change without notice.
 */
package org.hibernate.shards.admin.internal;
