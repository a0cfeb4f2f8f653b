package org.hibernate.shards.internal.session;

import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.event.spi.AbstractCollectionEvent;
import org.hibernate.event.spi.PreCollectionRecreateEvent;
import org.hibernate.event.spi.PreCollectionRecreateEventListener;
import org.hibernate.event.spi.PreCollectionRemoveEvent;
import org.hibernate.event.spi.PreCollectionRemoveEventListener;
import org.hibernate.event.spi.PreCollectionUpdateEvent;
import org.hibernate.event.spi.PreCollectionUpdateEventListener;
import org.hibernate.event.spi.PreDeleteEvent;
import org.hibernate.event.spi.PreDeleteEventListener;
import org.hibernate.event.spi.PreInsertEvent;
import org.hibernate.event.spi.PreInsertEventListener;
import org.hibernate.event.spi.PreUpdateEvent;
import org.hibernate.event.spi.PreUpdateEventListener;
import org.hibernate.event.spi.PreUpsertEvent;
import org.hibernate.event.spi.PreUpsertEventListener;

/**
 * Passes the write fence right before Hibernate executes a row's SQL, inside the transaction that writes it: inserts
 * (also cascaded ones), updates, deletes, upserts and collection rows. Registered on every shard's factory only when
 * fences are on.
 */
public final class FenceListener implements PreInsertEventListener, PreUpdateEventListener, PreDeleteEventListener,
		PreUpsertEventListener, PreCollectionRecreateEventListener, PreCollectionUpdateEventListener, PreCollectionRemoveEventListener {

	@Override
	public boolean onPreInsert(PreInsertEvent event) {
		if ( event.getSession().getInterceptor() instanceof ShardInterceptor interceptor ) {
			interceptor.beforeInsert( event.getSession(), event.getEntity() );
		}
		return false;
	}

	@Override
	public boolean onPreUpdate(PreUpdateEvent event) {
		return pass( event.getSession(), event.getEntity() );
	}

	@Override
	public boolean onPreDelete(PreDeleteEvent event) {
		return pass( event.getSession(), event.getEntity() );
	}

	@Override
	public boolean onPreUpsert(PreUpsertEvent event) {
		return pass( event.getSession(), event.getEntity() );
	}

	@Override
	public void onPreRecreateCollection(PreCollectionRecreateEvent event) {
		passOwner( event );
	}

	@Override
	public void onPreUpdateCollection(PreCollectionUpdateEvent event) {
		passOwner( event );
	}

	@Override
	public void onPreRemoveCollection(PreCollectionRemoveEvent event) {
		passOwner( event );
	}

	private static void passOwner(AbstractCollectionEvent event) {
		pass( event.getSession(), event.getAffectedOwnerOrNull() );
	}

	/** @return {@code false}: the write goes ahead unless the fence throws */
	private static boolean pass(SharedSessionContractImplementor session, Object entity) {
		if ( session.getInterceptor() instanceof ShardInterceptor interceptor ) {
			interceptor.beforeWrite( session, entity );
		}
		return false;
	}
}
