package org.hibernate.shards.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.hibernate.shards.ShardingConfigurationException;
import org.junit.jupiter.api.Test;

/** Typed reads of settings for extensions: defaults when unset or blank, and errors naming the property, value and what is expected. */
class SettingValuesTest {
	private static final String NAME = "hibernate.shards.example.value";

	private static SettingValues with(Object value) {
		return SettingValues.of( Map.of( NAME, value ) );
	}

	private static void assertRefused(String expectedMessage, Runnable read) {
		assertEquals( expectedMessage, assertThrows( ShardingConfigurationException.class, read::run ).getMessage() );
	}

	@Test
	void anUnsetOrBlankValueGivesTheDefault() {
		SettingValues unset = SettingValues.of( Map.of() );
		assertTrue( unset.bool( NAME, true ) );
		assertEquals( 7, unset.intValue( NAME, 1, 10, 7 ) );
		assertEquals( 7L, unset.longValue( NAME, 1, 10, 7 ) );
		assertEquals( OptionalInt.empty(), unset.optionalInt( NAME, 1, 10 ) );
		assertEquals( Optional.empty(), unset.text( NAME ) );
		assertEquals( "a", unset.choice( NAME, "a", "a", "b" ) );
		assertEquals( OptionalInt.empty(), with( "  " ).optionalInt( NAME, 1, 10 ) );
		assertFalse( with( "" ).bool( NAME, false ) );
	}

	@Test
	void valuesAreReadTrimmedAndFromAnyObject() {
		assertTrue( with( " TRUE " ).bool( NAME, false ) );
		assertTrue( with( Boolean.TRUE ).bool( NAME, false ) );
		assertEquals( 42, with( 42 ).intValue( NAME, 1, 100, 1 ) );
		assertEquals( OptionalInt.of( 3 ), with( " 3" ).optionalInt( NAME, 0, 31 ) );
		assertEquals( Optional.of( "x y" ), with( " x y " ).text( NAME ) );
		assertEquals( "parallel", with( "Parallel" ).choice( NAME, "sequential", "sequential", "parallel" ) );
	}

	@Test
	void aBooleanThatIsNotTrueOrFalse() {
		assertRefused( NAME + "=yes is not true or false", () -> with( "yes" ).bool( NAME, false ) );
	}

	@Test
	void aNumberThatIsNotAWholeNumber() {
		assertRefused( NAME + "=1.5 is not a whole number", () -> with( "1.5" ).intValue( NAME, 1, 10, 1 ) );
		assertRefused( NAME + "=ten is not a whole number", () -> with( "ten" ).longValue( NAME, 1, 10, 1 ) );
	}

	@Test
	void aNumberOutOfRangeNamesTheRange() {
		assertRefused( NAME + "=0 is out of range: expected 1 to 1024", () -> with( "0" ).intValue( NAME, 1, 1024, 1 ) );
		assertRefused( NAME + "=32 is out of range: expected 0 to 31", () -> with( "32" ).optionalInt( NAME, 0, 31 ) );
		assertRefused( NAME + "=99999999999 is out of range: expected 1 to 2147483647",
				() -> with( "99999999999" ).intValue( NAME, 1, Integer.MAX_VALUE, 1 ) );
	}

	@Test
	void aChoiceNamesTheAcceptedWords() {
		assertRefused( NAME + "=round_robin is not sequential or parallel",
				() -> with( "round_robin" ).choice( NAME, "sequential", "sequential", "parallel" ) );
		assertRefused( NAME + "=d is not a, b or c", () -> with( "d" ).choice( NAME, "a", "a", "b", "c" ) );
	}
}
