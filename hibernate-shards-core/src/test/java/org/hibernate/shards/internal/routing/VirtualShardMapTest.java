package org.hibernate.shards.internal.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardingConfigurationException;
import org.junit.jupiter.api.Test;

class VirtualShardMapTest {
	private static final List<ShardId> THREE = List.of( ShardId.of( 0 ), ShardId.of( 1 ), ShardId.of( 2 ) );

	@Test
	void evenSpreadGivesContiguousEqualRanges() {
		VirtualShardMap map = VirtualShardMap.evenlySpread( 8, List.of( ShardId.of( 0 ), ShardId.of( 1 ) ) );
		assertEquals( "0-3:0,4-7:1", map.toString() );
		assertEquals( List.of( 4, 5, 6, 7 ), map.virtualShardsOf( ShardId.of( 1 ) ) );
	}

	@Test
	void explicitMapIsParsedAndPrintedBack() {
		VirtualShardMap map = VirtualShardMap.parse( "0-7:0, 8-15:1,16-31:2", 32, THREE );
		assertEquals( ShardId.of( 1 ), map.physicalShardOf( 8 ) );
		assertEquals( ShardId.of( 2 ), map.physicalShardOf( 31 ) );
		assertEquals( "0-7:0,8-15:1,16-31:2", map.toString() );
	}

	@Test
	void aShardWithoutVirtualShardsIsStandby() {
		VirtualShardMap map = VirtualShardMap.parse( "0-3:0,4-7:2", 8, THREE );
		assertEquals( List.of( ShardId.of( 0 ), ShardId.of( 2 ) ), map.activeShards() );
		assertEquals( THREE, map.physicalShards() );
	}

	@Test
	void unassignedVirtualShardsAreNamed() {
		ShardingConfigurationException e = assertThrows( ShardingConfigurationException.class,
				() -> VirtualShardMap.parse( "0-3:0,6-7:1", 8, THREE ) );
		assertTrue( e.getMessage().contains( "hibernate.shards.virtual_shard_map='0-3:0,6-7:1'" ), e.getMessage() );
		assertTrue( e.getMessage().contains( "virtual shards 4-5 are not assigned" ), e.getMessage() );
	}

	@Test
	void badEntriesAreRefusedWithTheReason() {
		assertMessage( "assigned twice", "0-4:0,4-7:1" );
		assertMessage( "physical shard 3 is not configured", "0-7:3" );
		assertMessage( "virtual shard 8 does not exist", "0-8:0" );
		assertMessage( "'x' is not a number", "0-x:0" );
		assertMessage( "not of the form", "0-7" );
		assertMessage( "runs backwards", "7-0:0" );
	}

	private static void assertMessage(String expected, String text) {
		ShardingConfigurationException e = assertThrows( ShardingConfigurationException.class, () -> VirtualShardMap.parse( text, 8, THREE ) );
		assertTrue( e.getMessage().contains( expected ), e.getMessage() );
	}
}
