package org.hibernate.shards.internal.id;

import java.lang.reflect.Member;
import java.util.EnumSet;

import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.generator.BeforeExecutionGenerator;
import org.hibernate.generator.EventType;
import org.hibernate.generator.EventTypeSets;
import org.hibernate.generator.GeneratorCreationContext;
import org.hibernate.shards.ShardingException;
import org.hibernate.shards.annotations.ShardedId;
import org.hibernate.shards.internal.session.ShardInterceptor;

/**
 * Generates {@link ShardedId} values. Hibernate builds several instances per factory, so this class holds
 * no state: the virtual shard comes from the shard session's interceptor, the sequence from the sharded
 * session factory.
 */
public final class ShardedIdGenerator implements BeforeExecutionGenerator {
	private final String attribute;

	public ShardedIdGenerator(ShardedId annotation, Member member, GeneratorCreationContext context) {
		Class<?> type = member instanceof java.lang.reflect.Field field ? field.getType()
				: ( (java.lang.reflect.Method) member ).getReturnType();
		this.attribute = member.getDeclaringClass().getSimpleName() + "." + member.getName();
		if ( type != Long.class && type != long.class ) {
			throw new ShardingException( "@ShardedId on " + attribute + " needs a Long or long id, not " + type.getName() );
		}
	}

	@Override
	public Object generate(SharedSessionContractImplementor session, Object owner, Object currentValue, EventType eventType) {
		if ( !( session.getInterceptor() instanceof ShardInterceptor shard ) ) {
			throw new ShardingException( "The @ShardedId of " + attribute + " can only be generated in a ShardedSession; "
					+ "open sessions with ShardedSessionFactory.openSession()" );
		}
		return shard.nextShardedId( owner );
	}

	@Override
	public EnumSet<EventType> getEventTypes() {
		return EventTypeSets.INSERT_ONLY;
	}
}
