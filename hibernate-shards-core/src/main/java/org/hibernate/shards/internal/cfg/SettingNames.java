package org.hibernate.shards.internal.cfg;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hibernate.shards.ShardingConfigurationException;
import org.hibernate.shards.cfg.ShardedSettings;

/**
 * The valid {@code hibernate.shards.*} names: the constants of {@link ShardedSettings}, per-shard settings
 * {@code hibernate.shards.<n>.*} (Hibernate's and HikariCP's, not ours to check), entities' key functions and the names
 * extensions declare. Any other name is a misspelling, refused with the closest valid name, since a setting silently
 * ignored is a configuration that silently does not apply.
 */
public final class SettingNames {
	static final Pattern SHARD_SETTING = Pattern.compile( Pattern.quote( ShardedSettings.PREFIX ) + "(\\d+)\\.(.+)" );
	private static final Pattern ENTITY_FUNCTION = Pattern.compile(
			Pattern.quote( ShardedSettings.ENTITY_PREFIX ) + "(.+)" + Pattern.quote( ShardedSettings.FUNCTION_SUFFIX ) );
	/** Core knows this one extension's namespace, to say which jar is missing rather than suggest an unrelated name. */
	private static final String DIRECTORY_PREFIX = ShardedSettings.PREFIX + "directory.";

	private static final Set<String> CORE = coreNames();

	private final Set<String> known;

	/** @param extensionNames the names the installed extensions declare */
	public SettingNames(Collection<String> extensionNames) {
		Set<String> names = new TreeSet<>( CORE );
		names.addAll( extensionNames );
		this.known = names;
	}

	/** @return the entity name of a {@code hibernate.shards.entity.<EntityName>.function} setting, or {@code null} */
	public static String entityOfFunctionSetting(String name) {
		Matcher matcher = ENTITY_FUNCTION.matcher( name );
		return matcher.matches() ? matcher.group( 1 ) : null;
	}

	/** @throws ShardingConfigurationException naming each unknown {@code hibernate.shards.*} name and the closest valid one */
	public void requireKnown(Collection<String> names) {
		List<String> problems = new ArrayList<>();
		for ( String name : new TreeSet<>( names ) ) {
			if ( name.startsWith( ShardedSettings.PREFIX ) && !isKnown( name ) ) {
				// The value is left out: a misspelled password setting must not end up in a log.
				problems.add( name + " is not a setting of hibernate-shards; " + hint( name ) );
			}
		}
		if ( !problems.isEmpty() ) {
			throw new ShardingConfigurationException( String.join( "; ", problems )
					+ " (every setting is listed in " + ShardedSettings.class.getName() + ")" );
		}
	}

	private boolean isKnown(String name) {
		return known.contains( name ) || SHARD_SETTING.matcher( name ).matches() || entityOfFunctionSetting( name ) != null;
	}

	private String hint(String name) {
		if ( name.startsWith( DIRECTORY_PREFIX ) && known.stream().noneMatch( valid -> valid.startsWith( DIRECTORY_PREFIX ) ) ) {
			return "the partition directory comes with hibernate-shards-strategy, which is not on the class path";
		}
		List<String> candidates = new ArrayList<>( known );
		if ( name.startsWith( ShardedSettings.ENTITY_PREFIX ) && name.lastIndexOf( '.' ) > ShardedSettings.ENTITY_PREFIX.length() ) {
			candidates.add( ShardedSettings.entityFunction(
					name.substring( ShardedSettings.ENTITY_PREFIX.length(), name.lastIndexOf( '.' ) ) ) );
		}
		String closest = null;
		int best = Integer.MAX_VALUE;
		for ( String candidate : candidates ) {
			int distance = distance( name, candidate );
			if ( distance < best ) {
				best = distance;
				closest = candidate;
			}
		}
		return "did you mean " + closest + "?";
	}

	/** Levenshtein distance: the fewest single-character insertions, deletions and substitutions from a to b. */
	static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for ( int j = 0; j <= b.length(); j++ ) {
			previous[j] = j;
		}
		for ( int i = 1; i <= a.length(); i++ ) {
			current[0] = i;
			for ( int j = 1; j <= b.length(); j++ ) {
				int substitution = previous[j - 1] + ( a.charAt( i - 1 ) == b.charAt( j - 1 ) ? 0 : 1 );
				current[j] = Math.min( substitution, Math.min( previous[j], current[j - 1] ) + 1 );
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

	/** Every public constant of {@link ShardedSettings} that is a full setting name (not a prefix), so none is forgotten. */
	private static Set<String> coreNames() {
		Set<String> names = new TreeSet<>();
		for ( Field field : ShardedSettings.class.getFields() ) {
			if ( Modifier.isStatic( field.getModifiers() ) && field.getType() == String.class ) {
				try {
					String value = (String) field.get( null );
					if ( value.startsWith( ShardedSettings.PREFIX ) && !value.endsWith( "." ) ) {
						names.add( value );
					}
				}
				catch (IllegalAccessException e) {
					throw new IllegalStateException( e );
				}
			}
		}
		return Set.copyOf( names );
	}
}
