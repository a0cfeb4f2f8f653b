package org.hibernate.shards.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.hibernate.annotations.IdGeneratorType;
import org.hibernate.shards.internal.id.ShardedIdGenerator;

/**
 * Generates {@code Long}/{@code long} ids that carry the entity's virtual shard, so that
 * {@code find(Entity.class, id)} goes straight to one shard.
 * <p>
 * Ids are unique across all shards and application instances, and ordered by time (to the millisecond).
 * Layout, from the most significant bit: 1 zero bit, 41 bits of milliseconds since 2025-01-01T00:00Z,
 * 5 bits of generator node, 7 bits of sequence, 10 bits of virtual shard. See {@code docs/routing.md}.
 * <pre>{@code
 * @Id @ShardedId
 * private Long id;
 * }</pre>
 */
@Documented
@IdGeneratorType(ShardedIdGenerator.class)
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.FIELD, ElementType.METHOD })
public @interface ShardedId {
}
