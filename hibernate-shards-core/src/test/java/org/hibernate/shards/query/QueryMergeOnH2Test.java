package org.hibernate.shards.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.hibernate.shards.ShardedQueryException;
import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.cfg.ShardedConfiguration;
import org.hibernate.shards.model.Account;
import org.hibernate.shards.model.Purchase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Quick checks of query merging on embedded H2 shards against one H2 database holding the same rows. The full
 * differential suite runs against real MySQL-protocol shards in hibernate-shards-test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryMergeOnH2Test {
	private ShardedSessionFactory sharded;
	private SessionFactory single;

	@BeforeAll
	void load() {
		ShardedConfiguration cfg = new ShardedConfiguration()
				.setProperty( "hibernate.hbm2ddl.auto", "create-drop" )
				.setProperty( "hibernate.shards.virtual_shards", "16" )
				.addAnnotatedClass( Account.class ).addAnnotatedClass( Purchase.class );
		for ( int i = 0; i < 3; i++ ) {
			cfg.setProperty( "hibernate.shards." + i + ".connection.url", "jdbc:h2:mem:qm" + i + ";DB_CLOSE_DELAY=-1" );
		}
		sharded = cfg.buildShardedSessionFactory();
		single = new Configuration().setProperty( "hibernate.connection.url", "jdbc:h2:mem:qmsingle;DB_CLOSE_DELAY=-1" )
				.setProperty( "hibernate.hbm2ddl.auto", "create-drop" )
				.addAnnotatedClass( Account.class ).addAnnotatedClass( Purchase.class ).buildSessionFactory();
		Random random = new Random( 7 );
		List<Account> accounts = new ArrayList<>();
		try ( ShardedSession session = sharded.openSession() ) {
			session.beginTransaction();
			for ( int i = 0; i < 200; i++ ) {
				Account account = new Account( "user" + i + "@example.com", random.nextInt( 10 ) == 0 ? null : "name" + random.nextInt( 40 ) );
				for ( int p = random.nextInt( 4 ); p > 0; p-- ) {
					account.addPurchase( "item" + random.nextInt( 15 ) );
				}
				session.persist( account );
				accounts.add( account );
			}
			session.getTransaction().commit();
		}
		// The same rows, ids included, in one database.
		single.inTransaction( session -> {
			for ( Account account : accounts ) {
				session.createNativeMutationQuery( "insert into Account (id, email, name) values (?1, ?2, ?3)" )
						.setParameter( 1, account.getId() ).setParameter( 2, account.getEmail() ).setParameter( 3, account.getName() )
						.executeUpdate();
				for ( Purchase purchase : account.getPurchases() ) {
					session.createNativeMutationQuery( "insert into Purchase (id, account_id, item) values (?1, ?2, ?3)" )
							.setParameter( 1, purchase.getId() ).setParameter( 2, account.getId() ).setParameter( 3, purchase.getItem() )
							.executeUpdate();
				}
			}
		} );
	}

	@AfterAll
	void close() {
		sharded.close();
		single.close();
	}

	private List<Object> onSharded(String hql, int first, int max) {
		try ( ShardedSession session = sharded.openSession() ) {
			return run( session, hql, first, max );
		}
	}

	private List<Object> onSingle(String hql, int first, int max) {
		try ( Session session = single.openSession() ) {
			return run( session, hql, first, max );
		}
	}

	private static List<Object> run(Session session, String hql, int first, int max) {
		var query = session.createQuery( hql, Object.class );
		if ( first > 0 ) {
			query.setFirstResult( first );
		}
		if ( max > 0 ) {
			query.setMaxResults( max );
		}
		return normalize( query.getResultList() );
	}

	private static List<Object> normalize(List<?> rows) {
		List<Object> result = new ArrayList<>();
		for ( Object row : rows ) {
			if ( row instanceof Object[] array ) {
				List<Object> values = new ArrayList<>();
				for ( Object value : array ) {
					values.add( value instanceof Account a ? "Account#" + a.getId() : value );
				}
				result.add( values );
			}
			else {
				result.add( row instanceof Account a ? "Account#" + a.getId() : row );
			}
		}
		return result;
	}

	private void assertSameOrdered(String hql) {
		assertSameOrdered( hql, 0, 0 );
	}

	private void assertSameOrdered(String hql, int first, int max) {
		assertEquals( onSingle( hql, first, max ), onSharded( hql, first, max ), hql );
	}

	private void assertSameUnordered(String hql) {
		List<Object> expected = onSingle( hql, 0, 0 );
		List<Object> actual = onSharded( hql, 0, 0 );
		expected.sort( java.util.Comparator.comparing( String::valueOf ) );
		actual.sort( java.util.Comparator.comparing( String::valueOf ) );
		assertEquals( expected, actual, hql );
	}

	@Test
	void orderedMergeEqualsOneDatabase() {
		assertSameOrdered( "select a.email from Account a order by a.email" );
		assertSameOrdered( "select a.name, a.email from Account a order by a.name desc, a.email" );
		assertSameOrdered( "select a from Account a order by a.name nulls last, a.id desc" );
		assertSameOrdered( "select a.email from Account a order by a.email", 30, 25 );
		assertSameOrdered( "select a.email from Account a order by a.email desc limit 10 offset 5" );
		assertSameOrdered( "select a.id from Account a order by 1 desc" );
	}

	@Test
	void aggregatesEqualOneDatabase() {
		assertSameOrdered( "select count(*), count(a.name), min(a.name), max(a.email) from Account a" );
		assertSameOrdered( "select count(distinct a.name) from Account a" );
		assertSameOrdered( "select sum(length(p.item)), avg(length(p.item)), count(p) from Purchase p" );
		assertSameOrdered( "select count(*) from Account a where a.email = 'nobody'" );
		assertSameOrdered( "select a.name, count(*) from Account a group by a.name order by count(*) desc, a.name nulls first" );
		assertSameOrdered( "select a.name, count(*) as c from Account a group by a.name having count(*) > 5 order by c, a.name" );
		assertSameOrdered( "select p.item, count(distinct p.account) from Purchase p group by p.item order by p.item" );
		assertSameOrdered( "select p.item, count(*) * 2 + 1 from Purchase p group by p.item order by p.item", 3, 4 );
	}

	@Test
	void distinctAndJoinsEqualOneDatabase() {
		assertSameUnordered( "select distinct a.name from Account a" );
		assertSameOrdered( "select distinct p.item from Purchase p order by p.item" );
		assertSameUnordered( "select p.item, a.email from Purchase p join p.account a where a.name = 'name3'" );
		assertSameUnordered( "select a.email from Account a where exists (select 1 from Purchase p where p.account = a and p.item = 'item1')" );
	}

	@Test
	void routedQueriesAskOneShard() {
		String hql = "select a.name from Account a where a.email = 'user7@example.com'";
		assertSameOrdered( hql );
		try ( ShardedSession session = sharded.openSession() ) {
			Object name = session.createQuery( "select a.name from Account a where a.email = :e", Object.class )
					.setParameter( "e", "user7@example.com" ).getSingleResultOrNull();
			assertEquals( onSingle( hql, 0, 0 ).isEmpty() ? null : onSingle( hql, 0, 0 ).get( 0 ), name );
		}
	}

	@Test
	void singleResultIsDecidedAcrossShards() {
		try ( ShardedSession session = sharded.openSession() ) {
			assertThrows( jakarta.persistence.NonUniqueResultException.class,
					() -> session.createQuery( "select a from Account a where a.email like 'user1%'", Account.class ).getSingleResult() );
			assertThrows( jakarta.persistence.NoResultException.class,
					() -> session.createQuery( "select a from Account a where a.email = 'none'", Account.class ).getSingleResult() );
			assertEquals( 200L, session.createQuery( "select count(*) from Account a", Long.class ).getSingleResult() );
		}
	}

	@Test
	void unmergeableQueriesAreRefusedBeforeAnyShardIsAsked() {
		try ( ShardedSession session = sharded.openSession() ) {
			ShardedQueryException e = assertThrows( ShardedQueryException.class,
					() -> session.createQuery( "select a.email from Account a where a.name in (select p.item from Purchase p)", Object.class ).getResultList() );
			assertTrue( e.getMessage().contains( "subquery" ), e.getMessage() );
			assertThrows( ShardedQueryException.class,
					() -> session.createQuery( "select a.email from Account a union select p.item from Purchase p", Object.class ).getResultList() );
			assertThrows( ShardedQueryException.class,
					() -> session.createQuery( "select a.name, sum(length(a.email)) / count(*) from Account a group by a.name", Object.class ).getResultList() );
		}
	}

	@Test
	void streamsMergeLikeLists() {
		try ( ShardedSession session = sharded.openSession() ) {
			List<String> listed = session.createQuery( "select a.email from Account a order by a.email desc", String.class ).getResultList();
			try ( var stream = session.createQuery( "select a.email from Account a order by a.email desc", String.class ).getResultStream() ) {
				assertEquals( listed, stream.toList() );
			}
		}
	}

	@Test
	void mutationsRouteOrFanOutAndCountEveryShard() {
		try ( ShardedSession session = sharded.openSession() ) {
			session.beginTransaction();
			int updated = session.createMutationQuery( "update Purchase p set p.item = p.item where p.item = 'item3'" ).executeUpdate();
			long expected;
			try ( Session one = single.openSession() ) {
				expected = one.createQuery( "select count(*) from Purchase p where p.item = 'item3'", Long.class ).getSingleResult();
			}
			assertEquals( expected, updated );
			assertThrows( org.hibernate.shards.ShardKeyException.class,
					() -> session.createMutationQuery( "update Account a set a.email = 'x' where a.id = 1" ).executeUpdate() );
			session.getTransaction().rollback();
		}
	}
}
