package org.hibernate.shards.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Root;
import org.hibernate.FlushMode;
import org.hibernate.Hibernate;
import org.hibernate.Session;
import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.it.model.Customer;
import org.hibernate.shards.it.model.Note;
import org.hibernate.shards.it.model.OrderLine;
import org.hibernate.shards.it.model.Product;
import org.hibernate.shards.it.model.PurchaseOrder;
import org.hibernate.shards.test.MySqlShards;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Entity operations of a sharded session against 4 real shards: each goes to the shard the entity lives on,
 * and the rows end up where the key says (checked with plain JDBC on every shard).
 */
@MySqlShards(4)
class SessionRoutingAndCrudTest {

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

		private Note persistNote(long id, String topic, String body) {
			Note note = new Note( id, topic, body );
			inTransaction( session -> session.persist( note ) );
			return note;
		}

		// ---- persist

		@Test
		void persistPutsTheRowOnTheShardItsKeyHashesToAndNowhereElse() {
			List<Customer> customers = new ArrayList<>();
			for ( int i = 0; i < 12; i++ ) {
				customers.add( new Customer( KeyRouting.emailOnShard( i % 4 ), "C" + i ) );
			}
			for ( int i = 0; i < 12; i++ ) {
				customers.add( new Customer( "free-" + i + "-" + System.nanoTime() + "@example.org", "F" + i ) );
			}
			try ( ShardedSession session = factory.openSession() ) {
				session.beginTransaction();
				customers.forEach( session::persist );
				session.getTransaction().commit();

				for ( Customer customer : customers ) {
					int virtualShard = KeyRouting.virtualShard( customer.getEmail(), factory.getVirtualShardCount() );
					int shard = KeyRouting.physicalShard( virtualShard, factory.getVirtualShardCount(), 4 );
					assertEquals( List.of( shard ), rows.shardsHolding( "customer", customer.getId() ),
							customer + " must be stored on the shard its e-mail hashes to, and on no other" );
					assertEquals( customer.getEmail(), rows.single( shard, "select email from customer where id = ?", customer.getId() ) );
					assertEquals( virtualShard, (int) ( customer.getId() & 1023 ), "the id's low 10 bits are the virtual shard" );
					assertEquals( virtualShard, session.getVirtualShardIdForObject( customer ) );
					assertEquals( ShardId.of( shard ), session.getShardIdForObject( customer ) );
					assertEquals( ShardId.of( shard ), factory.getShardIdForVirtualShard( virtualShard ) );
				}
			}
			assertEquals( 24, rows.total( "customer" ) );
		}

		@Test
		void newEntityIsRoutedBeforeItIsPersisted() {
			Customer customer = new Customer( KeyRouting.emailOnShard( 2 ), "Not yet persisted" );
			try ( ShardedSession session = factory.openSession() ) {
				assertEquals( ShardId.of( 2 ), session.getShardIdForObject( customer ) );
				assertEquals( KeyRouting.virtualShard( customer.getEmail() ), session.getVirtualShardIdForObject( customer ) );
			}
		}

		@Test
		void cascadedAndKeylessChildrenLandWithTheirParent() {
			for ( int shard = 0; shard < 4; shard++ ) {
				Customer customer = new Customer( KeyRouting.emailOnShard( shard ), "Buyer " + shard );
				PurchaseOrder order = new PurchaseOrder( customer, "PO-" + shard );
				order.addLine( "SKU-1", 1, new BigDecimal( "9.99" ) );
				order.addLine( "SKU-2", 2, new BigDecimal( "19.50" ) );
				order.addLine( "SKU-3", 3, new BigDecimal( "0.10" ) );
				inTransaction( session -> {
					session.persist( customer );
					session.persist( order ); // lines by cascade
				} );
				assertEquals( List.of( shard ), rows.shardsHolding( "purchase_order", order.getId() ), "the order lives with its customer" );
				for ( OrderLine line : order.getLines() ) {
					assertEquals( List.of( shard ), rows.shardsHolding( "order_line", line.getId() ), "a cascaded line lives with its order" );
				}
				assertEquals( 3, rows.count( shard, "select count(*) from order_line where order_id = ?", order.getId() ) );

				// A keyless child persisted on its own, in another session, next to a loaded parent.
				OrderLine extra = fromTransaction( session -> {
					PurchaseOrder loaded = session.find( PurchaseOrder.class, order.getId() );
					OrderLine line = new OrderLine( loaded, 4, "SKU-4", 4, BigDecimal.ONE );
					session.persist( line );
					return line;
				} );
				assertEquals( List.of( KeyRouting.physicalShardOfKey( customer.getEmail() ) ),
						rows.shardsHolding( "order_line", extra.getId() ), "a keyless child persisted alone lives with its parent" );
			}
			assertEquals( 4, rows.total( "purchase_order" ) );
			assertEquals( 16, rows.total( "order_line" ) );
		}

		@Test
		void keylessChildOfAReferenceLandsWithTheReferencedParentWithoutLoadingIt() {
			Customer customer = persistCustomerOn( 3 );
			PurchaseOrder order = new PurchaseOrder( customer, "PO-ref" );
			inTransaction( session -> session.persist( order ) );
			OrderLine line = fromTransaction( session -> {
				PurchaseOrder reference = session.getReference( PurchaseOrder.class, order.getId() );
				assertFalse( Hibernate.isInitialized( reference ) );
				OrderLine added = new OrderLine( reference, 1, "SKU-R", 1, BigDecimal.TEN );
				session.persist( added );
				return added;
			} );
			assertEquals( List.of( 3 ), rows.shardsHolding( "order_line", line.getId() ) );
		}

		@Test
		void keylessTopLevelEntitiesSpreadRoundRobinOverTheShards() {
			List<Product> products = new ArrayList<>();
			for ( int i = 0; i < 8; i++ ) {
				products.add( new Product( "P-" + i, "Product " + i, new BigDecimal( "1.00" ) ) );
			}
			try ( ShardedSession session = factory.openSession() ) {
				session.beginTransaction();
				products.forEach( session::persist );
				session.getTransaction().commit();
				for ( Product product : products ) {
					List<Integer> holding = rows.shardsHolding( "product", product.getId() );
					assertEquals( List.of( session.getShardIdForObject( product ).getId() ), holding,
							product + " is stored exactly where the session says it is" );
					assertEquals( factory.getShardIdForVirtualShard( (int) ( product.getId() & 1023 ) ).getId(), holding.get( 0 ) );
				}
			}
			assertEquals( List.of( 2L, 2L, 2L, 2L ), rows.countsPerShard( "product" ),
					"8 consecutive keyless products, placed round-robin over 4 shards, put 2 on each shard" );
		}

		// ---- find

		@Test
		void findByShardedIdTouchesExactlyOneShard() {
			List<Customer> customers = new ArrayList<>();
			for ( int shard = 0; shard < 4; shard++ ) {
				customers.add( persistCustomerOn( shard ) );
			}
			for ( int shard = 0; shard < 4; shard++ ) {
				Customer stored = customers.get( shard );
				try ( ShardedSession session = factory.openSession() ) {
					ShardActivity activity = new ShardActivity();
					Customer found = session.find( Customer.class, stored.getId() );
					assertNotNull( found );
					assertEquals( stored.getEmail(), found.getEmail() );
					assertEquals( List.of( shard ), activity.touchedShards(), "find by sharded id opens and queries only the id's shard" );

					// An id of the same virtual shard that was never stored: still only that shard is asked.
					ShardActivity missing = new ShardActivity();
					assertNull( session.find( Customer.class, stored.getId() + ( 1L << 10 ) ) );
					assertEquals( List.of( shard ), missing.shardsWithStatements() );
				}
			}
		}

		@Test
		void findOfANonShardedIdSearchesTheShardsAndFindsIt() {
			Map<Long, Integer> shardOfNote = new LinkedHashMap<>();
			for ( int shard = 0; shard < 4; shard++ ) {
				long id = 1000 + shard;
				persistNote( id, KeyRouting.topicOnShard( shard ), "Body " + shard );
				shardOfNote.put( id, shard );
			}
			shardOfNote.forEach( (id, shard) -> {
				assertEquals( List.of( shard ), rows.shardsHolding( "note", id ), "a note lives on its topic's shard" );
				try ( ShardedSession session = factory.openSession() ) {
					Note found = session.find( Note.class, id );
					assertNotNull( found, "note " + id + " on shard " + shard + " is found by id" );
					assertEquals( "Body " + shard, found.getBody() );
					assertEquals( ShardId.of( shard ), session.getShardIdForObject( found ) );
				}
			} );
			try ( ShardedSession session = factory.openSession() ) {
				ShardActivity activity = new ShardActivity();
				assertNull( session.find( Note.class, 999_999L ), "an id stored nowhere is not found" );
				assertEquals( List.of( 0, 1, 2, 3 ), activity.shardsWithStatements(), "every shard was searched for it" );
			}
		}

		@Test
		void manyLookupsOfNonShardedIdsInOneSessionAllAnswerCorrectly() {
			int notes = 60;
			Map<Long, String> bodies = new LinkedHashMap<>();
			inTransaction( session -> {
				for ( int i = 0; i < notes; i++ ) {
					long id = 5_000 + i;
					Note note = new Note( id, KeyRouting.topicOnShard( i % 4 ), "Body " + id );
					session.persist( note );
					bodies.put( id, note.getBody() );
				}
			} );
			// One session, lookups one after another: each must see its own shards' answers only.
			try ( ShardedSession session = factory.openSession() ) {
				for ( Map.Entry<Long, String> expected : bodies.entrySet() ) {
					Note found = session.find( Note.class, expected.getKey() );
					assertNotNull( found, "note " + expected.getKey() );
					assertEquals( expected.getValue(), found.getBody() );
					assertNull( session.find( Note.class, expected.getKey() + 100_000 ), "an id stored nowhere" );
				}
			}
		}

		@Test
		void transactionsThatLookUpNonShardedIdsCommit() {
			// Notes on shard 0: a lookup finds them on the first shard, and the other shards' lookups become moot.
			int notes = 100;
			List<Long> ids = new ArrayList<>();
			inTransaction( session -> {
				for ( int i = 0; i < notes; i++ ) {
					Note note = new Note( 7_000L + i, KeyRouting.topicOnShard( 0 ), "before" );
					session.persist( note );
					ids.add( note.getId() );
				}
			} );
			for ( long id : ids ) {
				inTransaction( session -> session.find( Note.class, id ).setBody( "after" ) );
			}
			assertEquals( (long) notes, rows.count( 0, "select count(*) from note where body = 'after'" ),
					"every transaction committed its update on shard 0" );
		}

		// ---- merge, remove, getReference, refresh

		@Test
		void mergeOfADetachedEntityUpdatesItsRowInPlace() {
			Customer customer = persistCustomerOn( 1 );
			customer.setName( "Renamed while detached" );
			Customer merged = fromTransaction( session -> session.merge( customer ) );
			assertEquals( List.of( 1 ), rows.shardsHolding( "customer", customer.getId() ) );
			assertEquals( "Renamed while detached", rows.single( 1, "select name from customer where id = ?", customer.getId() ) );
			assertEquals( 1, rows.count( 1, "select version from customer where id = ?", customer.getId() ) );
			assertEquals( 1L, rows.total( "customer" ) );
			assertEquals( customer.getId(), merged.getId() );

			// An entity whose id does not name its shard is updated in place as well.
			Note note = persistNote( 77L, KeyRouting.topicOnShard( 3 ), "first" );
			note.setBody( "second" );
			inTransaction( session -> session.merge( note ) );
			assertEquals( List.of( 3 ), rows.shardsHolding( "note", 77L ) );
			assertEquals( "second", rows.single( 3, "select body from note where id = 77" ) );
			assertEquals( 1L, rows.total( "note" ) );
		}

		@Test
		void mergeOfADetachedOrderCascadesItsNewLineToTheOrdersShard() {
			Customer customer = persistCustomerOn( 3 );
			PurchaseOrder order = new PurchaseOrder( customer, "PO-merge" );
			order.addLine( "FIRST", 1, BigDecimal.ONE );
			inTransaction( session -> session.persist( order ) );

			order.setStatus( "CHANGED" );
			order.addLine( "ADDED-WHILE-DETACHED", 2, BigDecimal.TEN );
			PurchaseOrder merged = fromTransaction( session -> session.merge( order ) );
			assertEquals( List.of( 3 ), rows.shardsHolding( "purchase_order", order.getId() ) );
			assertEquals( "CHANGED", rows.single( 3, "select status from purchase_order where id = ?", order.getId() ) );
			assertEquals( 2, merged.getLines().size() );
			for ( OrderLine line : merged.getLines() ) {
				assertEquals( List.of( 3 ), rows.shardsHolding( "order_line", line.getId() ), line + " lives with its order" );
			}
			assertEquals( 2L, rows.total( "order_line" ) );
		}

		@Test
		void findMultipleLoadsFromEachIdsShardInTheOrderAsked() {
			List<Customer> customers = new ArrayList<>();
			for ( int shard = 0; shard < 4; shard++ ) {
				customers.add( persistCustomerOn( shard ) );
			}
			long missing = customers.get( 1 ).getId() + ( 1L << 10 );
			List<Long> ids = List.of( customers.get( 3 ).getId(), customers.get( 0 ).getId(), missing, customers.get( 2 ).getId() );
			try ( ShardedSession session = factory.openSession() ) {
				ShardActivity activity = new ShardActivity();
				List<Customer> found = session.findMultiple( Customer.class, ids );
				assertEquals( 4, found.size() );
				assertEquals( customers.get( 3 ).getEmail(), found.get( 0 ).getEmail() );
				assertEquals( customers.get( 0 ).getEmail(), found.get( 1 ).getEmail() );
				assertNull( found.get( 2 ), "an id stored nowhere gives null in its place" );
				assertEquals( customers.get( 2 ).getEmail(), found.get( 3 ).getEmail() );
				assertEquals( List.of( 0, 1, 2, 3 ), activity.shardsWithStatements(), "each id's shard, and only those" );
			}
		}

		@Test
		void isDirtyReportsPendingChangesOfAnyShard() {
			Customer customer = persistCustomerOn( 2 );
			Customer other = persistCustomerOn( 0 );
			try ( ShardedSession session = factory.openSession() ) {
				session.beginTransaction();
				session.find( Customer.class, other.getId() );
				Customer loaded = session.find( Customer.class, customer.getId() );
				assertFalse( session.isDirty() );
				loaded.setName( "Dirty on shard 2" );
				assertTrue( session.isDirty() );
				session.flush();
				assertFalse( session.isDirty() );
				session.getTransaction().commit();
			}
			assertEquals( "Dirty on shard 2", rows.single( 2, "select name from customer where id = ?", customer.getId() ) );
		}

		@Test
		void mergeOfANewEntityInsertsItOnItsKeysShard() {
			Customer fresh = new Customer( KeyRouting.emailOnShard( 2 ), "Merged new" );
			Customer merged = fromTransaction( session -> session.merge( fresh ) );
			assertNotNull( merged.getId() );
			assertEquals( List.of( 2 ), rows.shardsHolding( "customer", merged.getId() ) );
			assertEquals( 1L, rows.total( "customer" ) );
		}

		@Test
		void removeDeletesTheRowsFromTheirShard() {
			Customer customer = persistCustomerOn( 2 );
			PurchaseOrder order = new PurchaseOrder( customer, "PO-rm" );
			order.addLine( "A", 1, BigDecimal.ONE );
			order.addLine( "B", 1, BigDecimal.ONE );
			inTransaction( session -> session.persist( order ) );
			Note note = persistNote( 5L, KeyRouting.topicOnShard( 0 ), "to remove" );
			assertEquals( 2, rows.count( 2, "select count(*) from order_line" ) );

			inTransaction( session -> session.remove( session.find( PurchaseOrder.class, order.getId() ) ) );
			assertEquals( List.of(), rows.shardsHolding( "purchase_order", order.getId() ) );
			assertEquals( 0L, rows.total( "order_line" ), "the order's lines were removed by cascade" );
			assertEquals( List.of( 2 ), rows.shardsHolding( "customer", customer.getId() ), "the customer stays" );

			inTransaction( session -> session.remove( session.find( Customer.class, customer.getId() ) ) );
			inTransaction( session -> session.remove( session.find( Note.class, note.getId() ) ) );
			assertEquals( 0L, rows.total( "customer" ) );
			assertEquals( 0L, rows.total( "note" ) );
		}

		@Test
		void getReferenceReturnsALazyProxyBoundToTheEntitysShard() {
			Customer customer = persistCustomerOn( 3 );
			try ( ShardedSession session = factory.openSession() ) {
				ShardActivity activity = new ShardActivity();
				Customer reference = session.getReference( Customer.class, customer.getId() );
				assertFalse( Hibernate.isInitialized( reference ) );
				assertEquals( List.of(), activity.shardsWithStatements(), "getReference runs no SQL" );
				assertEquals( ShardId.of( 3 ), session.getShardIdForObject( reference ) );
				assertEquals( customer.getName(), reference.getName() );
				assertEquals( List.of( 3 ), activity.shardsWithStatements(), "initialising the proxy reads only its shard" );
			}
			Note note = persistNote( 31L, KeyRouting.topicOnShard( 1 ), "referenced" );
			try ( ShardedSession session = factory.openSession() ) {
				Note reference = session.getReference( Note.class, note.getId() );
				assertEquals( "referenced", reference.getBody() );
				assertEquals( ShardId.of( 1 ), session.getShardIdForObject( reference ) );
			}
		}

		@Test
		void refreshSeesAChangeMadeDirectlyInTheDatabase() {
			Customer customer = persistCustomerOn( 1 );
			try ( ShardedSession session = factory.openSession() ) {
				Customer loaded = session.find( Customer.class, customer.getId() );
				assertEquals( customer.getName(), loaded.getName() );
				assertEquals( 1, rows.update( 1, "update customer set name = 'Changed by JDBC', version = version + 1 where id = ?",
						customer.getId() ) );
				assertEquals( customer.getName(), loaded.getName() );
				session.refresh( loaded );
				assertEquals( "Changed by JDBC", loaded.getName() );
				assertEquals( 1, loaded.getVersion() );
			}
		}

		// ---- persistence context

		@Test
		void containsDetachAndClearStopChangesFromBeingWritten() {
			Customer first = persistCustomerOn( 0 );
			Customer second = persistCustomerOn( 3 );
			try ( ShardedSession session = factory.openSession() ) {
				session.beginTransaction();
				Customer a = session.find( Customer.class, first.getId() );
				Customer b = session.find( Customer.class, second.getId() );
				assertTrue( session.contains( a ) );
				assertTrue( session.contains( b ) );
				assertFalse( session.contains( first ), "the instance returned earlier by another session is not managed here" );

				session.detach( a );
				assertFalse( session.contains( a ) );
				assertTrue( session.contains( b ) );
				a.setName( "changed after detach" );
				session.getTransaction().commit();
			}
			assertEquals( first.getName(), rows.single( 0, "select name from customer where id = ?", first.getId() ) );

			try ( ShardedSession session = factory.openSession() ) {
				session.beginTransaction();
				Customer a = session.find( Customer.class, first.getId() );
				Customer b = session.find( Customer.class, second.getId() );
				a.setName( "changed before clear" );
				b.setName( "changed before clear" );
				session.clear();
				assertFalse( session.contains( a ) );
				assertFalse( session.contains( b ) );
				session.getTransaction().commit();
			}
			assertEquals( first.getName(), rows.single( 0, "select name from customer where id = ?", first.getId() ) );
			assertEquals( second.getName(), rows.single( 3, "select name from customer where id = ?", second.getId() ) );
		}

		@Test
		void flushWritesPendingChangesInsideTheTransactionOfTheEntitysShard() {
			Customer customer = new Customer( KeyRouting.emailOnShard( 2 ), "Flushed" );
			try ( ShardedSession session = factory.openSession() ) {
				session.beginTransaction();
				session.persist( customer );
				assertEquals( List.of( 0L, 0L, 0L, 0L ), customersSeenBySession( session ), "nothing is written before the flush" );
				session.flush();
				assertEquals( List.of( 0L, 0L, 1L, 0L ), customersSeenBySession( session ),
						"after the flush the row is visible in shard 2's transaction" );
				assertEquals( 0L, rows.total( "customer" ), "and invisible to others until commit" );
				session.getTransaction().rollback();
			}
			assertEquals( 0L, rows.total( "customer" ), "rolled back" );
		}

		/** Counts customers through the session's own connection of each shard (so uncommitted rows count). */
		private List<Long> customersSeenBySession(Session session) {
			Map<String, Long> byDatabase = new LinkedHashMap<>();
			session.doWork( connection -> {
				try ( Statement statement = connection.createStatement();
						ResultSet result = statement.executeQuery( "select database(), count(*) from customer" ) ) {
					result.next();
					byDatabase.put( result.getString( 1 ), result.getLong( 2 ) );
				}
			} );
			List<Long> counts = new ArrayList<>();
			for ( int shard = 0; shard < 4; shard++ ) {
				counts.add( byDatabase.get( rows.databaseName( shard ) ) );
			}
			return counts;
		}

		@Test
		void inTransactionCommitsOnSuccessAndRollsBackOnFailure() {
			Customer committed = new Customer( KeyRouting.emailOnShard( 1 ), "Committed" );
			factory.inTransaction( session -> session.persist( committed ) );
			assertEquals( List.of( 1 ), rows.shardsHolding( "customer", committed.getId() ) );

			Customer failed = new Customer( KeyRouting.emailOnShard( 2 ), "Rolled back" );
			try ( ShardedSession session = factory.openSession() ) {
				IllegalStateException thrown = assertThrows( IllegalStateException.class, () -> session.inTransaction( tx -> {
					session.persist( failed );
					session.flush();
					throw new IllegalStateException( "work failed" );
				} ) );
				assertEquals( "work failed", thrown.getMessage() );
				assertFalse( session.getTransaction().isActive() );
			}
			assertEquals( List.of(), rows.shardsWhere( "select count(*) from customer where email = ?", failed.getEmail() ) );

			Long id = factory.fromTransaction( session -> {
				Customer c = new Customer( KeyRouting.emailOnShard( 3 ), "From transaction" );
				session.persist( c );
				return c.getId();
			} );
			assertEquals( List.of( 3 ), rows.shardsHolding( "customer", id ) );
		}

		@Test
		void doWorkRunsOncePerShardWithThatShardsConnection() {
			List<String> databases = new ArrayList<>();
			try ( ShardedSession session = factory.openSession() ) {
				session.doWork( connection -> {
					try ( Statement statement = connection.createStatement();
							ResultSet result = statement.executeQuery( "select database()" ) ) {
						result.next();
						databases.add( result.getString( 1 ) );
					}
				} );
			}
			List<String> expected = new ArrayList<>();
			for ( int shard = 0; shard < 4; shard++ ) {
				expected.add( rows.databaseName( shard ) );
			}
			assertEquals( expected, databases, "once per shard, in shard order" );
		}

		@Test
		void criteriaBuilderBuildsQueriesThatRunOnEachShardsFactory() {
			for ( int shard = 0; shard < 4; shard++ ) {
				for ( int i = 0; i <= shard; i++ ) {
					persistCustomerOn( shard );
				}
			}
			try ( ShardedSession session = factory.openSession() ) {
				var builder = session.getCriteriaBuilder();
				assertNotNull( builder );
				CriteriaQuery<Long> count = builder.createQuery( Long.class );
				Root<Customer> root = count.from( Customer.class );
				count.select( builder.count( root ) );
				for ( int shard = 0; shard < 4; shard++ ) {
					try ( Session shardSession = factory.getSessionFactories().get( ShardId.of( shard ) ).openSession() ) {
						assertEquals( shard + 1L, shardSession.createQuery( count ).getSingleResult() );
					}
				}
			}
		}

		// ---- settings that reach every shard session

		@Test
		void manualFlushModeWritesNothingAtCommitWithoutAFlush() {
			Customer existing = persistCustomerOn( 0 );
			Customer fresh = new Customer( KeyRouting.emailOnShard( 3 ), "Never flushed" );
			try ( ShardedSession session = factory.openSession() ) {
				session.beginTransaction();
				Customer loaded = session.find( Customer.class, existing.getId() ); // shard 0's session is open already
				session.setHibernateFlushMode( FlushMode.MANUAL );
				assertEquals( FlushMode.MANUAL, session.getHibernateFlushMode() );
				loaded.setName( "Changed, never flushed" );
				session.persist( fresh ); // shard 3's session opens after the setting
				session.getTransaction().commit();
			}
			assertEquals( existing.getName(), rows.single( 0, "select name from customer where id = ?", existing.getId() ),
					"FlushMode.MANUAL: commit without flush() must not write the change on shard 0" );
			assertEquals( List.of(), rows.shardsWhere( "select count(*) from customer where email = ?", fresh.getEmail() ),
					"FlushMode.MANUAL: commit without flush() must not insert on shard 3" );

			// The first persist assigned an id, so that instance now counts as detached (as in plain Hibernate): use a new one.
			Customer again = new Customer( fresh.getEmail(), "Flushed" );
			try ( ShardedSession session = factory.openSession() ) {
				session.setHibernateFlushMode( FlushMode.MANUAL );
				session.beginTransaction();
				session.persist( again );
				session.flush();
				session.getTransaction().commit();
			}
			assertEquals( List.of( 3 ), rows.shardsWhere( "select count(*) from customer where email = ?", fresh.getEmail() ),
					"an explicit flush writes under FlushMode.MANUAL" );
		}

		@Test
		void defaultReadOnlyEntitiesAreNotUpdatedOnFlush() {
			Customer first = persistCustomerOn( 1 );
			Customer second = persistCustomerOn( 2 );
			try ( ShardedSession session = factory.openSession() ) {
				session.beginTransaction();
				Customer a = session.find( Customer.class, first.getId() );
				session.setDefaultReadOnly( true ); // shard 1's session is open; shard 2's opens later
				assertTrue( session.isDefaultReadOnly() );
				Customer b = session.find( Customer.class, second.getId() );
				assertFalse( session.isReadOnly( a ), "loaded before the setting" );
				assertTrue( session.isReadOnly( b ), "loaded after the setting, on a shard session opened later" );
				a.setName( "written" );
				b.setName( "not written" );
				session.flush();
				session.getTransaction().commit();
			}
			assertEquals( "written", rows.single( 1, "select name from customer where id = ?", first.getId() ) );
			assertEquals( second.getName(), rows.single( 2, "select name from customer where id = ?", second.getId() ),
					"a read-only entity is not updated on flush" );
		}

		@Test
		void jdbcBatchSizeBatchesInsertsOnEveryShard() {
			Map<Integer, Long> batched = insertsPerShardFor( 40, 25 );
			Map<Integer, Long> unbatched = insertsPerShardFor( 40, null );
			for ( int shard = 0; shard < 4; shard++ ) {
				long rowsOnShard = rows.count( shard, "select count(*) from customer where name like 'batch-25-%'" );
				assertEquals( 40, rowsOnShard );
				assertEquals( 2L, batched.get( shard ), "40 inserts on shard " + shard + " with batch size 25 are 2 statements" );
				assertEquals( 40L, unbatched.get( shard ), "without a batch size, each insert is its own statement" );
			}
		}

		/** Persists {@code perShard} customers on every shard and returns the INSERT statements each shard's server saw. */
		private Map<Integer, Long> insertsPerShardFor(int perShard, Integer batchSize) {
			try ( ShardedSession session = factory.openSession() ) {
				if ( batchSize != null ) {
					session.setJdbcBatchSize( batchSize );
					assertEquals( batchSize, session.getJdbcBatchSize() );
				}
				session.beginTransaction();
				Map<String, Long> before = insertCounters( session );
				for ( int shard = 0; shard < 4; shard++ ) {
					for ( int i = 0; i < perShard; i++ ) {
						session.persist( new Customer( KeyRouting.emailOnShard( shard ), "batch-" + batchSize + "-" + i ) );
					}
				}
				session.flush();
				Map<String, Long> after = insertCounters( session );
				session.getTransaction().commit();
				Map<Integer, Long> inserts = new LinkedHashMap<>();
				for ( int shard = 0; shard < 4; shard++ ) {
					String database = rows.databaseName( shard );
					inserts.put( shard, after.get( database ) - before.get( database ) );
				}
				return inserts;
			}
		}

		/** The server's count of INSERT statements on each shard session's own connection. */
		private Map<String, Long> insertCounters(Session session) {
			Map<String, Long> counters = new LinkedHashMap<>();
			session.doWork( connection -> {
				try ( Statement statement = connection.createStatement();
						ResultSet result = statement.executeQuery( "select database(), variable_value from information_schema.session_status "
								+ "where variable_name = 'COM_INSERT'" ) ) {
					result.next();
					counters.put( result.getString( 1 ), result.getLong( 2 ) );
				}
			} );
			return counters;
		}

		@Test
		void sessionsAreIndependentOfEachOther() {
			Customer customer = persistCustomerOn( 2 );
			try ( ShardedSession one = factory.openSession(); ShardedSession two = factory.openSession() ) {
				Customer inOne = one.find( Customer.class, customer.getId() );
				Customer inTwo = two.find( Customer.class, customer.getId() );
				assertNotNull( inOne );
				assertNotNull( inTwo );
				assertFalse( inOne == inTwo, "each session has its own persistence context" );
				assertSame( inOne, one.find( Customer.class, customer.getId() ), "within a session, one instance per row" );
			}
		}
	}
}
