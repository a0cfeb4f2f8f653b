package org.hibernate.shards.internal.query.plan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.hibernate.shards.ShardId;

/**
 * Which shards a query needs, as read from its WHERE clause: conditions on the shard key, on a sharded id, or on the
 * association an entity is co-located through. Values come from literals and parameters, so the shards are computed
 * at execution, in memory, before any shard is asked; the routing holds neither values nor the session that maps them.
 */
public sealed interface Routing {

	/**
	 * @param bindings the parameter values of the executing query
	 * @param shardValues the executing session's routing decisions
	 * @return the shards, or {@code null} for every shard
	 */
	Set<ShardId> shards(ValueSource.Bindings bindings, ShardValues shardValues);

	/** @return a sentence saying why these shards, for the debug log */
	String describe();

	Routing ALL = new All();

	record All() implements Routing {
		@Override
		public Set<ShardId> shards(ValueSource.Bindings bindings, ShardValues shardValues) {
			return null;
		}

		@Override
		public String describe() {
			return "no condition on a shard key";
		}
	}

	/** How one value of a condition maps to a shard; {@code null} when the value names no shard. */
	@FunctionalInterface
	interface ShardOfValue {
		ShardId shardOf(ShardValues shardValues, Object value);
	}

	/**
	 * A condition {@code path = value} or {@code path in (values)}: each value maps to one shard.
	 *
	 * @param description e.g. {@code Customer.email}
	 * @param shardOfValue the router's (or the session's) decision for one value
	 */
	record ByValues(String description, List<ValueSource> values, ShardOfValue shardOfValue) implements Routing {
		@Override
		public Set<ShardId> shards(ValueSource.Bindings bindings, ShardValues shardValues) {
			Set<ShardId> shards = new LinkedHashSet<>();
			for ( ValueSource source : values ) {
				for ( Object value : source.values( bindings ) ) {
					// A NULL never equals anything: it selects no row, hence no shard.
					ShardId shard = value == null ? null : shardOfValue.shardOf( shardValues, value );
					if ( shard != null ) {
						shards.add( shard );
					}
				}
			}
			return shards;
		}

		@Override
		public String describe() {
			return "condition on " + description;
		}
	}

	/** Both conditions hold: the shards in both (a side with no key condition does not narrow). */
	record And(List<Routing> parts) implements Routing {
		@Override
		public Set<ShardId> shards(ValueSource.Bindings bindings, ShardValues shardValues) {
			Set<ShardId> result = null;
			for ( Routing part : parts ) {
				Set<ShardId> shards = part.shards( bindings, shardValues );
				if ( shards != null ) {
					if ( result == null ) {
						result = new LinkedHashSet<>( shards );
					}
					else {
						result.retainAll( shards );
					}
				}
			}
			return result;
		}

		@Override
		public String describe() {
			return join( " and " );
		}

		private String join(String separator) {
			List<String> texts = new ArrayList<>();
			parts.forEach( part -> texts.add( part.describe() ) );
			return String.join( separator, texts );
		}
	}

	/** Either condition holds: the shards of both; if either side needs every shard, so does the whole. */
	record Or(List<Routing> parts) implements Routing {
		@Override
		public Set<ShardId> shards(ValueSource.Bindings bindings, ShardValues shardValues) {
			Set<ShardId> result = new LinkedHashSet<>();
			for ( Routing part : parts ) {
				Set<ShardId> shards = part.shards( bindings, shardValues );
				if ( shards == null ) {
					return null;
				}
				result.addAll( shards );
			}
			return result;
		}

		@Override
		public String describe() {
			List<String> texts = new ArrayList<>();
			parts.forEach( part -> texts.add( part.describe() ) );
			return String.join( " or ", texts );
		}
	}
}
