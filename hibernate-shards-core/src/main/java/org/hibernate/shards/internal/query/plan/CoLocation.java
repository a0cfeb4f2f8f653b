package org.hibernate.shards.internal.query.plan;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Member;

import jakarta.persistence.ManyToMany;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OneToOne;
import org.hibernate.shards.internal.routing.EntitySharding;
import org.hibernate.shards.internal.routing.ShardingMetamodel;

/**
 * Which associations stay inside one shard. While cross-shard relationship checks are on, every association does:
 * no write can store a reference to an entity of another shard. Without the checks, only the structural guarantee
 * remains: an entity lives with another when its shard key is the association to it ({@code @ShardKey @ManyToOne}),
 * or when it has no key and the association is its parent link (its first to-one association, which new keyless
 * entities follow). Joining along such an association, in either direction, never needs rows of another shard.
 */
final class CoLocation {
	private final ShardingMetamodel metamodel;
	private final boolean referencesChecked;

	CoLocation(ShardingMetamodel metamodel, boolean referencesChecked) {
		this.metamodel = metamodel;
		this.referencesChecked = referencesChecked;
	}

	/**
	 * @param owner the entity the association is declared on
	 * @param attribute the association's name
	 * @param target the associated entity
	 * @param member the Java field or getter of the association
	 */
	boolean isCoLocated(EntitySharding owner, String attribute, EntitySharding target, Member member) {
		if ( referencesChecked ) {
			return true;
		}
		if ( followsThrough( owner, attribute ) ) {
			return true; // owner -> its parent
		}
		String mappedBy = mappedBy( member );
		return mappedBy != null && followsThrough( target, mappedBy ); // parent -> its children
	}

	/** @return whether the entity lives with whatever its to-one association {@code attribute} points at */
	boolean followsThrough(EntitySharding entity, String attribute) {
		if ( entity.keyKind() == EntitySharding.KeyKind.ASSOCIATION ) {
			return attribute.equals( entity.keyName() );
		}
		if ( entity.keyKind() == EntitySharding.KeyKind.NONE && entity.associationIndexes().length > 0 ) {
			return attribute.equals( entity.propertyName( entity.associationIndexes()[0] ) );
		}
		return false;
	}

	private static String mappedBy(Member member) {
		if ( !( member instanceof AnnotatedElement element ) ) {
			return null;
		}
		OneToMany oneToMany = element.getAnnotation( OneToMany.class );
		if ( oneToMany != null && !oneToMany.mappedBy().isEmpty() ) {
			return oneToMany.mappedBy();
		}
		OneToOne oneToOne = element.getAnnotation( OneToOne.class );
		if ( oneToOne != null && !oneToOne.mappedBy().isEmpty() ) {
			return oneToOne.mappedBy();
		}
		ManyToMany manyToMany = element.getAnnotation( ManyToMany.class );
		return manyToMany == null || manyToMany.mappedBy().isEmpty() ? null : manyToMany.mappedBy();
	}

	ShardingMetamodel metamodel() {
		return metamodel;
	}
}
