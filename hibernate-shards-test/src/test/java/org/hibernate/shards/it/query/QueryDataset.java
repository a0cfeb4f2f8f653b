package org.hibernate.shards.it.query;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.it.query.model.Customer;
import org.hibernate.shards.it.query.model.OrderLine;
import org.hibernate.shards.it.query.model.Product;
import org.hibernate.shards.it.query.model.PurchaseOrder;
import org.hibernate.shards.it.query.model.Tier;
import org.hibernate.shards.test.ShardDatabase;

/**
 * A seeded random data set for the differential query suite: 800 customers, 2,000 orders, 3,000 lines and 200
 * products (6,000 rows), with NULLs, ties, skewed groups, names that are equal ignoring case ("alice", "Alice") and
 * non-ASCII names. It is persisted through a {@link ShardedSession} (ids are generated there), then the very same rows,
 * ids included, are copied into one plain reference database with JDBC.
 */
public final class QueryDataset {
	public static final long SEED = 20261115L;
	public static final int CUSTOMERS = 800;
	public static final int ORDERS = 2_000;
	public static final int LINES = 3_000;
	public static final int PRODUCTS = 200;

	/** Names with ties, case variants (equal under the database's _ci collation) and non-ASCII letters. */
	private static final String[] NAMES = {
			"alice", "Alice", "ALICE", "bob", "Bob", "Zoë", "ZOË", "Ärger", "ärger", "ñandú", "Ñandú", "Émile", "émile",
			"Øyvind", "carol", "Carol", "dave", "Eve", "mallory", "Trent", "peggy", "Victor", "walter", "Zed", "aaron",
			"Zachary", "yannick", "Åsa", "Ümit", "oscar", "apple", "Gizmo"
	};
	/** Skewed: 60% DE. */
	private static final String[] OTHER_COUNTRIES = { "FR", "US", "ES", "IT", "SE", "NO", "GB" };
	private static final String[] STATUSES = { "NEW", "PAID", "SHIPPED", "SHIPPED", "SHIPPED", "SHIPPED", "CANCELLED", "RETURNED", "PAID", "NEW" };
	/** Exactly representable in binary, so that sums of discounts do not depend on the order of addition. */
	private static final double[] DISCOUNTS = { 0.0, 0.125, 0.25, 0.5, 0.0625, 0.375, 0.75 };
	private static final String[] PRODUCT_NAMES = { "Widget", "widget", "Gadget", "Gizmo", "gizmo", "Ölkanne", "Ångström ruler",
			"Zündholz", "apple", "Banana", "cherry", "Doohickey", "Éclair pan" };

	public final List<Customer> customers = new ArrayList<>();
	public final List<PurchaseOrder> orders = new ArrayList<>();
	public final List<OrderLine> lines = new ArrayList<>();
	public final List<Product> products = new ArrayList<>();
	/** The physical shard of each customer (and so of its orders and lines), known once persisted. */
	public final Map<Long, ShardId> shardOfCustomer = new HashMap<>();
	/**
	 * A customer whose e-mail address, written in upper case, hashes to another shard than the address as stored (the
	 * first customer, when there is no such one: with one shard). MariaDB's collation finds the row either way.
	 */
	public Customer upperCaseElsewhere;

	private QueryDataset() {
	}

	/** The same rows for the same seed, not yet persisted. */
	public static QueryDataset generate() {
		QueryDataset data = new QueryDataset();
		Random random = new Random( SEED );
		for ( int i = 0; i < CUSTOMERS; i++ ) {
			String name = i == 7 ? "Zebedee" // exactly one customer of this name
					: random.nextInt( 10 ) == 0 ? null : NAMES[random.nextInt( NAMES.length )];
			String country = random.nextInt( 40 ) == 0 ? null
					: random.nextInt( 10 ) < 6 ? "DE" : OTHER_COUNTRIES[random.nextInt( OTHER_COUNTRIES.length )];
			LocalDate birth = random.nextInt( 7 ) == 0 ? null
					: LocalDate.of( 1960 + random.nextInt( 40 ), 1 + random.nextInt( 12 ), random.nextBoolean() ? 1 : 15 );
			BigDecimal credit = random.nextInt( 8 ) == 0 ? null
					: random.nextBoolean() ? BigDecimal.valueOf( random.nextInt( 400 ) * 25L, 0 ).setScale( 2 )
					: BigDecimal.valueOf( random.nextInt( 2_000_000 ), 2 );
			Tier tier = switch ( random.nextInt( 20 ) ) {
				case 0, 1 -> Tier.PLATINUM;
				case 2, 3, 4 -> Tier.GOLD;
				case 5, 6, 7, 8, 9 -> Tier.SILVER;
				default -> Tier.BRONZE;
			};
			String email = String.format( "c%04d@%s.example", i, i % 3 == 0 ? "mail" : i % 3 == 1 ? "post" : "web" );
			data.customers.add( new Customer( email, name, country, birth, credit, random.nextInt( 10 ) < 7, tier ) );
		}
		LocalDateTime start = LocalDateTime.of( 2024, 1, 1, 0, 0 );
		int[] hours = { 9, 12, 18 };
		for ( int i = 0; i < ORDERS; i++ ) {
			double r = random.nextDouble();
			Customer customer = data.customers.get( (int) ( CUSTOMERS * r * r ) ); // skewed: low indexes order a lot
			BigDecimal total = random.nextInt( 8 ) == 0 ? new BigDecimal( "99.99" )
					: random.nextInt( 8 ) == 0 ? new BigDecimal( "10.00" ) : BigDecimal.valueOf( 100 + random.nextInt( 199_900 ), 2 );
			LocalDateTime placed = start.plusDays( random.nextInt( 730 ) ).withHour( hours[random.nextInt( hours.length )] );
			Integer priority = random.nextInt( 10 ) < 3 ? null : 1 + random.nextInt( 5 );
			data.orders.add( new PurchaseOrder( customer, STATUSES[random.nextInt( STATUSES.length )], total, placed, priority ) );
		}
		for ( int i = 0; i < LINES; i++ ) {
			double r = random.nextDouble();
			PurchaseOrder order = data.orders.get( (int) ( ORDERS * r * Math.sqrt( r ) ) );
			int skuNumber = 1 + (int) ( 60 * random.nextDouble() * random.nextDouble() );
			String sku = random.nextInt( 50 ) == 0 ? "sku-xl" : String.format( "SKU-%03d", skuNumber );
			Double discount = random.nextInt( 10 ) < 4 ? null : DISCOUNTS[random.nextInt( DISCOUNTS.length )];
			data.lines.add( order.addLine( sku, 1 + random.nextInt( 10 ), BigDecimal.valueOf( 50 + random.nextInt( 49_950 ), 2 ), discount ) );
		}
		for ( int i = 0; i < PRODUCTS; i++ ) {
			String name = random.nextInt( 12 ) == 0 ? null : PRODUCT_NAMES[random.nextInt( PRODUCT_NAMES.length )];
			BigDecimal price = random.nextInt( 6 ) == 0 ? new BigDecimal( "9.99" ) : BigDecimal.valueOf( 100 + random.nextInt( 99_900 ), 2 );
			data.products.add( new Product( String.format( "SKU-%03d", i + 1 ), name, price ) );
		}
		return data;
	}

	/** Persists every row through a sharded session, in one transaction (JDBC batches of the factory's batch size). */
	public void persistTo(ShardedSessionFactory factory) {
		try ( ShardedSession session = factory.openSession() ) {
			session.beginTransaction();
			customers.forEach( session::persist );
			orders.forEach( session::persist ); // lines by cascade
			products.forEach( session::persist );
			session.getTransaction().commit();
			for ( Customer customer : customers ) {
				shardOfCustomer.put( customer.getId(), session.getShardIdForObject( customer ) );
			}
			upperCaseElsewhere = customers.get( 0 );
			for ( Customer customer : customers ) {
				Customer shouting = new Customer( customer.getEmail().toUpperCase( java.util.Locale.ROOT ), null, null, null, null, true, Tier.BRONZE );
				if ( !session.getShardIdForObject( shouting ).equals( shardOfCustomer.get( customer.getId() ) ) ) {
					upperCaseElsewhere = customer;
					break;
				}
			}
		}
	}

	/** Copies the same rows, with the same ids, into one plain database whose tables exist (created by Hibernate). */
	public void copyTo(ShardDatabase reference) throws SQLException {
		try ( Connection connection = reference.openConnection() ) {
			connection.setAutoCommit( false );
			try ( PreparedStatement insert = connection.prepareStatement( "insert into q_customer "
					+ "(id, email, name, country, birth_date, credit, active, tier) values (?, ?, ?, ?, ?, ?, ?, ?)" ) ) {
				for ( Customer c : customers ) {
					insert.setLong( 1, c.getId() );
					insert.setString( 2, c.getEmail() );
					insert.setString( 3, c.getName() );
					insert.setString( 4, c.getCountry() );
					insert.setObject( 5, c.getBirthDate(), Types.DATE );
					insert.setBigDecimal( 6, c.getCredit() );
					insert.setBoolean( 7, c.isActive() );
					insert.setString( 8, c.getTier().name() );
					insert.addBatch();
				}
				insert.executeBatch();
			}
			try ( PreparedStatement insert = connection.prepareStatement( "insert into q_purchase_order "
					+ "(id, customer_id, status, total, placed, priority) values (?, ?, ?, ?, ?, ?)" ) ) {
				for ( PurchaseOrder o : orders ) {
					insert.setLong( 1, o.getId() );
					insert.setLong( 2, o.getCustomer().getId() );
					insert.setString( 3, o.getStatus() );
					insert.setBigDecimal( 4, o.getTotal() );
					insert.setObject( 5, o.getPlaced(), Types.TIMESTAMP );
					insert.setObject( 6, o.getPriority(), Types.INTEGER );
					insert.addBatch();
				}
				insert.executeBatch();
			}
			try ( PreparedStatement insert = connection.prepareStatement( "insert into q_order_line "
					+ "(id, order_id, sku, quantity, unit_price, discount) values (?, ?, ?, ?, ?, ?)" ) ) {
				for ( OrderLine l : lines ) {
					insert.setLong( 1, l.getId() );
					insert.setLong( 2, l.getOrder().getId() );
					insert.setString( 3, l.getSku() );
					insert.setInt( 4, l.getQuantity() );
					insert.setBigDecimal( 5, l.getUnitPrice() );
					insert.setObject( 6, l.getDiscount(), Types.DOUBLE );
					insert.addBatch();
				}
				insert.executeBatch();
			}
			try ( PreparedStatement insert = connection.prepareStatement( "insert into q_product (id, sku, name, price) values (?, ?, ?, ?)" ) ) {
				for ( Product p : products ) {
					insert.setLong( 1, p.getId() );
					insert.setString( 2, p.getSku() );
					insert.setString( 3, p.getName() );
					insert.setBigDecimal( 4, p.getPrice() );
					insert.addBatch();
				}
				insert.executeBatch();
			}
			connection.commit();
		}
	}

	// ---- values the queries are parameterised with

	/** The customer with the most orders (the skew makes it customer 0). */
	public Customer busiestCustomer() {
		Map<Customer, Integer> counts = new HashMap<>();
		orders.forEach( o -> counts.merge( o.getCustomer(), 1, Integer::sum ) );
		return counts.entrySet().stream().max( Map.Entry.<Customer, Integer>comparingByValue()
				.thenComparing( e -> -e.getKey().getId() ) ).orElseThrow().getKey();
	}

	/** A customer with a few (2 to 6) orders, the first found in generation order. */
	public Customer ordinaryCustomer() {
		Map<Customer, Integer> counts = new HashMap<>();
		orders.forEach( o -> counts.merge( o.getCustomer(), 1, Integer::sum ) );
		return customers.stream().filter( c -> counts.getOrDefault( c, 0 ) >= 2 && counts.get( c ) <= 6 ).findFirst().orElseThrow();
	}

	/** A customer without orders. */
	public Customer customerWithoutOrders() {
		java.util.Set<Customer> ordering = new java.util.HashSet<>();
		orders.forEach( o -> ordering.add( o.getCustomer() ) );
		return customers.stream().filter( c -> !ordering.contains( c ) ).findFirst().orElseThrow();
	}

	/** The e-mail addresses of some customers, spread over the data (so over the shards). */
	public List<String> someEmails(int count) {
		List<String> emails = new ArrayList<>();
		for ( int i = 0; i < count; i++ ) {
			emails.add( customers.get( 13 + i * ( CUSTOMERS / count - 1 ) ).getEmail() );
		}
		return emails;
	}

	/** The order with the most lines. */
	public PurchaseOrder orderWithMostLines() {
		return orders.stream().max( Comparator.<PurchaseOrder>comparingInt( o -> o.getLines().size() )
				.thenComparing( o -> -o.getId() ) ).orElseThrow();
	}
}
