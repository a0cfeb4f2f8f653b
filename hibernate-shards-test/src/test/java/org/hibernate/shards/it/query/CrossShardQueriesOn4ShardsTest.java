package org.hibernate.shards.it.query;

import org.hibernate.shards.test.MySqlShards;

/** The differential query suite over 4 physical shards. */
@MySqlShards(4)
class CrossShardQueriesOn4ShardsTest extends CrossShardQuerySuite {
}
