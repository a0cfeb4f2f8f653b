package org.hibernate.shards.internal.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import org.hibernate.CacheMode;
import org.hibernate.FlushMode;
import org.hibernate.Session;
import org.hibernate.SessionEventListener;
import org.hibernate.UnknownProfileException;
import org.hibernate.boot.spi.SessionFactoryOptions;

/**
 * The settings made on a sharded session, remembered so that every shard session gets them: those already
 * open when the setting is made, and those opened later. A setting never made reads as the factory's default.
 */
final class SessionSettings {
	private final ShardSessions sessions;
	private FlushMode flushMode;
	private Boolean defaultReadOnly;
	private CacheMode cacheMode;
	private Integer jdbcBatchSize;
	private Integer fetchBatchSize;
	private Boolean subselectFetching;
	private final Map<String, Object> properties = new LinkedHashMap<>();
	private final Set<String> fetchProfiles = new LinkedHashSet<>();
	private final List<SessionEventListener> listeners = new ArrayList<>();

	SessionSettings(ShardSessions sessions) {
		this.sessions = sessions;
	}

	/** Gives a shard session, just opened, every setting made so far. */
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

	private <V> void applyToOpen(V value, BiConsumer<Session, V> setting) {
		sessions.forEachOpen( (shard, session) -> setting.accept( session, value ) );
	}

	private SessionFactoryOptions defaults() {
		return sessions.factory().firstSessionFactory().getSessionFactoryOptions();
	}

	void setFlushMode(FlushMode mode) {
		flushMode = mode;
		applyToOpen( mode, Session::setHibernateFlushMode );
	}

	FlushMode flushMode() {
		return flushMode != null ? flushMode : defaults().getInitialSessionFlushMode();
	}

	void setCacheMode(CacheMode mode) {
		cacheMode = mode;
		applyToOpen( mode, Session::setCacheMode );
	}

	CacheMode cacheMode() {
		return cacheMode != null ? cacheMode : CacheMode.NORMAL;
	}

	void setDefaultReadOnly(boolean readOnly) {
		defaultReadOnly = readOnly;
		applyToOpen( readOnly, Session::setDefaultReadOnly );
	}

	boolean defaultReadOnly() {
		return Boolean.TRUE.equals( defaultReadOnly );
	}

	void setJdbcBatchSize(Integer size) {
		jdbcBatchSize = size;
		applyToOpen( size, Session::setJdbcBatchSize );
	}

	Integer jdbcBatchSize() {
		return jdbcBatchSize;
	}

	void setFetchBatchSize(int size) {
		fetchBatchSize = size;
		applyToOpen( size, Session::setFetchBatchSize );
	}

	int fetchBatchSize() {
		return fetchBatchSize != null ? fetchBatchSize : defaults().getDefaultBatchFetchSize();
	}

	void setSubselectFetching(boolean enabled) {
		subselectFetching = enabled;
		applyToOpen( enabled, Session::setSubselectFetchingEnabled );
	}

	boolean subselectFetching() {
		return subselectFetching != null ? subselectFetching : defaults().isSubselectFetchEnabled();
	}

	void enableFetchProfile(String name) {
		if ( !sessions.factory().firstSessionFactory().containsFetchProfileDefinition( name ) ) {
			throw new UnknownProfileException( name );
		}
		fetchProfiles.add( name );
		applyToOpen( name, Session::enableFetchProfile );
	}

	void disableFetchProfile(String name) {
		fetchProfiles.remove( name );
		applyToOpen( name, Session::disableFetchProfile );
	}

	boolean isFetchProfileEnabled(String name) {
		return fetchProfiles.contains( name );
	}

	void setProperty(String name, Object value) {
		properties.put( name, value );
		sessions.forEachOpen( (shard, session) -> session.setProperty( name, value ) );
	}

	/** @return the factory's properties with those set on this session over them */
	Map<String, Object> properties() {
		Map<String, Object> all = new LinkedHashMap<>( sessions.factory().shardedFactory().getProperties() );
		all.putAll( properties );
		return all;
	}

	void addEventListeners(SessionEventListener... added) {
		applyToOpen( added, Session::addEventListeners );
		listeners.addAll( List.of( added ) );
	}
}
