package org.hibernate.shards.spi;

import org.hibernate.shards.ShardedSessionFactory;

/** The view of a sharded session factory that extensions use: {@code factory.unwrap(ShardedSessionFactoryImplementor.class)}. */
public interface ShardedSessionFactoryImplementor extends ShardedSessionFactory {
	/**
	 * @return the extension object registered for this type, or {@code null}
	 */
	<T> T getExtension(Class<T> type);
}
