package org.hibernate.shards.it.query;

import static org.hibernate.shards.it.query.QueryCase.criteria;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.NoResultException;
import jakarta.persistence.Tuple;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Join;
import jakarta.persistence.criteria.JoinType;
import jakarta.persistence.criteria.Nulls;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;
import org.hibernate.shards.it.query.model.CountryStats;
import org.hibernate.shards.it.query.model.Customer;
import org.hibernate.shards.it.query.model.CustomerCard;
import org.hibernate.shards.it.query.model.OrderLine;
import org.hibernate.shards.it.query.model.PurchaseOrder;
import org.hibernate.shards.it.query.model.Tier;

/**
 * JPA criteria queries of the differential suite. Each definition is a function of the {@code CriteriaBuilder}: it is
 * built once on the sharded session's builder and once on the reference session's.
 */
final class CriteriaQueries {
	private CriteriaQueries() {
	}

	static List<QueryCase> all(QueryDataset data) {
		List<QueryCase> q = new ArrayList<>();
		Customer busiest = data.busiestCustomer();
		Customer ordinary = data.ordinaryCustomer();
		List<String> emails = data.someEmails( 6 );

		q.add( criteria( "c01", "Customer where country = 'FR' order by name asc, id asc", cb -> {
			CriteriaQuery<Customer> cq = cb.createQuery( Customer.class );
			Root<Customer> c = cq.from( Customer.class );
			return cq.where( cb.equal( c.get( "country" ), "FR" ) ).orderBy( cb.asc( c.get( "name" ) ), cb.asc( c.get( "id" ) ) );
		} ).total() );
		q.add( criteria( "c02", "multiselect email, credit where credit > :min order by credit desc, id", cb -> {
			CriteriaQuery<Object[]> cq = cb.createQuery( Object[].class );
			Root<Customer> c = cq.from( Customer.class );
			return cq.multiselect( c.get( "email" ), c.get( "credit" ) )
					.where( cb.gt( c.get( "credit" ), cb.parameter( BigDecimal.class, "min" ) ) )
					.orderBy( cb.desc( c.get( "credit" ) ), cb.asc( c.get( "id" ) ) );
		} ).param( "min", new BigDecimal( "15000" ) ).total() );
		q.add( criteria( "c03", "count(Customer)", cb -> {
			CriteriaQuery<Long> cq = cb.createQuery( Long.class );
			return cq.select( cb.count( cq.from( Customer.class ) ) );
		} ).single() );
		q.add( criteria( "c04", "tuple(country as country, count as n, avg(credit) as a) group by country order by country", cb -> {
			CriteriaQuery<Tuple> cq = cb.createTupleQuery();
			Root<Customer> c = cq.from( Customer.class );
			return cq.multiselect( c.get( "country" ).alias( "country" ), cb.count( c ).alias( "n" ), cb.avg( c.get( "credit" ) ).alias( "a" ) )
					.groupBy( c.get( "country" ) ).orderBy( cb.asc( c.get( "country" ) ) );
		} ).total() );
		q.add( criteria( "c05", "sum, min, max, avg of OrderLine.quantity", cb -> {
			CriteriaQuery<Object[]> cq = cb.createQuery( Object[].class );
			Root<OrderLine> l = cq.from( OrderLine.class );
			return cq.multiselect( cb.sum( l.get( "quantity" ) ), cb.min( l.get( "quantity" ) ), cb.max( l.get( "quantity" ) ), cb.avg( l.get( "quantity" ) ) );
		} ).total() );
		q.add( criteria( "c06", "countDistinct(sku) of OrderLine", cb -> {
			CriteriaQuery<Long> cq = cb.createQuery( Long.class );
			Root<OrderLine> l = cq.from( OrderLine.class );
			return cq.select( cb.countDistinct( l.get( "sku" ) ) );
		} ).single() );
		q.add( criteria( "c07", "distinct customer.country order by country desc", cb -> {
			CriteriaQuery<String> cq = cb.createQuery( String.class );
			Root<Customer> c = cq.from( Customer.class );
			return cq.select( c.get( "country" ) ).distinct( true ).orderBy( cb.desc( c.get( "country" ) ) );
		} ).total() );
		q.add( criteria( "c08", "PurchaseOrder join customer where tier = GOLD: o.id, c.email order by o.id", cb -> {
			CriteriaQuery<Object[]> cq = cb.createQuery( Object[].class );
			Root<PurchaseOrder> o = cq.from( PurchaseOrder.class );
			Join<PurchaseOrder, Customer> c = o.join( "customer" );
			return cq.multiselect( o.get( "id" ), c.get( "email" ) ).where( cb.equal( c.get( "tier" ), Tier.GOLD ) ).orderBy( cb.asc( o.get( "id" ) ) );
		} ).total() );
		q.add( criteria( "c09", "Customer left join orders where o.id is null: emails of customers without orders", cb -> {
			CriteriaQuery<String> cq = cb.createQuery( String.class );
			Root<Customer> c = cq.from( Customer.class );
			Join<Customer, PurchaseOrder> o = c.join( "orders", JoinType.LEFT );
			return cq.select( c.get( "email" ) ).where( cb.isNull( o.get( "id" ) ) ).orderBy( cb.asc( c.get( "email" ) ) );
		} ).total() );
		q.add( criteria( "c10", "Customer where exists (PurchaseOrder o where o.customer = c and status = 'CANCELLED')", cb -> {
			CriteriaQuery<Long> cq = cb.createQuery( Long.class );
			Root<Customer> c = cq.from( Customer.class );
			Subquery<Integer> sub = cq.subquery( Integer.class );
			Root<PurchaseOrder> o = sub.from( PurchaseOrder.class );
			sub.select( cb.literal( 1 ) ).where( cb.equal( o.get( "customer" ), c ), cb.equal( o.get( "status" ), "CANCELLED" ) );
			return cq.select( c.get( "id" ) ).where( cb.exists( sub ) );
		} ).unordered() );
		q.add( criteria( "c11", "Customer where not exists (orders with total > 1000) and country = 'DE', order by id", cb -> {
			CriteriaQuery<Customer> cq = cb.createQuery( Customer.class );
			Root<Customer> c = cq.from( Customer.class );
			Subquery<Long> sub = cq.subquery( Long.class );
			Root<PurchaseOrder> o = sub.from( PurchaseOrder.class );
			sub.select( o.get( "id" ) ).where( cb.equal( o.get( "customer" ), c ), cb.gt( o.get( "total" ), new BigDecimal( "1000" ) ) );
			return cq.where( cb.not( cb.exists( sub ) ), cb.equal( c.get( "country" ), "DE" ) ).orderBy( cb.asc( c.get( "id" ) ) );
		} ).total() );
		q.add( criteria( "c12", "Customer where email = :e (routed)", cb -> {
			CriteriaQuery<Customer> cq = cb.createQuery( Customer.class );
			Root<Customer> c = cq.from( Customer.class );
			return cq.where( cb.equal( c.get( "email" ), cb.parameter( String.class, "e" ) ) );
		} ).param( "e", ordinary.getEmail() ).routedTo( ordinary.getId() ).total() );
		q.add( criteria( "c13", "Customer.name where email in (list) order by id", cb -> {
			CriteriaQuery<Object[]> cq = cb.createQuery( Object[].class );
			Root<Customer> c = cq.from( Customer.class );
			return cq.multiselect( c.get( "id" ), c.get( "name" ) ).where( c.get( "email" ).in( emails.subList( 0, 4 ) ) ).orderBy( cb.asc( c.get( "id" ) ) );
		} ).total() );
		q.add( criteria( "c14", "PurchaseOrder order by total desc, id; page 50 + 25", cb -> {
			CriteriaQuery<PurchaseOrder> cq = cb.createQuery( PurchaseOrder.class );
			Root<PurchaseOrder> o = cq.from( PurchaseOrder.class );
			return cq.orderBy( cb.desc( o.get( "total" ) ), cb.asc( o.get( "id" ) ) );
		} ).page( 50, 25 ).total() );
		q.add( criteria( "c15", "construct(CustomerCard, id, name, credit) where tier = PLATINUM order by name, id", cb -> {
			CriteriaQuery<CustomerCard> cq = cb.createQuery( CustomerCard.class );
			Root<Customer> c = cq.from( Customer.class );
			return cq.select( cb.construct( CustomerCard.class, c.get( "id" ), c.get( "name" ), c.get( "credit" ) ) )
					.where( cb.equal( c.get( "tier" ), Tier.PLATINUM ) ).orderBy( cb.asc( c.get( "name" ) ), cb.asc( c.get( "id" ) ) );
		} ).total() );
		q.add( criteria( "c16", "construct(CountryStats, country, count, sum(credit)) group by country", cb -> {
			CriteriaQuery<CountryStats> cq = cb.createQuery( CountryStats.class );
			Root<Customer> c = cq.from( Customer.class );
			return cq.select( cb.construct( CountryStats.class, c.get( "country" ), cb.count( c ), cb.sum( c.<BigDecimal>get( "credit" ) ) ) )
					.groupBy( c.get( "country" ) );
		} ).unordered() );
		q.add( criteria( "c17", "status, count group by status having count > 300 order by count desc", cb -> {
			CriteriaQuery<Object[]> cq = cb.createQuery( Object[].class );
			Root<PurchaseOrder> o = cq.from( PurchaseOrder.class );
			return cq.multiselect( o.get( "status" ), cb.count( o ) ).groupBy( o.get( "status" ) )
					.having( cb.gt( cb.count( o ), 300L ) ).orderBy( cb.desc( cb.count( o ) ) );
		} ).total() );
		q.add( criteria( "c18", "birthDate, id order by birthDate desc nulls first, id asc", cb -> {
			CriteriaQuery<Object[]> cq = cb.createQuery( Object[].class );
			Root<Customer> c = cq.from( Customer.class );
			return cq.multiselect( c.get( "birthDate" ), c.get( "id" ) )
					.orderBy( cb.desc( c.get( "birthDate" ), Nulls.FIRST ), cb.asc( c.get( "id" ) ) );
		} ).total() );
		q.add( criteria( "c19", "getSingleResult of Customer by id parameter", cb -> {
			CriteriaQuery<Customer> cq = cb.createQuery( Customer.class );
			Root<Customer> c = cq.from( Customer.class );
			return cq.where( cb.equal( c.get( "id" ), cb.parameter( Long.class, "id" ) ) );
		} ).param( "id", busiest.getId() ).routedTo( busiest.getId() ).single() );
		q.add( criteria( "c20", "max(total) - min(total), count * 2, sum(priority) + 1", cb -> {
			CriteriaQuery<Object[]> cq = cb.createQuery( Object[].class );
			Root<PurchaseOrder> o = cq.from( PurchaseOrder.class );
			return cq.multiselect( cb.diff( cb.max( o.get( "total" ) ), cb.min( o.get( "total" ) ) ), cb.prod( cb.count( o ), 2L ),
					cb.sum( cb.sum( o.<Integer>get( "priority" ) ), 1L ) );
		} ).total() );
		q.add( criteria( "c21", "email where lower(name) like 'a%' order by id", cb -> {
			CriteriaQuery<String> cq = cb.createQuery( String.class );
			Root<Customer> c = cq.from( Customer.class );
			return cq.select( c.get( "email" ) ).where( cb.like( cb.lower( c.get( "name" ) ), "a%" ) ).orderBy( cb.asc( c.get( "id" ) ) );
		} ).total() );
		q.add( criteria( "c22", "status, avg(total), sum(total) group by status", cb -> {
			CriteriaQuery<Object[]> cq = cb.createQuery( Object[].class );
			Root<PurchaseOrder> o = cq.from( PurchaseOrder.class );
			return cq.multiselect( o.get( "status" ), cb.avg( o.get( "total" ) ), cb.sum( o.<BigDecimal>get( "total" ) ) ).groupBy( o.get( "status" ) );
		} ).unordered() );
		q.add( criteria( "c23", "distinct Customer join orders where status = 'CANCELLED' and priority = 5", cb -> {
			CriteriaQuery<Customer> cq = cb.createQuery( Customer.class );
			Root<Customer> c = cq.from( Customer.class );
			Join<Customer, PurchaseOrder> o = c.join( "orders" );
			return cq.select( c ).distinct( true ).where( cb.equal( o.get( "status" ), "CANCELLED" ), cb.equal( o.get( "priority" ), 5 ) );
		} ).unordered() );
		q.add( criteria( "c24", "stream: OrderLine.sku, quantity order by unitPrice desc, id", cb -> {
			CriteriaQuery<Object[]> cq = cb.createQuery( Object[].class );
			Root<OrderLine> l = cq.from( OrderLine.class );
			return cq.multiselect( l.get( "sku" ), l.get( "quantity" ) ).orderBy( cb.desc( l.get( "unitPrice" ) ), cb.asc( l.get( "id" ) ) );
		} ).streamed().total() );
		q.add( criteria( "c25", "PurchaseOrder where customer.email = :e order by placed, id (routed)", cb -> {
			CriteriaQuery<PurchaseOrder> cq = cb.createQuery( PurchaseOrder.class );
			Root<PurchaseOrder> o = cq.from( PurchaseOrder.class );
			return cq.where( cb.equal( o.get( "customer" ).get( "email" ), cb.parameter( String.class, "e" ) ) )
					.orderBy( cb.asc( o.get( "placed" ) ), cb.asc( o.get( "id" ) ) );
		} ).param( "e", busiest.getEmail() ).routedTo( busiest.getId() ).total() );
		q.add( criteria( "c26", "getSingleResult of Customer where email = 'nobody…': NoResultException", cb -> {
			CriteriaQuery<Customer> cq = cb.createQuery( Customer.class );
			Root<Customer> c = cq.from( Customer.class );
			return cq.where( cb.equal( c.get( "email" ), "nobody@nowhere.example" ) );
		} ).single().fails( NoResultException.class ) );
		q.add( criteria( "c27", "tier, count, min(birthDate) group by tier order by count desc", cb -> {
			CriteriaQuery<Tuple> cq = cb.createTupleQuery();
			Root<Customer> c = cq.from( Customer.class );
			return cq.multiselect( c.get( "tier" ), cb.count( c ), cb.least( c.<java.time.LocalDate>get( "birthDate" ) ) )
					.groupBy( c.get( "tier" ) ).orderBy( cb.desc( cb.count( c ) ) );
		} ).total() );
		return q;
	}
}
