package org.hibernate.shards.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the one attribute of an entity whose value chooses the entity's virtual shard.
 * <p>
 * On a basic attribute (a string, number, UUID, date, enum…) the value is hashed with a stable hash over
 * canonical bytes (see {@code docs/routing.md}) onto the virtual shards. On a {@code @ManyToOne} or
 * {@code @OneToOne} association it means "live on the shard of the associated entity": the entity joins the
 * associated entity's group, so the two can reference each other and move together.
 * <pre>{@code
 * @Entity
 * public class Account {
 *     @Id @ShardedId Long id;
 *     @ShardKey String email;
 * }
 * @Entity
 * public class Order {
 *     @Id @ShardedId Long id;
 *     @ShardKey @ManyToOne Account account;   // orders live with their account
 * }
 * }</pre>
 * The key must not be null when the entity is persisted, and must not change afterwards.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.FIELD, ElementType.METHOD })
public @interface ShardKey {
	/**
	 * A key function applied to the value before it is placed, such as {@code "PREFIX(3)"}; empty means the
	 * default, a hash of the value. Key functions are provided by {@code hibernate-shards-strategy}.
	 */
	String function() default "";
}
