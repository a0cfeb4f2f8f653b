package org.hibernate.shards.it.query;

import org.hibernate.shards.test.MySqlShards;

/** The differential query suite over 1 physical shard: every query, refused ones included, must give one database's answer. */
@MySqlShards(1)
class CrossShardQueriesOn1ShardTest extends CrossShardQuerySuite {
}
