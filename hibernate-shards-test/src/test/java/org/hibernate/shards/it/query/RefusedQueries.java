package org.hibernate.shards.it.query;

import static org.hibernate.shards.it.query.QueryCase.hql;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.hibernate.shards.it.query.model.Customer;
import org.hibernate.shards.it.query.model.CustomerCard;
import org.hibernate.shards.it.query.model.StatusSummary;

/**
 * The constructs docs/queries.md lists as refused over several shards. Each must throw {@code ShardedQueryException}
 * before any shard is asked when more than one shard is involved; with one physical shard it must run and give one
 * database's answer, and so must its variant routed to one shard by the shard key.
 */
final class RefusedQueries {
	private static final String MODEL = "org.hibernate.shards.it.query.model.";

	/**
	 * @param anyShards the query as refused over several shards (it runs as is on one physical shard)
	 * @param routed the same construct with a condition on the shard key that routes it to one shard; null when the
	 *        construct cannot be routed to one shard (it reads keyless rows of every shard)
	 */
	record Refused(String construct, QueryCase anyShards, QueryCase routed) {
	}

	private RefusedQueries() {
	}

	static List<Refused> all(QueryDataset data) {
		Customer busiest = data.busiestCustomer();
		String e = busiest.getEmail();
		Long id = busiest.getId();
		List<Refused> r = new ArrayList<>();

		r.add( new Refused( "non-correlated subquery over every shard (IN)",
				hql( "r01", "select c.email from Customer c where c.name in (select p.name from Product p) order by c.email", String.class ).total(),
				null ) );
		r.add( new Refused( "non-correlated scalar subquery over every shard",
				hql( "r02", "select o.id from PurchaseOrder o where o.total > (select avg(o2.total) from PurchaseOrder o2) order by o.id", Long.class ).total(),
				hql( "r02-routed", "select o.id from PurchaseOrder o where o.customer.email = :e "
						+ "and o.total > (select avg(o2.total) from PurchaseOrder o2 where o2.customer.email = :e) order by o.id", Long.class )
						.param( "e", e ).routedTo( id ).total() ) );
		r.add( new Refused( "outer query routed, subquery over every shard",
				hql( "r03", "select o.id from PurchaseOrder o where o.customer.email = :e "
						+ "and o.total > (select avg(o2.total) from PurchaseOrder o2) order by o.id", Long.class ).param( "e", e ).total(),
				null ) );
		r.add( new Refused( "UNION",
				hql( "r04", "select c.name from Customer c where c.country = 'SE' union select p.name from Product p", String.class ).folded().unordered(),
				hql( "r04-routed", "select o.status from PurchaseOrder o where o.customer.email = :e "
						+ "union select o.status from PurchaseOrder o where o.customer.email = :e and o.total > 500", String.class )
						.param( "e", e ).routedTo( id ).unordered() ) );
		r.add( new Refused( "window function",
				hql( "r05", "select o.id, row_number() over (partition by o.status order by o.total, o.id) from PurchaseOrder o", Object[].class ).unordered(),
				hql( "r05-routed", "select o.id, row_number() over (partition by o.status order by o.total, o.id) from PurchaseOrder o "
						+ "where o.customer.email = :e", Object[].class ).param( "e", e ).routedTo( id ).unordered() ) );
		r.add( new Refused( "entity join not along an association",
				hql( "r06", "select c.email, o.id from Customer c join PurchaseOrder o on o.total > c.credit where c.country = 'SE' and o.total > 1900", Object[].class ).unordered(),
				null ) );
		r.add( new Refused( "entity join not along an association (to keyless rows of every shard)",
				hql( "r07", "select c.email, p.sku from Customer c join Product p on p.name = c.name", Object[].class ).unordered(),
				null ) );
		r.add( new Refused( "entity join to keyless rows of every shard, even when the outer query is routed to one shard",
				hql( "r07-routed", "select c.email, p.sku from Customer c join Product p on p.name = c.name where c.email = :e", Object[].class )
						.param( "e", data.customers.stream().filter( c -> "apple".equals( c.getName() ) ).findFirst().orElseThrow().getEmail() )
						.unordered(),
				null ) );
		r.add( new Refused( "from A a, B b (not along an association)",
				hql( "r08", "select c.email, p.sku from Customer c, Product p where p.name = c.name and p.price > 10", Object[].class ).unordered(),
				null ) );
		r.add( new Refused( "sum(distinct …)",
				hql( "r09", "select sum(distinct o.priority) from PurchaseOrder o", Long.class ).total(),
				hql( "r09-routed", "select sum(distinct o.priority) from PurchaseOrder o where o.customer.email = :e", Long.class )
						.param( "e", e ).routedTo( id ).total() ) );
		r.add( new Refused( "avg(distinct …)",
				hql( "r10", "select avg(distinct o.total) from PurchaseOrder o", Double.class ).total(),
				hql( "r10-routed", "select avg(distinct o.total) from PurchaseOrder o where o.customer.email = :e", Double.class )
						.param( "e", e ).routedTo( id ).total() ) );
		r.add( new Refused( "division over aggregates",
				hql( "r11", "select o.status, sum(o.total) / count(*) from PurchaseOrder o group by o.status", Object[].class ).unordered(),
				hql( "r11-routed", "select o.status, sum(o.total) / count(*) from PurchaseOrder o where o.customer.email = :e group by o.status", Object[].class )
						.param( "e", e ).routedTo( id ).unordered() ) );
		r.add( new Refused( "modulo over aggregates",
				hql( "r12", "select count(*) % 7 from PurchaseOrder o", Object.class ).total(),
				hql( "r12-routed", "select count(*) % 7 from PurchaseOrder o where o.customer.email = :e", Object.class )
						.param( "e", e ).routedTo( id ).total() ) );
		r.add( new Refused( "HAVING comparing strings",
				hql( "r13", "select c.country, count(*) from Customer c group by c.country having max(c.name) >= 'M'", Object[].class ).unordered(),
				hql( "r13-routed", "select o.status, count(*) from PurchaseOrder o where o.customer.email = :e group by o.status "
						+ "having min(o.status) < 'P'", Object[].class ).param( "e", e ).routedTo( id ).unordered() ) );
		r.add( new Refused( "FETCH FIRST … WITH TIES",
				hql( "r14", "select o.id, o.total from PurchaseOrder o order by o.total desc fetch first 5 rows with ties", Object[].class ).unordered(),
				hql( "r14-routed", "select o.id, o.total from PurchaseOrder o where o.customer.email = :e "
						+ "order by o.total desc fetch first 3 rows with ties", Object[].class ).param( "e", e ).routedTo( id ).unordered() ) );
		r.add( new Refused( "SELECT DISTINCT NEW …",
				hql( "r15", "select distinct new " + MODEL + "StatusSummary(o.status, o.customer.id) from PurchaseOrder o", StatusSummary.class ).unordered(),
				hql( "r15-routed", "select distinct new " + MODEL + "StatusSummary(o.status, o.customer.id) from PurchaseOrder o where o.customer.email = :e",
						StatusSummary.class ).param( "e", e ).routedTo( id ).unordered() ) );
		r.add( new Refused( "two different COUNT(DISTINCT …)",
				hql( "r16", "select count(distinct o.status), count(distinct o.priority) from PurchaseOrder o", Object[].class ).total(),
				hql( "r16-routed", "select count(distinct o.status), count(distinct o.priority) from PurchaseOrder o where o.customer.email = :e", Object[].class )
						.param( "e", e ).routedTo( id ).total() ) );
		r.add( new Refused( "non-correlated EXISTS over every shard",
				hql( "r17", "select c.id from Customer c where exists (select 1 from Customer c2 where c2.credit > c.credit) and c.country = 'NO'",
						Long.class ).unordered(),
				hql( "r17-routed", "select c.id from Customer c where c.email = :e "
						+ "and exists (select 1 from Customer c2 where c2.email = :e and c2.credit >= c.credit)", Long.class )
						.param( "e", e ).routedTo( id ).unordered() ) );
		r.add( new Refused( "SELECT DISTINCT NEW … of a DTO class",
				hql( "r18", "select distinct new " + MODEL + "CustomerCard(c.id, c.name, c.credit) from Customer c where c.credit > :min",
						CustomerCard.class ).param( "min", new BigDecimal( "18000" ) ).unordered(),
				null ) );
		return r;
	}
}
