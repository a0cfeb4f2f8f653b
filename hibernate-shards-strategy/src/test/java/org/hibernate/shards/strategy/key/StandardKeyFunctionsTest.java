package org.hibernate.shards.strategy.key;

import org.hibernate.shards.spi.key.ShardKeyFunction;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;

import org.hibernate.shards.ShardKeyException;
import org.junit.jupiter.api.Test;

class StandardKeyFunctionsTest {
	private final StandardKeyFunctions functions = new StandardKeyFunctions();

	private ShardKeyFunction create(String name, Class<?> type, String... arguments) {
		return functions.create( name, List.of( arguments ), type );
	}

	@Test
	void modGroupsByFloorRemainderSoNegativeKeysWork() {
		ShardKeyFunction mod = create( "MOD", Long.class, "3" );
		assertEquals( 1L, mod.partitionOf( 1L ) );
		assertEquals( 1L, mod.partitionOf( 4 ) );
		assertEquals( 1L, mod.partitionOf( 7L ) );
		assertEquals( 1L, mod.partitionOf( -2L ) );
		assertEquals( 0L, mod.partitionOf( BigInteger.valueOf( -3 ) ) );
		assertEquals( 2L, mod.partitionFromText( "2" ) );
		assertThrows( IllegalArgumentException.class, () -> mod.partitionFromText( "3" ) );
		assertThrows( ShardKeyException.class, () -> mod.partitionOf( "7" ) );
	}

	@Test
	void divMakesFixedWidthRangesFlooringNegatives() {
		ShardKeyFunction div = create( "DIV", Integer.class, "1000" );
		assertEquals( 0L, div.partitionOf( 0 ) );
		assertEquals( 0L, div.partitionOf( 999 ) );
		assertEquals( 1L, div.partitionOf( 1000 ) );
		assertEquals( -1L, div.partitionOf( -1 ) );
		assertEquals( -1L, div.partitionOf( -1000 ) );
		assertEquals( -2L, div.partitionOf( -1001 ) );
	}

	@Test
	void prefixCountsCharactersAndKeepsShortStrings() {
		ShardKeyFunction prefix = create( "PREFIX", String.class, "3" );
		assertEquals( "foo", prefix.partitionOf( "foo" ) );
		assertEquals( "foo", prefix.partitionOf( "foobar" ) );
		assertEquals( "foo", prefix.partitionOf( "footalicious" ) );
		assertEquals( "fo", prefix.partitionOf( "fo" ) );
		assertEquals( "", prefix.partitionOf( "" ) );
		assertEquals( "zoe", prefix.partitionOf( "Zoë Smith" ), "folded as routing compares text" );
		assertEquals( "a😀b", prefix.partitionOf( "a😀bc" ), "an emoji is one character, not two UTF-16 units" );
		assertEquals( "123", prefix.partitionOf( 12345 ), "any value is read as a string" );
		assertThrows( IllegalArgumentException.class, () -> prefix.partitionFromText( "four" ) );
	}

	@Test
	void noneIsTheValueItself() {
		ShardKeyFunction none = create( "NONE", String.class );
		assertEquals( "x", none.partitionOf( "x" ) );
		assertEquals( 7L, none.partitionOf( 7L ) );
	}

	@Test
	void dateGroupsLocalValuesAsTheyAreAndInstantsInUtc() {
		assertEquals( "2025-03", create( "DATE", LocalDate.class, "yyyy-MM" ).partitionOf( LocalDate.of( 2025, 3, 31 ) ) );
		assertEquals( "2025-03-31", create( "DATE", LocalDateTime.class, "yyyy-MM-dd" ).partitionOf( LocalDateTime.of( 2025, 3, 31, 23, 30 ) ) );
		Instant lateOnMarch31Utc = Instant.parse( "2025-03-31T23:30:00Z" );
		assertEquals( "2025-03", create( "DATE", Instant.class, "yyyy-MM" ).partitionOf( lateOnMarch31Utc ) );
		assertEquals( "2025-03", create( "DATE", Date.class, "yyyy-MM" ).partitionOf( Date.from( lateOnMarch31Utc ) ) );
		// 01:30 on April 1st in UTC+2 is still March 31st in UTC.
		OffsetDateTime east = OffsetDateTime.of( 2025, 4, 1, 1, 30, 0, 0, ZoneOffset.ofHours( 2 ) );
		assertEquals( "2025-03", create( "DATE", OffsetDateTime.class, "yyyy-MM" ).partitionOf( east ) );
	}

	@Test
	void rangeIsClosedBelowAndOpenAbove() {
		ShardKeyFunction range = create( "RANGE", Long.class, "100", "1000" );
		assertEquals( 0L, range.partitionOf( -5L ) );
		assertEquals( 0L, range.partitionOf( 99L ) );
		assertEquals( 1L, range.partitionOf( 100L ) );
		assertEquals( 1L, range.partitionOf( 999 ) );
		assertEquals( 2L, range.partitionOf( 1000L ) );
		assertEquals( 2L, range.partitionOf( Long.MAX_VALUE ) );
		ShardKeyFunction byName = create( "RANGE", String.class, "h", "p" );
		assertEquals( 0L, byName.partitionOf( "apple" ) );
		assertEquals( 1L, byName.partitionOf( "h" ) );
		assertEquals( 2L, byName.partitionOf( "zebra" ) );
		ShardKeyFunction byDay = create( "RANGE", LocalDate.class, "2025-01-01" );
		assertEquals( 1L, byDay.partitionOf( LocalDate.of( 2025, 1, 1 ) ) );
	}

	@Test
	void functionsRefuseKeysAndArgumentsTheyCannotTake() {
		assertMessage( "MOD takes integer keys", () -> create( "MOD", String.class, "3" ) );
		assertMessage( "positive", () -> create( "MOD", Long.class, "0" ) );
		assertMessage( "positive integer", () -> create( "DIV", Long.class, "x" ) );
		assertMessage( "one argument", () -> create( "PREFIX", String.class ) );
		assertMessage( "cannot format a LocalDate", () -> create( "DATE", LocalDate.class, "yyyy-MM-dd HH" ) );
		assertMessage( "DATE takes", () -> create( "DATE", String.class, "yyyy" ) );
		assertMessage( "must increase", () -> create( "RANGE", Long.class, "10", "10" ) );
		assertMessage( "is not a Long", () -> create( "RANGE", Long.class, "ten" ) );
		assertMessage( "no arguments", () -> create( "NONE", String.class, "1" ) );
	}

	// ---- strings are compared as routing compares them: case, accents and trailing spaces ignored

	private static final List<String> ZED = List.of( "Zed", "zed", "ZÉD ", "Ze\u0301d", "ZED   " );

	@Test
	void rangePlacesCaseAndAccentVariantsOfAStringInOneRange() {
		ShardKeyFunction range = create( "RANGE", String.class, "m", "t" );
		for ( String zed : ZED ) {
			assertEquals( 2L, range.partitionOf( zed ), zed );
		}
		assertEquals( 0L, range.partitionOf( "Apple" ) );
		assertEquals( 0L, range.partitionOf( "apple" ) );
		assertEquals( 1L, range.partitionOf( "M" ), "the boundary 'm' is 'M' too" );
		assertEquals( 1L, range.partitionOf( "Ñandu" ), "'Ñ' is 'n', between 'm' and 't'" );
		ShardKeyFunction upperBoundaries = create( "RANGE", String.class, "M", "T" );
		for ( String key : List.of( "Zed", "apple", "Mike", "tango" ) ) {
			assertEquals( range.partitionOf( key ), upperBoundaries.partitionOf( key ), "boundaries are folded too: " + key );
		}
	}

	@Test
	void rangeBoundariesMustIncreaseOnceFolded() {
		assertMessage( "as routing compares strings", () -> create( "RANGE", String.class, "zed", "Zed" ) );
		assertMessage( "'É' ('e') is not below 'e ' ('e')", () -> create( "RANGE", String.class, "É", "e " ) );
		assertMessage( "'b' ('b') is not below 'A' ('a')", () -> create( "RANGE", String.class, "b", "A" ) );
		assertMessage( "empty once trailing spaces are ignored", () -> create( "RANGE", String.class, "   " ) );
		// 'a' sorts after 'B' in Java, but not once folded.
		assertEquals( 1L, create( "RANGE", String.class, "a", "B" ).partitionOf( "Anna" ) );
	}

	@Test
	void prefixFoldsTheKeyBeforeTakingItsFirstCharacters() {
		ShardKeyFunction prefix = create( "PREFIX", String.class, "3" );
		for ( String zed : ZED ) {
			assertEquals( "zed", prefix.partitionOf( zed ), zed );
		}
		assertEquals( "emi", prefix.partitionOf( "Émile" ) );
		assertEquals( "emi", prefix.partitionOf( "E\u0301mile" ), "a combining accent is not a character of the prefix" );
		assertEquals( "emi", prefix.partitionOf( "EMILIE" ) );
		assertEquals( "zed", prefix.partitionFromText( "ZÉD" ), "partitions written as text are folded too" );
		assertEquals( "ab", prefix.partitionFromText( "AB  " ) );
	}

	@Test
	void noneFoldsTextSoThatEqualStringsAreOnePartition() {
		ShardKeyFunction none = create( "NONE", String.class );
		for ( String zed : ZED ) {
			assertEquals( "zed", none.partitionOf( zed ), zed );
		}
		assertEquals( "z", none.partitionOf( 'Z' ) );
		assertEquals( "zed", none.partitionFromText( "ZÉD " ) );
	}

	@Test
	void dateReadsPartitionTextIgnoringCase() {
		ShardKeyFunction month = create( "DATE", LocalDate.class, "MMM" );
		assertEquals( "Jan", month.partitionOf( LocalDate.of( 2025, 1, 5 ) ) );
		assertEquals( "Jan", month.partitionFromText( "Jan" ) );
		assertEquals( "Jan", month.partitionFromText( "JAN" ) );
		assertEquals( "Jan", month.partitionFromText( "jan " ) );
		assertThrows( IllegalArgumentException.class, () -> month.partitionFromText( "Jna" ) );
		assertThrows( IllegalArgumentException.class, () -> create( "DATE", LocalDate.class, "yyyy-MM-dd" ).partitionFromText( "2025-02-30" ) );
		assertMessage( "DATE takes", () -> create( "DATE", String.class, "MMM" ) );
	}

	@Test
	void modAndDivRefuseStringKeysWhateverTheirCase() {
		for ( String function : List.of( "MOD", "DIV" ) ) {
			assertMessage( function + " takes integer keys", () -> create( function, String.class, "3" ) );
			ShardKeyFunction integers = create( function, Long.class, "3" );
			for ( String zed : ZED ) {
				ShardKeyException failure = assertThrows( ShardKeyException.class, () -> integers.partitionOf( zed ) );
				assertTrue( failure.getMessage().contains( function + " takes integer keys" ), failure.getMessage() );
			}
		}
	}

	private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable executable) {
		IllegalArgumentException e = assertThrows( IllegalArgumentException.class, executable );
		assertTrue( e.getMessage().contains( expected ), e.getMessage() );
	}
}
