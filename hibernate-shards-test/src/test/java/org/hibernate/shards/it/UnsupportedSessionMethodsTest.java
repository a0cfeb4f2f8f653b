package org.hibernate.shards.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.it.model.Customer;
import org.hibernate.shards.test.MySqlShards;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Methods a sharded session or factory cannot honour across shards throw {@link UnsupportedOperationException}
 * naming the method, before touching any shard, instead of silently running on one shard; the session stays usable.
 * (Native SQL and stored procedures that name no shard are refused with ShardedQueryException: see NativeSqlTest.)
 */
@MySqlShards(4)
class UnsupportedSessionMethodsTest extends ShardedSessionFixture {

	UnsupportedSessionMethodsTest() {
		super( "sequential" );
	}

	@FunctionalInterface
	interface SessionCall {
		void on(ShardedSession session) throws Exception;
	}

	@FunctionalInterface
	interface FactoryCall {
		void on(ShardedSessionFactory factory) throws Exception;
	}

	private static Arguments call(String method, SessionCall call) {
		return Arguments.of( method, Named.of( method, call ) );
	}

	@SuppressWarnings({ "deprecation", "removal" })
	static Stream<Arguments> sessionMethods() {
		return Stream.of(
				call( "byNaturalId(String)", s -> s.byNaturalId( Customer.class.getName() ) ),
				call( "byId(Class)", s -> s.byId( Customer.class ) ),
				call( "byMultipleIds(Class)", s -> s.byMultipleIds( Customer.class ) ),
				call( "byNaturalId(Class)", s -> s.byNaturalId( Customer.class ) ),
				call( "enableFilter(String)", s -> s.enableFilter( "active" ) ),
				call( "getEnabledFilter(String)", s -> s.getEnabledFilter( "active" ) ),
				call( "doReturningWork(ReturningWork)", s -> s.doReturningWork( connection -> 1 ) ),
				call( "getStatistics()", ShardedSession::getStatistics ),
				call( "getLobHelper()", ShardedSession::getLobHelper ),
				call( "joinTransaction()", ShardedSession::joinTransaction ),
				call( "createSelectionQuery(String, EntityGraph)",
						s -> s.createSelectionQuery( "from Customer", (jakarta.persistence.EntityGraph<Customer>) null ) )
		);
	}

	@ParameterizedTest(name = "ShardedSession.{0}")
	@MethodSource("sessionMethods")
	void sessionMethodIsRefusedByName(String method, SessionCall call) {
		try ( ShardedSession session = factory.openSession() ) {
			ShardActivity activity = new ShardActivity();
			UnsupportedOperationException failure = assertThrows( UnsupportedOperationException.class, () -> call.on( session ) );
			assertTrue( failure.getMessage().contains( method ), "the message names " + method + ": " + failure.getMessage() );
			assertEquals( List.of(), activity.touchedShards(), "no shard was touched" );
		}
	}

	static Stream<Arguments> factoryMethods() {
		return Stream.of(
				Arguments.of( "openStatelessSession()", Named.of( "openStatelessSession()", (FactoryCall) ShardedSessionFactory::openStatelessSession ) ),
				Arguments.of( "getStatistics()", Named.of( "getStatistics()", (FactoryCall) ShardedSessionFactory::getStatistics ) ),
				Arguments.of( "getCurrentSession()", Named.of( "getCurrentSession()", (FactoryCall) ShardedSessionFactory::getCurrentSession ) ),
				Arguments.of( "withOptions()", Named.of( "withOptions()", (FactoryCall) ShardedSessionFactory::withOptions ) )
		);
	}

	@ParameterizedTest(name = "ShardedSessionFactory.{0}")
	@MethodSource("factoryMethods")
	void factoryMethodIsRefusedByName(String method, FactoryCall call) {
		UnsupportedOperationException failure = assertThrows( UnsupportedOperationException.class, () -> call.on( factory ) );
		assertTrue( failure.getMessage().contains( method ), "the message names " + method + ": " + failure.getMessage() );
	}

	@Test
	void theSessionAndItsTransactionStayUsableAfterARefusal() {
		Customer customer = new Customer( KeyRouting.emailOnShard( 1 ), "After a refused call" );
		try ( ShardedSession session = factory.openSession() ) {
			session.beginTransaction();
			session.persist( customer );
			assertThrows( UnsupportedOperationException.class, () -> session.byId( Customer.class ) );
			session.getTransaction().commit();
		}
		assertEquals( List.of( 1 ), rows.shardsHolding( "customer", customer.getId() ) );
	}
}
