package org.hibernate.shards.test.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.hibernate.shards.test.MySqlShardsExtension;
import org.hibernate.shards.test.ShardDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The extension registered without the annotation uses the annotation's defaults. */
@ExtendWith(MySqlShardsExtension.class)
class ExtendWithDefaultsTest {

	@Test
	void fourSharedShards(ShardDatabases databases) {
		assertEquals( 4, databases.size() );
		assertFalse( databases.get( 0 ).canStopAndStart() );
	}
}
