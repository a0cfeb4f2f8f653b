package org.hibernate.shards.internal.session;

import org.hibernate.event.spi.PersistContext;
import org.hibernate.event.spi.PersistEvent;
import org.hibernate.event.spi.PersistEventListener;

/**
 * Sees a cascade's persist before Hibernate does: an instance another shard holds, reached through a cascading
 * association of an entity on this shard (an element added to a loaded collection, say), is not "a detached entity"
 * but a reference across shards, and is refused as one (see {@link ShardInterceptor#beforeCascadedPersist}).
 * Registered first on every shard's factory, for persists and the persists a flush cascades.
 */
public final class CrossShardCascadeListener implements PersistEventListener {

	@Override
	public void onPersist(PersistEvent event) {
		check( event );
	}

	@Override
	public void onPersist(PersistEvent event, PersistContext createdAlready) {
		check( event );
	}

	private static void check(PersistEvent event) {
		if ( event.getObject() != null && event.getSession().getInterceptor() instanceof ShardInterceptor interceptor ) {
			interceptor.beforeCascadedPersist( event.getSession(), event.getObject() );
		}
	}
}
