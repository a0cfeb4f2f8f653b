package org.hibernate.shards.internal.id;

import java.util.EnumSet;

import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.generator.BeforeExecutionGenerator;
import org.hibernate.generator.EventType;
import org.hibernate.generator.EventTypeSets;
import org.hibernate.generator.GeneratorCreationContext;
import org.hibernate.shards.ShardingException;

/**
 * Generates {@link org.hibernate.shards.annotations.ShardedId} values. Hibernate builds several instances per factory,
 * so this class holds no state: the virtual shard comes from the shard session's {@link ShardedIdSource}, the sequence
 * from the sharded session factory.
 * <p>
 * It takes only the creation context, which Hibernate accepts when there is no constructor taking the annotation: the
 * annotation has no attributes to read, and this keeps id generation independent of the annotations package.
 */
public final class ShardedIdGenerator implements BeforeExecutionGenerator {
	private final String attribute;

	public ShardedIdGenerator(GeneratorCreationContext context) {
		Class<?> type = context.getType().getReturnedClass();
		this.attribute = context.getPersistentClass().getMappedClass().getSimpleName() + "." + context.getProperty().getName();
		if ( type != Long.class && type != long.class ) {
			// Normally refused earlier (ShardingAnnotations); this catches mappings that do not come from annotated classes.
			throw new org.hibernate.shards.ShardingConfigurationException( "@ShardedId on " + attribute + " needs a Long or long id, not "
					+ type.getName() );
		}
	}

	@Override
	public Object generate(SharedSessionContractImplementor session, Object owner, Object currentValue, EventType eventType) {
		if ( !( session.getInterceptor() instanceof ShardedIdSource source ) ) {
			throw new ShardingException( "The @ShardedId of " + attribute + " can only be generated in a ShardedSession; "
					+ "open sessions with ShardedSessionFactory.openSession()" );
		}
		return source.nextShardedId( owner );
	}

	@Override
	public EnumSet<EventType> getEventTypes() {
		return EventTypeSets.INSERT_ONLY;
	}
}
