package org.hibernate.shards.admin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.hibernate.shards.admin.internal.BinlogTail.Position;
import org.hibernate.shards.admin.internal.BinlogTail.ShardAddress;
import org.junit.jupiter.api.Test;

/**
 * What {@link BinlogTail} decides without a server: positions, addresses, whether a server's settings can be followed,
 * and how binary log values become keys. {@code BinlogTailTest} in hibernate-shards-test follows a real server.
 */
class BinlogTailDecisionsTest {

	@Test
	void positionsOrderByFileSequenceThenOffset() {
		List<Position> sorted = new ArrayList<>( List.of(
				new Position( "binlog.1000000", 4 ),
				new Position( "binlog.000002", 4 ),
				new Position( "binlog.000001", 900 ),
				new Position( "binlog.999999", 120 ),
				new Position( "binlog.000001", 256 ) ) );
		sorted.sort( null );

		assertEquals( List.of(
				new Position( "binlog.000001", 256 ),
				new Position( "binlog.000001", 900 ),
				new Position( "binlog.000002", 4 ),
				new Position( "binlog.999999", 120 ),
				new Position( "binlog.1000000", 4 ) ), sorted );
	}

	@Test
	void theAddressComesFromMysqlAndMariadbUrls() {
		assertEquals( new ShardAddress( "127.0.0.1", 33061, "shard_0" ),
				ShardAddress.parse( "jdbc:mysql://127.0.0.1:33061/shard_0?useSSL=false&password=x" ) );
		assertEquals( new ShardAddress( "db.example.com", 3306, "orders" ),
				ShardAddress.parse( "jdbc:mariadb://db.example.com/orders" ) );
		assertEquals( new ShardAddress( "::1", 3307, "a b" ),
				ShardAddress.parse( "jdbc:mysql://app:secret@[::1]:3307/a%20b" ) );
	}

	@Test
	void urlsWithSeveralHostsOrNoDatabaseAreRefusedWithoutShowingCredentials() {
		for ( String url : List.of( "jdbc:mysql://h1:3306,h2:3306/db?password=secret", "jdbc:mysql://app:secret@h1:3306/",
				"jdbc:postgresql://h1/db?password=secret", "jdbc:mysql:loadbalance://h1/db" ) ) {
			IllegalArgumentException refused = assertThrows( IllegalArgumentException.class, () -> ShardAddress.parse( url ) );
			assertFalse( refused.getMessage().contains( "secret" ), refused.getMessage() );
		}
	}

	@Test
	void aServerWithoutABinaryLogIsRefusedWithTheReason() {
		Optional<String> reason = BinlogTail.unavailableReason( Map.of( "log_bin", "OFF", "binlog_format", "ROW" ) );
		assertTrue( reason.orElseThrow().contains( "log_bin=OFF" ), reason.get() );
		assertTrue( BinlogTail.unavailableReason( Map.of() ).isPresent(), "a server that does not know log_bin has none" );
	}

	@Test
	void statementAndMixedFormatsAreRefused() {
		for ( String format : List.of( "STATEMENT", "MIXED" ) ) {
			Optional<String> reason = BinlogTail.unavailableReason( Map.of( "log_bin", "ON", "binlog_format", format ) );
			assertTrue( reason.orElseThrow().contains( "binlog_format=" + format ), reason.get() );
		}
	}

	@Test
	void minimalRowImagesAndCompressedOrPartialEventsAreRefused() {
		assertTrue( BinlogTail.unavailableReason( rowLog( "binlog_row_image", "MINIMAL" ) ).orElseThrow()
				.contains( "binlog_row_image=MINIMAL" ) );
		assertTrue( BinlogTail.unavailableReason( rowLog( "log_bin_compress", "ON" ) ).orElseThrow()
				.contains( "log_bin_compress=ON" ) );
		assertTrue( BinlogTail.unavailableReason( rowLog( "binlog_row_value_options", "PARTIAL_JSON" ) ).orElseThrow()
				.contains( "PARTIAL_JSON" ) );
	}

	@Test
	void aRowLogWithFullImagesIsFollowed() {
		assertEquals( Optional.empty(), BinlogTail.unavailableReason( rowLog( "binlog_row_image", "FULL" ) ) );
		assertEquals( Optional.empty(), BinlogTail.unavailableReason( rowLog( "binlog_row_image", "NOBLOB" ) ) );
		assertEquals( Optional.empty(), BinlogTail.unavailableReason( Map.of( "log_bin", "ON", "binlog_format", "ROW" ) ) );
	}

	@Test
	void unsignedIntegersAndStringsBecomeWhatJdbcReads() {
		KeyColumns keyColumns = KeyColumns.of( "db", "t", List.of(
				column( "tiny_u", 0, "tinyint", "tinyint(3) unsigned", null ),
				column( "int_u", 1, "int", "int(10) unsigned", null ),
				column( "big_u", 2, "bigint", "bigint(20) unsigned", null ),
				column( "big", 3, "bigint", "bigint(20)", null ),
				column( "name", 4, "varchar", "varchar(20)", "utf8mb4" ),
				column( "latin", 5, "char", "char(4)", "latin1" ),
				column( "amount", 6, "decimal", "decimal(5,2)", null ) ),
				List.of( "TINY_U", "int_u", "big_u", "big", "name", "latin", "amount" ) );
		Serializable[] image = { -1, -1, -1L, -1L, "größe".getBytes( StandardCharsets.UTF_8 ),
				new byte[] { 'c', 'a', 'f', (byte) 0xE9 }, new BigDecimal( "1.50" ) };
		BitSet all = new BitSet();
		all.set( 0, 7 );

		assertEquals( List.of( 255, 4294967295L, new BigInteger( "18446744073709551615" ), -1L, "größe", "café",
				new BigDecimal( "1.50" ) ), keyColumns.keyOf( image, keyColumns.positionsIn( all ) ) );
	}

	@Test
	void imagesWithoutSomeColumnsAreReadByPosition() {
		KeyColumns keyColumns = KeyColumns.of( "db", "t", List.of(
				column( "a", 0, "int", "int(11)", null ),
				column( "b", 1, "int", "int(11)", null ),
				column( "c", 2, "int", "int(11)", null ) ), List.of( "c" ) );
		BitSet aAndC = new BitSet();
		aAndC.set( 0 );
		aAndC.set( 2 );
		BitSet onlyA = new BitSet();
		onlyA.set( 0 );

		assertEquals( List.of( 3 ), keyColumns.keyOf( new Serializable[] { 1, 3 }, keyColumns.positionsIn( aAndC ) ) );
		IllegalStateException missing = assertThrows( IllegalStateException.class, () -> keyColumns.positionsIn( onlyA ) );
		assertTrue( missing.getMessage().contains( "binlog_row_image=FULL" ), missing.getMessage() );
	}

	@Test
	void keyColumnsOfOtherTypesAreRefusedByName() {
		IllegalArgumentException refused = assertThrows( IllegalArgumentException.class, () -> KeyColumns.of( "db", "t",
				List.of( column( "uuid", 0, "binary", "binary(16)", null ) ), List.of( "uuid" ) ) );
		assertTrue( refused.getMessage().contains( "db.t.uuid has type binary(16)" ), refused.getMessage() );
	}

	private static Map<String, String> rowLog(String variable, String value) {
		return Map.of( "log_bin", "ON", "binlog_format", "ROW", variable, value );
	}

	private static KeyColumns.Column column(String name, int ordinal, String dataType, String columnType, String charset) {
		return new KeyColumns.Column( name, ordinal, dataType, columnType, charset );
	}
}
