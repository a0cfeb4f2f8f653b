package org.hibernate.shards.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.hibernate.shards.cfg.ShardedSettings;
import org.hibernate.shards.strategy.directory.DirectorySettings;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md lists every setting: each {@code hibernate.shards.*} constant of {@link ShardedSettings} and
 * {@link DirectorySettings} has a row naming the constant and the property, and showing the value of its
 * {@code DEFAULT_…} constant when it has one.
 */
class SettingsReferenceTest {

	@Test
	void everySettingIsListedWithItsDefault() throws Exception {
		List<String> lines = Files.readAllLines( Path.of( "..", "docs", "configuration.md" ) );
		for ( Class<?> settings : List.of( ShardedSettings.class, DirectorySettings.class, org.hibernate.shards.admin.MoveSettings.class ) ) {
			for ( Field field : settings.getFields() ) {
				Object value = constant( field );
				if ( !( value instanceof String name ) || !name.startsWith( ShardedSettings.PREFIX ) || name.endsWith( "." ) ) {
					continue;
				}
				// The setting's own row: a cell that starts with its name (other rows may mention it).
				String row = lines.stream().filter( line -> line.startsWith( "|" )
						&& ( line.contains( "| `" + name + "` |" ) || line.contains( "| `" + name + "` (" ) ) ).findFirst().orElse( null );
				assertTrue( row != null, name + " has a row in docs/configuration.md" );
				assertTrue( row.contains( field.getName() + "`" ), "the row of " + name + " names the constant " + field.getName() + ": " + row );
				Object defaultValue = defaultOf( settings, field.getName() );
				if ( defaultValue != null ) {
					assertTrue( row.contains( "`" + defaultValue + "`" ), "the row of " + name + " shows the default " + defaultValue + ": " + row );
				}
			}
		}
	}

	private static Object constant(Field field) throws IllegalAccessException {
		return Modifier.isStatic( field.getModifiers() ) ? field.get( null ) : null;
	}

	private static Object defaultOf(Class<?> settings, String name) throws IllegalAccessException {
		try {
			return constant( settings.getField( "DEFAULT_" + name ) );
		}
		catch (NoSuchFieldException none) {
			return null;
		}
	}
}
