package org.hibernate.shards.bench.support;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.Transaction;
import org.hibernate.shards.bench.model.CustomerData;

/**
 * The single-entity work of one implementation, written once against the Hibernate {@link Session} API: a
 * {@link org.hibernate.shards.ShardedSessionFactory} and a plain {@link SessionFactory} run exactly the same code. Each
 * operation is a unit of work of its own: open a session, do the one thing (in a transaction when it writes), close.
 */
public final class CustomerWorkload implements AutoCloseable {
	private final SessionFactory factory;
	private final Class<? extends CustomerData> type;
	private final LongFunction<? extends CustomerData> newCustomer;
	private final AutoCloseable[] resources;
	private final AtomicLong nextValue = new AtomicLong( 1_000_000 );

	/**
	 * @param newCustomer makes the {@code i}-th new customer, assigning its id if the implementation needs one
	 * @param resources closed after the factory (pools, ShardingSphere's data source)
	 */
	public CustomerWorkload(SessionFactory factory, Class<? extends CustomerData> type, LongFunction<? extends CustomerData> newCustomer,
			AutoCloseable... resources) {
		this.factory = factory;
		this.type = type;
		this.newCustomer = newCustomer;
		this.resources = resources;
	}

	public CustomerData find(long id) {
		try ( Session session = factory.openSession() ) {
			return session.find( type, id );
		}
	}

	/** A routed query: the e-mail is the shard key, so the sharded implementations ask one shard. */
	public CustomerData findByEmail(String email) {
		try ( Session session = factory.openSession() ) {
			return session.createQuery( "from " + entityName() + " c where c.email = :email", type ).setParameter( "email", email )
					.getSingleResult();
		}
	}

	public Long persist() {
		CustomerData customer = newCustomer.apply( nextValue.getAndIncrement() );
		try ( Session session = factory.openSession() ) {
			Transaction transaction = session.beginTransaction();
			try {
				session.persist( customer );
				transaction.commit();
			}
			catch (RuntimeException e) {
				rollback( transaction );
				throw e;
			}
		}
		return customer.getId();
	}

	public CustomerData merge(CustomerData detached) {
		try ( Session session = factory.openSession() ) {
			Transaction transaction = session.beginTransaction();
			try {
				CustomerData merged = session.merge( detached );
				transaction.commit();
				return merged;
			}
			catch (RuntimeException e) {
				rollback( transaction );
				throw e;
			}
		}
	}

	private static void rollback(Transaction transaction) {
		if ( transaction.isActive() ) {
			transaction.rollback();
		}
	}

	/** @return the ids of every stored customer (a fan-out query for the sharded implementations) */
	public List<Long> ids() {
		try ( Session session = factory.openSession() ) {
			return session.createQuery( "select c.id from " + entityName() + " c", Long.class ).getResultList();
		}
	}

	/** @return the customers with these ids, detached */
	public List<? extends CustomerData> loadDetached(List<Long> ids) {
		try ( Session session = factory.openSession() ) {
			return session.createQuery( "from " + entityName() + " c where c.id in :ids", type ).setParameter( "ids", ids ).getResultList();
		}
	}

	/** @return the largest stored id, so that assigned ids continue after it */
	public long maxId() {
		try ( Session session = factory.openSession() ) {
			Long max = session.createQuery( "select max(c.id) from " + entityName() + " c", Long.class ).getSingleResult();
			return max == null ? 0 : max;
		}
	}

	private String entityName() {
		return type.getSimpleName();
	}

	@Override
	public void close() {
		Factories.close( factory );
		Factories.close( resources );
	}
}
