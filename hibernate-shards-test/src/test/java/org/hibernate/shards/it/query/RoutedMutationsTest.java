package org.hibernate.shards.it.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.hibernate.shards.it.ShardedSessionFixture;
import org.hibernate.shards.it.model.Customer;
import org.hibernate.shards.it.model.PurchaseOrder;
import org.hibernate.shards.test.MySqlShards;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * An update or delete whose WHERE pins the shard key or a sharded id, literally or through parameters (named,
 * positional, lists), runs on the owning shards only, as a select does: the statements that reach each shard are
 * counted.
 */
@MySqlShards(4)
class RoutedMutationsTest {

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
		Cases(String accessStrategy) {
			super( accessStrategy );
		}

		private int update(String hql, Object... parameters) {
			return fromTransaction( session -> {
				var query = session.createMutationQuery( hql );
				for ( int i = 0; i < parameters.length; i += 2 ) {
					if ( parameters[i] instanceof Integer position ) {
						query.setParameter( position, parameters[i + 1] );
					}
					else if ( parameters[i + 1] instanceof java.util.Collection<?> list ) {
						query.setParameterList( (String) parameters[i], list );
					}
					else {
						query.setParameter( (String) parameters[i], parameters[i + 1] );
					}
				}
				return query.executeUpdate();
			} );
		}

		@Test
		void anUpdateByANamedShardKeyParameterReachesOnlyItsShard() {
			Customer onTwo = persistCustomerOn( 2 );
			persistCustomerOn( 0 );
			ShardActivity activity = new ShardActivity();
			assertEquals( 1, update( "update Customer c set c.name = :n where c.email = :e", "n", "renamed", "e", onTwo.getEmail() ) );
			assertEquals( List.of( 2 ), activity.shardsWithStatements() );
		}

		@Test
		void aDeleteByAPositionalShardKeyParameterReachesOnlyItsShard() {
			Customer onOne = persistCustomerOn( 1 );
			persistCustomerOn( 3 );
			ShardActivity activity = new ShardActivity();
			assertEquals( 1, update( "delete from Customer c where c.email = ?1", 1, onOne.getEmail() ) );
			assertEquals( List.of( 1 ), activity.shardsWithStatements() );
		}

		@Test
		void aDeleteByAListOfShardedIdsReachesOnlyTheirShards() {
			Customer onZero = persistCustomerOn( 0 );
			Customer onThree = persistCustomerOn( 3 );
			persistCustomerOn( 1 );
			ShardActivity activity = new ShardActivity();
			assertEquals( 2, update( "delete from Customer c where c.id in (:ids)", "ids", List.of( onZero.getId(), onThree.getId() ) ) );
			assertEquals( List.of( 0, 3 ), activity.shardsWithStatements() );
		}

		@Test
		void anUpdateByAShardedIdParameterReachesOnlyItsShard() {
			Customer onThree = persistCustomerOn( 3 );
			ShardActivity activity = new ShardActivity();
			assertEquals( 1, update( "update Customer c set c.name = :n where c.id = :id", "n", "renamed", "id", onThree.getId() ) );
			assertEquals( List.of( 3 ), activity.shardsWithStatements() );
		}

		@Test
		void anUpdateOfAChildByItsKeyAssociationParameterReachesOnlyItsShard() {
			Customer onOne = persistCustomerOn( 1 );
			inTransaction( session -> session.persist( new PurchaseOrder( session.find( Customer.class, onOne.getId() ), "r1" ) ) );
			ShardActivity activity = new ShardActivity();
			assertEquals( 1, update( "update PurchaseOrder o set o.status = :s where o.customer.id = :c", "s", "SHIPPED", "c", onOne.getId() ) );
			assertEquals( List.of( 1 ), activity.shardsWithStatements() );
		}

		@Test
		void aDeleteOfChildrenByAListOfTheirShardedIdsReachesOnlyTheirShards() {
			Customer onOne = persistCustomerOn( 1 );
			Customer onTwo = persistCustomerOn( 2 );
			PurchaseOrder first = new PurchaseOrder( onOne, "o1" );
			PurchaseOrder second = new PurchaseOrder( onTwo, "o2" );
			inTransaction( session -> {
				first.setCustomer( session.find( Customer.class, onOne.getId() ) );
				second.setCustomer( session.find( Customer.class, onTwo.getId() ) );
				session.persist( first );
				session.persist( second );
			} );
			ShardActivity activity = new ShardActivity();
			assertEquals( 2, update( "delete from PurchaseOrder o where o.id in (:ids)", "ids", List.of( first.getId(), second.getId() ) ) );
			assertEquals( List.of( 1, 2 ), activity.shardsWithStatements() );
		}

		@Test
		void anUpdateOfChildrenByTheirKeyEntityParameterReachesOnlyItsShard() {
			Customer onThree = persistCustomerOn( 3 );
			inTransaction( session -> session.persist( new PurchaseOrder( session.find( Customer.class, onThree.getId() ), "r3" ) ) );
			ShardActivity activity = new ShardActivity();
			int updated = fromTransaction( session -> session.createMutationQuery( "update PurchaseOrder o set o.status = 'X' where o.customer = :c" )
					.setParameter( "c", session.find( Customer.class, onThree.getId() ) ).executeUpdate() );
			assertEquals( 1, updated );
			assertEquals( List.of( 3 ), activity.shardsWithStatements() );
		}

		@Test
		void aCriteriaUpdateByTheShardKeyReachesOnlyItsShard() {
			Customer onTwo = persistCustomerOn( 2 );
			persistCustomerOn( 1 );
			ShardActivity activity = new ShardActivity();
			int updated = fromTransaction( session -> {
				var cb = session.getCriteriaBuilder();
				var update = cb.createCriteriaUpdate( Customer.class );
				var c = update.from( Customer.class );
				update.set( c.<String>get( "name" ), "renamed" ).where( cb.equal( c.get( "email" ), cb.parameter( String.class, "e" ) ) );
				return session.createMutationQuery( update ).setParameter( "e", onTwo.getEmail() ).executeUpdate();
			} );
			assertEquals( 1, updated );
			assertEquals( List.of( 2 ), activity.shardsWithStatements() );
		}

		@Test
		void anUpdateWithoutAKeyReachesEveryShard() {
			for ( int shard = 0; shard < 4; shard++ ) {
				persistCustomerOn( shard );
			}
			ShardActivity activity = new ShardActivity();
			assertEquals( 4, update( "update Customer c set c.name = :n where c.name like :p", "n", "x", "p", "Customer on %" ) );
			assertEquals( List.of( 0, 1, 2, 3 ), activity.shardsWithStatements() );
		}
	}
}
