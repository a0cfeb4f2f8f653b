package org.hibernate.shards.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Root;
import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.internal.ShardedSessionFactoryImpl;
import org.hibernate.shards.internal.query.plan.QueryPlanCache;
import org.hibernate.shards.it.model.Customer;
import org.hibernate.shards.it.model.PurchaseOrder;
import org.hibernate.shards.test.MySqlShards;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The plans of HQL queries are kept per factory and shared by executions, sessions and threads: whatever differs
 * between two executions of one text (parameter values, paging, the session and its entities, the thread) still
 * decides the answer, and the text is planned once per result type.
 */
@MySqlShards(4)
class QueryPlanCacheTest {

	@Nested
	class Sequential extends Cases {
		Sequential() {
			super( "sequential" );
		}
	}

	@Nested
	class Parallel extends Cases {
		Parallel() {
			super( "parallel" );
		}
	}

	abstract static class Cases extends ShardedSessionFixture {
		private final List<Customer> customers = new ArrayList<>();

		Cases(String accessStrategy) {
			super( accessStrategy );
		}

		private QueryPlanCache plans() {
			return ( (ShardedSessionFactoryImpl) factory ).queryPlans();
		}

		@BeforeEach
		void customersOnEveryShard() {
			customers.clear();
			for ( int shard = 0; shard < 4; shard++ ) {
				for ( int i = 0; i < 2; i++ ) {
					Customer customer = persistCustomerOn( shard );
					customers.add( customer );
					inTransaction( session -> session.persist( new PurchaseOrder( session.find( Customer.class, customer.getId() ),
							"PO-" + customer.getEmail() ) ) );
				}
			}
			customers.sort( Comparator.comparing( Customer::getEmail ) );
		}

		private static List<String> emails(List<Customer> found) {
			return found.stream().map( Customer::getEmail ).toList();
		}

		@Test
		void sameTextWithOtherParameterValuesFindsEachValuesOwnRow() {
			for ( Customer customer : customers ) {
				Customer found = fromTransaction( session -> session.createQuery( "from Customer c where c.email = :email", Customer.class )
						.setParameter( "email", customer.getEmail() ).getSingleResult() );
				assertEquals( customer.getId(), found.getId() );
			}
		}

		@Test
		void havingWithAParameterUsesEachExecutionsValue() {
			inTransaction( session -> session.persist( new PurchaseOrder( session.find( Customer.class, customers.get( 0 ).getId() ), "PO-more" ) ) );
			String hql = "select o.customer.email from PurchaseOrder o group by o.customer.email having count(o) >= :orders order by 1";
			List<String> atLeastOne = fromTransaction( session -> session.createQuery( hql, String.class ).setParameter( "orders", 1L ).getResultList() );
			List<String> atLeastTwo = fromTransaction( session -> session.createQuery( hql, String.class ).setParameter( "orders", 2L ).getResultList() );
			assertEquals( emails( customers ), atLeastOne );
			assertEquals( List.of( customers.get( 0 ).getEmail() ), atLeastTwo );
		}

		@Test
		void sameTextWithOtherPagingReturnsTheRequestedPage() {
			String hql = "from Customer c order by c.email";
			for ( int first = 0; first < customers.size(); first += 3 ) {
				int offset = first;
				List<Customer> page = fromTransaction( session -> session.createQuery( hql, Customer.class ).setFirstResult( offset )
						.setMaxResults( 3 ).getResultList() );
				assertEquals( emails( customers.subList( offset, Math.min( offset + 3, customers.size() ) ) ), emails( page ) );
			}
			List<Customer> all = fromTransaction( session -> session.createQuery( hql, Customer.class ).getResultList() );
			assertEquals( emails( customers ), emails( all ) );
		}

		@Test
		void sameTextWithOtherLimitParameterReturnsThatManyRows() {
			String hql = "from Customer c order by c.email limit :rows";
			for ( int rows : List.of( 1, 5, 8 ) ) {
				List<Customer> found = fromTransaction( session -> session.createQuery( hql, Customer.class ).setParameter( "rows", rows )
						.getResultList() );
				assertEquals( emails( customers.subList( 0, rows ) ), emails( found ) );
			}
		}

		@Test
		void anEntityParameterIsRoutedByTheSessionThatBindsIt() throws Exception {
			String hql = "select o.reference from PurchaseOrder o where o.customer = :customer";
			for ( Customer customer : customers ) {
				List<String> references = fromTransaction( session -> session.createQuery( hql, String.class )
						.setParameter( "customer", session.find( Customer.class, customer.getId() ) ).getResultList() );
				assertEquals( List.of( "PO-" + customer.getEmail() ), references );
			}
		}

		@Test
		void aPlanMadeOnOneThreadServesASessionOfAnotherThread() throws Exception {
			String hql = "from Customer c where c.email in :emails order by c.email";
			Customer first = customers.get( 0 );
			assertEquals( List.of( first.getEmail() ), emails( fromTransaction( session -> session.createQuery( hql, Customer.class )
					.setParameter( "emails", List.of( first.getEmail() ) ).getResultList() ) ) );
			long hits = plans().hits();
			List<String> others = emails( customers.subList( 1, customers.size() ) );
			ExecutorService thread = Executors.newSingleThreadExecutor();
			try {
				List<String> found = thread.submit( () -> {
					try ( ShardedSession session = factory.openSession() ) {
						return emails( session.createQuery( hql, Customer.class ).setParameter( "emails", others ).getResultList() );
					}
				} ).get( 60, TimeUnit.SECONDS );
				assertEquals( others, found );
			}
			finally {
				thread.shutdownNow();
			}
			assertEquals( hits + 1, plans().hits(), "the other thread's query used the kept plan" );
		}

		@Test
		void aTextIsPlannedOncePerResultType() {
			String hql = "select c.email from Customer c where c.name like :name order by c.email";
			long misses = plans().misses();
			for ( int i = 0; i < 3; i++ ) {
				List<String> found = fromTransaction( session -> session.createQuery( hql, String.class ).setParameter( "name", "Customer on 2" )
						.getResultList() );
				assertEquals( 2, found.size() );
			}
			assertEquals( misses + 1, plans().misses(), "three executions, one plan" );
			List<Object> untyped = fromTransaction( session -> session.createQuery( hql, Object.class ).setParameter( "name", "Customer on 2" )
					.getResultList() );
			assertEquals( 2, untyped.size() );
			assertEquals( misses + 2, plans().misses(), "another result type, another plan" );
		}

		@Test
		void criteriaQueriesArePlannedEachTimeAndNotKept() {
			int kept = plans().size();
			for ( Customer customer : customers.subList( 0, 2 ) ) {
				Customer found = fromTransaction( session -> {
					CriteriaBuilder cb = session.getCriteriaBuilder();
					CriteriaQuery<Customer> query = cb.createQuery( Customer.class );
					Root<Customer> root = query.from( Customer.class );
					query.where( cb.equal( root.get( "email" ), cb.parameter( String.class, "email" ) ) );
					return session.createQuery( query ).setParameter( "email", customer.getEmail() ).getSingleResult();
				} );
				assertEquals( customer.getId(), found.getId() );
			}
			assertEquals( kept, plans().size() );
		}

		@Test
		void updatesOfOneTextRouteByEachExecutionsValues() {
			String hql = "update Customer c set c.name = :name where c.email = :email";
			for ( Customer customer : customers ) {
				int updated = fromTransaction( session -> session.createMutationQuery( hql ).setParameter( "name", "Renamed " + customer.getEmail() )
						.setParameter( "email", customer.getEmail() ).executeUpdate() );
				assertEquals( 1, updated );
			}
			for ( Customer customer : customers ) {
				String name = fromTransaction( session -> session.find( Customer.class, customer.getId() ).getName() );
				assertEquals( "Renamed " + customer.getEmail(), name );
			}
		}
	}
}
