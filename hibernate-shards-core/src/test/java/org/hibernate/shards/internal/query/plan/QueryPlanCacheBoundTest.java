package org.hibernate.shards.internal.query.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The plan cache keeps one plan per text and result type, within Hibernate's query plan cache bound. */
class QueryPlanCacheBoundTest {

	private static SelectPlan newPlan() {
		return new SelectPlan( Routing.ALL, null, List.of(), null, null );
	}

	@Test
	void aTextAndResultTypeIsPlannedOnce() {
		QueryPlanCache cache = new QueryPlanCache( 10 );
		SelectPlan first = cache.selectPlan( "from A", String.class, QueryPlanCacheBoundTest::newPlan );
		assertSame( first, cache.selectPlan( "from A", String.class, QueryPlanCacheBoundTest::newPlan ) );
		assertNotSame( first, cache.selectPlan( "from A", Object.class, QueryPlanCacheBoundTest::newPlan ) );
		assertEquals( 1, cache.hits() );
		assertEquals( 2, cache.misses() );
	}

	@Test
	void pastTheBoundTheOldestPlanIsDropped() {
		QueryPlanCache cache = new QueryPlanCache( 2 );
		SelectPlan a = cache.selectPlan( "a", null, QueryPlanCacheBoundTest::newPlan );
		SelectPlan b = cache.selectPlan( "b", null, QueryPlanCacheBoundTest::newPlan );
		cache.selectPlan( "c", null, QueryPlanCacheBoundTest::newPlan );
		assertEquals( 2, cache.size() );
		assertSame( b, cache.selectPlan( "b", null, QueryPlanCacheBoundTest::newPlan ) );
		assertNotSame( a, cache.selectPlan( "a", null, QueryPlanCacheBoundTest::newPlan ) );
	}

	@Test
	void hibernatesPlanCacheSettingsBoundIt() {
		QueryPlanCache one = QueryPlanCache.fromSettings( Map.of( "hibernate.query.plan_cache_max_size", "1" ) );
		one.selectPlan( "a", null, QueryPlanCacheBoundTest::newPlan );
		one.selectPlan( "b", null, QueryPlanCacheBoundTest::newPlan );
		assertEquals( 1, one.size() );
		QueryPlanCache disabled = QueryPlanCache.fromSettings( Map.of( "hibernate.query.plan_cache_enabled", "false" ) );
		disabled.selectPlan( "a", null, QueryPlanCacheBoundTest::newPlan );
		assertEquals( 0, disabled.size() );
	}
}
