package org.hibernate.shards.internal.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.hibernate.CacheMode;
import org.hibernate.FlushMode;
import org.hibernate.Session;
import org.hibernate.SessionEventListener;

/**
 * The settings made on a sharded session, remembered so that every shard session gets them: those already
 * open when the setting is made, and those opened later.
 */
final class SessionSettings {
	FlushMode flushMode;
	Boolean defaultReadOnly;
	CacheMode cacheMode;
	Integer jdbcBatchSize;
	Integer fetchBatchSize;
	Boolean subselectFetching;
	final Map<String, Object> properties = new LinkedHashMap<>();
	final Set<String> fetchProfiles = new LinkedHashSet<>();
	final List<SessionEventListener> listeners = new ArrayList<>();

	void applyTo(Session session) {
		if ( flushMode != null ) {
			session.setHibernateFlushMode( flushMode );
		}
		if ( defaultReadOnly != null ) {
			session.setDefaultReadOnly( defaultReadOnly );
		}
		if ( cacheMode != null ) {
			session.setCacheMode( cacheMode );
		}
		if ( jdbcBatchSize != null ) {
			session.setJdbcBatchSize( jdbcBatchSize );
		}
		if ( fetchBatchSize != null ) {
			session.setFetchBatchSize( fetchBatchSize );
		}
		if ( subselectFetching != null ) {
			session.setSubselectFetchingEnabled( subselectFetching );
		}
		properties.forEach( session::setProperty );
		fetchProfiles.forEach( session::enableFetchProfile );
		if ( !listeners.isEmpty() ) {
			session.addEventListeners( listeners.toArray( SessionEventListener[]::new ) );
		}
	}
}
