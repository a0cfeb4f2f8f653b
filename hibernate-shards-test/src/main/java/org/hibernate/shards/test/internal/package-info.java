/**
 * Implementation of the shard test extension: where servers come from and how they are started,
 * shared and cleaned up. Not API: may change without notice.
 */
package org.hibernate.shards.test.internal;
