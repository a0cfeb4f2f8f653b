package org.hibernate.shards.internal.query.merge;

import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.Tuple;
import jakarta.persistence.TupleElement;
import org.hibernate.shards.ShardedQueryException;

/**
 * Turns the values of a merged row into what the query returns: the value itself, an {@code Object[]}, a
 * {@link Tuple}, a list or map ({@code select new list(…)}/{@code new map(…)}), or an instance of a class built with
 * the constructor whose parameters fit the values ({@code select new Dto(…)} when the values had to be computed
 * from per-shard parts).
 */
public interface Projection {
	Object project(Object[] row);

	static Projection single() {
		return row -> row[0];
	}

	static Projection array(int width) {
		return row -> row.length == width ? row : Arrays.copyOf( row, width );
	}

	static Projection list(int width) {
		return row -> new ArrayList<>( Arrays.asList( row ).subList( 0, width ) );
	}

	static Projection map(List<String> aliases) {
		return row -> {
			Map<String, Object> map = new LinkedHashMap<>();
			for ( int i = 0; i < aliases.size(); i++ ) {
				map.put( aliases.get( i ), row[i] );
			}
			return map;
		};
	}

	static Projection tuple(List<String> aliases, List<Class<?>> types) {
		return row -> new ShardedTuple( aliases, types, Arrays.copyOf( row, aliases.size() ) );
	}

	/**
	 * Builds instances with a constructor of {@code type} taking the values in order. The constructor found for a row is
	 * kept for the next rows while they fit it; the projection is part of a plan shared by threads, hence volatile.
	 */
	static Projection constructor(Class<?> type, int width) {
		return new Projection() {
			private volatile Constructor<?> constructor;

			@Override
			public Object project(Object[] row) {
				Object[] arguments = Arrays.copyOf( row, width );
				try {
					Constructor<?> chosen = constructor;
					if ( chosen == null || !fits( chosen, arguments ) ) {
						chosen = find( type, arguments );
						constructor = chosen;
					}
					return chosen.newInstance( arguments );
				}
				catch (ReflectiveOperationException | IllegalArgumentException e) {
					throw new ShardedQueryException( "Cannot create " + type.getName() + " from " + Arrays.toString( arguments ) + ": " + e.getMessage(), e );
				}
			}
		};
	}

	private static Constructor<?> find(Class<?> type, Object[] arguments) {
		for ( Constructor<?> candidate : type.getDeclaredConstructors() ) {
			if ( fits( candidate, arguments ) ) {
				candidate.setAccessible( true );
				return candidate;
			}
		}
		throw new ShardedQueryException( type.getName() + " has no constructor taking " + Arrays.toString( arguments ) );
	}

	private static boolean fits(Constructor<?> candidate, Object[] arguments) {
		Class<?>[] parameters = candidate.getParameterTypes();
		if ( parameters.length != arguments.length ) {
			return false;
		}
		for ( int i = 0; i < parameters.length; i++ ) {
			if ( arguments[i] == null ? parameters[i].isPrimitive() : !boxed( parameters[i] ).isInstance( arguments[i] ) ) {
				return false;
			}
		}
		return true;
	}

	private static Class<?> boxed(Class<?> type) {
		return java.lang.invoke.MethodType.methodType( type ).wrap().returnType();
	}


	/** A {@link Tuple} over merged values. */
	final class ShardedTuple implements Tuple {
		private final List<String> aliases;
		private final List<Class<?>> types;
		private final Object[] values;

		ShardedTuple(List<String> aliases, List<Class<?>> types, Object[] values) {
			this.aliases = aliases;
			this.types = types;
			this.values = values;
		}

		@Override
		public <X> X get(TupleElement<X> element) {
			return element.getJavaType().cast( get( element.getAlias() ) );
		}

		@Override
		public <X> X get(String alias, Class<X> type) {
			return type.cast( get( alias ) );
		}

		@Override
		public Object get(String alias) {
			int index = aliases.indexOf( alias );
			if ( alias == null || index < 0 ) {
				throw new IllegalArgumentException( "No tuple element with alias '" + alias + "'; aliases: " + aliases );
			}
			return values[index];
		}

		@Override
		public <X> X get(int i, Class<X> type) {
			return type.cast( get( i ) );
		}

		@Override
		public Object get(int i) {
			if ( i < 0 || i >= values.length ) {
				throw new IllegalArgumentException( "No tuple element at " + i );
			}
			return values[i];
		}

		@Override
		public Object[] toArray() {
			return values.clone();
		}

		@Override
		public List<TupleElement<?>> getElements() {
			List<TupleElement<?>> elements = new ArrayList<>();
			for ( int i = 0; i < values.length; i++ ) {
				String alias = aliases.get( i );
				Class<?> type = types.get( i );
				elements.add( new TupleElement<Object>() {
					@Override
					@SuppressWarnings("unchecked")
					public Class<? extends Object> getJavaType() {
						return (Class<Object>) type;
					}

					@Override
					public String getAlias() {
						return alias;
					}
				} );
			}
			return elements;
		}
	}
}
