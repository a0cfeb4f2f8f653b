package org.hibernate.shards.it.query;

import org.hibernate.shards.test.MySqlShards;

/** The differential query suite over 2 physical shards. */
@MySqlShards(2)
class CrossShardQueriesOn2ShardsTest extends CrossShardQuerySuite {
}
