package org.hibernate.shards.internal;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import org.hibernate.SessionFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.shards.ShardId;

/**
 * The physical shards a sharded session factory has open, indexed by shard number: immutable, replaced whole when a
 * shard is added while the application runs, so readers never see half an addition.
 */
record OpenShards(SessionFactoryImplementor[] factories, HikariDataSource[] pools, String[] urls, double[] capacitiesMb,
		Map<ShardId, SessionFactory> factoryMap) {

	static OpenShards of(SessionFactoryImplementor[] factories, HikariDataSource[] pools, String[] urls, double[] capacitiesMb) {
		Map<ShardId, SessionFactory> map = new LinkedHashMap<>();
		for ( int i = 0; i < factories.length; i++ ) {
			map.put( ShardId.of( i ), factories[i] );
		}
		return new OpenShards( factories, pools, urls, capacitiesMb, Collections.unmodifiableMap( map ) );
	}

	int count() {
		return factories.length;
	}

	/** @return these shards and one more, numbered next */
	OpenShards with(SessionFactoryImplementor factory, HikariDataSource pool, String url, double capacityMb) {
		int n = count();
		SessionFactoryImplementor[] moreFactories = Arrays.copyOf( factories, n + 1 );
		HikariDataSource[] morePools = Arrays.copyOf( pools, n + 1 );
		String[] moreUrls = Arrays.copyOf( urls, n + 1 );
		double[] moreCapacities = Arrays.copyOf( capacitiesMb, n + 1 );
		moreFactories[n] = factory;
		morePools[n] = pool;
		moreUrls[n] = url;
		moreCapacities[n] = capacityMb;
		return of( moreFactories, morePools, moreUrls, moreCapacities );
	}
}
