package org.hibernate.shards.it.query;

import static org.hibernate.shards.it.query.QueryCase.hql;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.persistence.NoResultException;
import jakarta.persistence.NonUniqueResultException;
import jakarta.persistence.Tuple;
import org.hibernate.shards.it.query.model.CountryStats;
import org.hibernate.shards.it.query.model.Customer;
import org.hibernate.shards.it.query.model.CustomerCard;
import org.hibernate.shards.it.query.model.NameAndEmail;
import org.hibernate.shards.it.query.model.OrderLine;
import org.hibernate.shards.it.query.model.Product;
import org.hibernate.shards.it.query.model.PurchaseOrder;
import org.hibernate.shards.it.query.model.StatusSummary;
import org.hibernate.shards.it.query.model.Tier;

/**
 * The HQL queries of the differential suite, each run on the shards and on one database holding the same rows.
 * Ids and e-mail addresses come from the loaded data set.
 */
final class HqlQueries {
	private static final String MODEL = "org.hibernate.shards.it.query.model.";

	private HqlQueries() {
	}

	static List<QueryCase> all(QueryDataset data) {
		List<QueryCase> q = new ArrayList<>();
		Customer busiest = data.busiestCustomer();
		Customer ordinary = data.ordinaryCustomer();
		Customer lonely = data.customerWithoutOrders();
		PurchaseOrder bigOrder = data.orderWithMostLines();
		List<String> emails = data.someEmails( 6 );
		List<Long> emailOwners = new ArrayList<>();
		for ( String email : emails ) {
			emailOwners.add( data.customers.stream().filter( c -> c.getEmail().equals( email ) ).findFirst().orElseThrow().getId() );
		}

		// ---- fan-out lists and ORDER BY: one or several keys, asc/desc, NULLs, ties, mixed case, non-ASCII
		q.add( hql( "h001", "select c from Customer c order by c.id", Customer.class ).total() );
		q.add( hql( "h002", "from Customer c where c.country = 'FR'", Customer.class ).unordered() );
		q.add( hql( "h003", "select c.email from Customer c where c.active = true", String.class ).unordered() );
		q.add( hql( "h004", "select c.name, c.id from Customer c order by c.name, c.id", Object[].class ).total() );
		q.add( hql( "h005", "select c.name, c.id from Customer c order by c.name desc, c.id desc", Object[].class ).total() );
		q.add( hql( "h006", "select c.name, c.email from Customer c order by c.name", Object[].class ).ties( 0 ) );
		q.add( hql( "h007", "select c.name, c.id from Customer c order by c.name nulls last, c.id", Object[].class ).total() );
		q.add( hql( "h008", "select c.name, c.id from Customer c order by c.name desc nulls first, c.id", Object[].class ).total() );
		q.add( hql( "h009", "select c.country, c.credit, c.id from Customer c order by c.country, c.credit desc, c.id", Object[].class ).total() );
		q.add( hql( "h010", "select c.birthDate, c.id from Customer c order by c.birthDate desc, c.id", Object[].class ).total() );
		q.add( hql( "h011", "select c.birthDate, c.email from Customer c order by c.birthDate nulls last", Object[].class ).ties( 0 ) );
		q.add( hql( "h012", "select o.id, o.total, o.status from PurchaseOrder o order by o.total desc, o.id", Object[].class ).total() );
		q.add( hql( "h013", "select o.status, o.placed, o.id from PurchaseOrder o order by o.status, o.placed desc, o.id", Object[].class ).total() );
		q.add( hql( "h014", "select o.priority, o.id from PurchaseOrder o order by o.priority nulls last, o.id desc", Object[].class ).total() );
		q.add( hql( "h015", "select o from PurchaseOrder o where o.total > 1500 order by o.placed, o.id", PurchaseOrder.class ).total() );
		q.add( hql( "h016", "select l.sku, l.quantity, l.id from OrderLine l order by l.sku desc, l.quantity, l.id", Object[].class ).total() );
		q.add( hql( "h017", "select l.discount, l.id from OrderLine l order by l.discount desc nulls first, l.id", Object[].class ).total() );
		q.add( hql( "h018", "select p.name, p.sku from Product p order by p.name, p.sku", Object[].class ).total() );
		q.add( hql( "h019", "select p from Product p order by p.price desc, p.id", Product.class ).total() );
		q.add( hql( "h020", "select lower(c.name), c.id from Customer c order by lower(c.name), c.id", Object[].class ).total() );
		q.add( hql( "h021", "select c.email from Customer c order by length(c.name) desc, c.email", String.class ).total() );
		q.add( hql( "h022", "select c.id, c.tier from Customer c order by c.tier, c.id", Object[].class ).total() );
		q.add( hql( "h023", "select o.id from PurchaseOrder o order by o.customer, o.id", Long.class ).total() );
		q.add( hql( "h024", "select c.active, c.id from Customer c order by c.active desc, c.id", Object[].class ).total() );
		q.add( hql( "h025", "select c.email, c.credit from Customer c order by 2 desc, 1", Object[].class ).total() );
		q.add( hql( "h026", "select c.email as e, c.name as n from Customer c order by n, e", Object[].class ).total() );
		q.add( hql( "h027", "select p.name, p.id from Product p order by p.name desc", Object[].class ).ties( 0 ) );

		// ---- paging: setFirstResult/setMaxResults and HQL limit/offset, including past the end
		q.add( hql( "h030", "select c.id, c.email from Customer c order by c.email", Object[].class ).page( null, 25 ).total() );
		q.add( hql( "h031", "select c.id, c.email from Customer c order by c.email", Object[].class ).page( 100, 30 ).total() );
		q.add( hql( "h032", "select c.name, c.id from Customer c order by c.name desc, c.id", Object[].class ).page( 795, 20 ).total() );
		q.add( hql( "h033", "select c.id from Customer c order by c.id", Long.class ).page( 5000, 10 ).empty().total() );
		q.add( hql( "h034", "select o.id, o.total from PurchaseOrder o order by o.total, o.id limit 15 offset 40", Object[].class ).total() );
		q.add( hql( "h035", "select o.id, o.placed from PurchaseOrder o order by o.placed desc, o.id limit :n offset :m", Object[].class )
				.param( "n", 12 ).param( "m", 33 ).total() );
		q.add( hql( "h036", "select o.id from PurchaseOrder o order by o.id limit 10 offset 1995", Long.class ).total() );
		q.add( hql( "h037", "select c.name from Customer c order by c.name", String.class ).page( 200, 50 ).ties( 0 ).paged() );
		q.add( hql( "h038", "from Customer c", Customer.class ).page( 790, 20 ).sizeOnly() );
		q.add( hql( "h039", "select c.id from Customer c order by c.id", Long.class ).page( 0, 0 ).empty().total() );
		q.add( hql( "h040", "select o from PurchaseOrder o where o.status = 'SHIPPED' order by o.placed desc, o.id", PurchaseOrder.class )
				.page( 10, 10 ).total() );
		q.add( hql( "h041", "select o.id from PurchaseOrder o order by o.id limit 5 offset 100000", Long.class ).empty().total() );
		q.add( hql( "h042", "select c.country, c.id from Customer c order by c.country desc nulls first, c.id", Object[].class )
				.page( 300, 400 ).total() );

		// ---- routed: shard key, sharded id, the key association, IN lists, OR
		q.add( hql( "h050", "from Customer c where c.email = :e", Customer.class ).param( "e", ordinary.getEmail() )
				.routedTo( ordinary.getId() ).total() );
		q.add( hql( "h051", "select c.name, c.credit from Customer c where c.email = '" + busiest.getEmail() + "'", Object[].class )
				.routedTo( busiest.getId() ).total() );
		q.add( hql( "h052", "from Customer c where c.id = :id", Customer.class ).param( "id", ordinary.getId() )
				.routedTo( ordinary.getId() ).total() );
		q.add( hql( "h053", "select o from PurchaseOrder o where o.customer = :c order by o.id", PurchaseOrder.class )
				.paramOn( "c", s -> s.find( Customer.class, busiest.getId() ) ).routedTo( busiest.getId() ).total() );
		q.add( hql( "h054", "select o.id, o.total from PurchaseOrder o where o.customer.email = :e order by o.placed, o.id", Object[].class )
				.param( "e", busiest.getEmail() ).routedTo( busiest.getId() ).total() );
		q.add( hql( "h055", "select o from PurchaseOrder o where o.customer.id = :cid", PurchaseOrder.class )
				.param( "cid", ordinary.getId() ).routedTo( ordinary.getId() ).unordered() );
		q.add( hql( "h056", "from Customer c where c.email in (:a, :b, :c) order by c.id", Customer.class )
				.param( "a", emails.get( 0 ) ).param( "b", emails.get( 1 ) ).param( "c", emails.get( 2 ) )
				.routedTo( emailOwners.get( 0 ), emailOwners.get( 1 ), emailOwners.get( 2 ) ).total() );
		q.add( hql( "h057", "select c.email, c.name from Customer c where c.email in :emails", Object[].class )
				.param( "emails", emails ).routedTo( emailOwners.toArray( Long[]::new ) ).unordered() );
		q.add( hql( "h058", "from Customer c where c.email = :a or c.email = :b", Customer.class )
				.param( "a", emails.get( 3 ) ).param( "b", emails.get( 4 ) ).routedTo( emailOwners.get( 3 ), emailOwners.get( 4 ) ).unordered() );
		q.add( hql( "h059", "select o from PurchaseOrder o where o.id = :oid", PurchaseOrder.class )
				.param( "oid", bigOrder.getId() ).routedTo( bigOrder.getCustomer().getId() ).total() );
		q.add( hql( "h060", "from Customer c where c.email = :e and c.active = true", Customer.class )
				.param( "e", busiest.getEmail() ).routedTo( busiest.getId() ).total() );
		q.add( hql( "h061", "select count(*), sum(o.total), avg(o.total), max(o.placed) from PurchaseOrder o where o.customer.email = :e", Object[].class )
				.param( "e", busiest.getEmail() ).routedTo( busiest.getId() ).total() );
		q.add( hql( "h062", "from Customer c where c.email = :e", Customer.class ).param( "e", "nobody@nowhere.example" ).empty().total() );
		q.add( hql( "h063", "select c.id from Customer c where c.email = ?1", Long.class ).param( 1, ordinary.getEmail() )
				.routedTo( ordinary.getId() ).total() );
		q.add( hql( "h064", "select l.id, l.sku from OrderLine l where l.order.id = :oid order by l.id", Object[].class )
				.param( "oid", bigOrder.getId() ).total() );
		q.add( hql( "h065", "select o.status, count(*) from PurchaseOrder o where o.customer = :c group by o.status order by o.status", Object[].class )
				.paramOn( "c", s -> s.find( Customer.class, busiest.getId() ) ).routedTo( busiest.getId() ).total() );
		// MariaDB compares with a case-insensitive collation: the same customers match whatever the case of the address
		q.add( hql( "h066", "select c.id from Customer c where c.email in :emails order by c.id", Long.class )
				.param( "emails", emails.stream().map( String::toUpperCase ).toList() ).total() );
		q.add( hql( "h043", "select o.id from PurchaseOrder o where o.customer.email = :e order by o.id", Long.class )
				.param( "e", busiest.getEmail() ).page( 10, 5 ).routedTo( busiest.getId() ).total() );
		q.add( hql( "h044", "select count(*) from Customer c where not (c.email = :e)", Long.class ).param( "e", ordinary.getEmail() ).single() );
		q.add( hql( "h045", "select count(*) from Customer c where c.email <> :e", Long.class ).param( "e", ordinary.getEmail() ).single() );
		q.add( hql( "h046", "select count(*) from Customer c where not (c.email = :a or c.email = :b)", Long.class )
				.param( "a", emails.get( 0 ) ).param( "b", emails.get( 1 ) ).single() );
		q.add( hql( "h047", "select count(*) from Customer c where c.email not in (:a, :b)", Long.class )
				.param( "a", emails.get( 0 ) ).param( "b", emails.get( 1 ) ).single() );
		q.add( hql( "h048", "from Product p where p.id = :pid", Product.class ).param( "pid", data.products.get( 150 ).getId() ).total() );
		q.add( hql( "h049", "select o.id from PurchaseOrder o where o.customer in :cs order by o.id", Long.class )
				.paramOn( "cs", s -> List.of( s.find( Customer.class, ordinary.getId() ), s.find( Customer.class, busiest.getId() ) ) )
				.routedTo( ordinary.getId(), busiest.getId() ).total() );
		q.add( hql( "h067", "select c.id, c.email from Customer c where c.email = :e", Object[].class )
				.param( "e", data.upperCaseElsewhere.getEmail().toUpperCase( java.util.Locale.ROOT ) ).total() );

		q.add( hql( "h068", "select c.id from Customer c where c.email in :emails order by c.id", Long.class )
				.param( "emails", java.util.Arrays.asList( emails.get( 0 ), null, emails.get( 1 ) ) ).total() );
		q.add( hql( "h069", "from Customer c where c.email = :e", Customer.class ).param( "e", null ).empty().total() );

		// ---- aggregates without GROUP BY
		q.add( hql( "h070", "select count(*) from Customer c", Long.class ).single() );
		q.add( hql( "h071", "select count(c.name), count(c.birthDate), count(c.credit), count(c) from Customer c", Object[].class ).total() );
		q.add( hql( "h072", "select sum(l.quantity), min(l.quantity), max(l.quantity), avg(l.quantity) from OrderLine l", Object[].class ).total() );
		q.add( hql( "h073", "select sum(c.credit), min(c.credit), max(c.credit), avg(c.credit) from Customer c", Object[].class ).total() );
		q.add( hql( "h074", "select sum(o.total), avg(o.total), count(o) from PurchaseOrder o where o.status = 'SHIPPED'", Object[].class ).total() );
		q.add( hql( "h075", "select min(c.name), max(c.name) from Customer c", Object[].class ).folded().total() );
		q.add( hql( "h076", "select min(c.birthDate), max(c.birthDate), min(c.tier), max(c.tier) from Customer c", Object[].class ).total() );
		q.add( hql( "h077", "select count(distinct c.country) from Customer c", Long.class ).total() );
		q.add( hql( "h078", "select count(distinct c.name) from Customer c", Long.class ).total() );
		q.add( hql( "h079", "select count(distinct l.sku), count(*), count(l.discount) from OrderLine l", Object[].class ).total() );
		q.add( hql( "h080", "select avg(l.discount), sum(l.discount), min(l.discount), max(l.discount) from OrderLine l", Object[].class ).total() );
		q.add( hql( "h081", "select avg(o.priority), sum(o.priority), min(o.priority) from PurchaseOrder o", Object[].class ).total() );
		q.add( hql( "h082", "select max(c.credit) from Customer c where c.country = 'XX'", BigDecimal.class ).single() );
		q.add( hql( "h083", "select count(*), sum(l.quantity), avg(l.unitPrice) from OrderLine l where l.quantity > 100", Object[].class ).total() );
		q.add( hql( "h084", "select count(*) * 2, max(o.total) - min(o.total), -sum(o.priority), count(*) + 1 from PurchaseOrder o", Object[].class ).total() );
		q.add( hql( "h085", "select max(l.quantity) - min(l.quantity), max(l.quantity) + 1, 2 * min(l.quantity) from OrderLine l", Object[].class ).total() );
		q.add( hql( "h086", "select sum(l.quantity * l.unitPrice), avg(l.quantity * l.unitPrice) from OrderLine l", Object[].class ).total() );
		q.add( hql( "h087", "select sum(case when o.status = 'SHIPPED' then 1 else 0 end), count(*) from PurchaseOrder o", Object[].class ).total() );
		q.add( hql( "h088", "select avg(c.credit), count(c.credit) from Customer c where c.country = :country", Object[].class )
				.param( "country", "NO" ).total() );

		q.add( hql( "h089", "select count(distinct o.priority), count(o.priority), count(*) from PurchaseOrder o", Object[].class ).total() );

		// ---- GROUP BY, HAVING, ORDER BY aggregates, paging over groups
		q.add( hql( "h100", "select c.country, count(*) from Customer c group by c.country order by c.country", Object[].class ).total() );
		q.add( hql( "h101", "select c.country, count(*), avg(c.credit), sum(c.credit), min(c.birthDate) from Customer c "
				+ "group by c.country order by count(*) desc, c.country", Object[].class ).total() );
		q.add( hql( "h102", "select c.tier, count(*), max(c.credit) from Customer c group by c.tier", Object[].class ).unordered() );
		q.add( hql( "h103", "select c.name, count(*) from Customer c group by c.name", Object[].class ).folded().unordered() );
		q.add( hql( "h104", "select o.status, count(*), sum(o.total), avg(o.total), min(o.placed), max(o.placed) from PurchaseOrder o "
				+ "group by o.status order by o.status", Object[].class ).total() );
		q.add( hql( "h105", "select o.status, count(*) from PurchaseOrder o group by o.status having count(*) > 300 order by 2 desc", Object[].class ).total() );
		q.add( hql( "h106", "select l.sku, sum(l.quantity), count(*) from OrderLine l group by l.sku having sum(l.quantity) >= :min "
				+ "order by sum(l.quantity) desc, l.sku", Object[].class ).param( "min", 100L ).page( 5, 10 ).total() );
		q.add( hql( "h107", "select o.priority, count(*), avg(o.total) from PurchaseOrder o group by o.priority order by o.priority nulls last", Object[].class ).total() );
		q.add( hql( "h108", "select c.country, c.active, count(*) from Customer c group by c.country, c.active order by c.country, c.active", Object[].class ).total() );
		q.add( hql( "h109", "select o.status, count(distinct o.customer) from PurchaseOrder o group by o.status order by o.status", Object[].class ).total() );
		q.add( hql( "h110", "select l.sku, count(*) * 2 + 1, max(l.unitPrice) - min(l.unitPrice) from OrderLine l group by l.sku order by l.sku", Object[].class ).total() );
		q.add( hql( "h111", "select c.country, count(*) as n from Customer c group by c.country "
				+ "having count(*) between 10 and 60 or count(*) > 400 order by n desc, c.country", Object[].class ).total() );
		q.add( hql( "h112", "select year(o.placed), count(*), sum(o.total) from PurchaseOrder o group by year(o.placed) order by 1", Object[].class ).total() );
		q.add( hql( "h113", "select c.country, count(*) from Customer c where c.active = true group by c.country order by count(*) desc, c.country", Object[].class )
				.page( null, 3 ).total() );
		q.add( hql( "h114", "select o.status, count(*) from PurchaseOrder o group by o.status order by count(*) desc, o.status", Object[].class )
				.page( 1, 2 ).total() );
		q.add( hql( "h115", "select c.tier, count(*) from Customer c group by c.tier order by c.tier", Object[].class ).total() );
		q.add( hql( "h116", "select o.customer.country, count(*), sum(o.total) from PurchaseOrder o group by o.customer.country order by 1 nulls first", Object[].class ).total() );
		q.add( hql( "h117", "select c.country, count(o), sum(o.total) from Customer c left join c.orders o group by c.country order by c.country", Object[].class ).total() );
		q.add( hql( "h118", "select c.country from Customer c group by c.country having avg(c.credit) > 7300 order by c.country", String.class ).total() );
		q.add( hql( "h119", "select c.country, max(c.credit) - min(c.credit) from Customer c group by c.country "
				+ "having max(c.credit) - min(c.credit) > 0 order by 2 desc, 1", Object[].class ).total() );
		q.add( hql( "h120", "select c.name, min(c.tier), max(c.tier), count(distinct c.tier) from Customer c group by c.name", Object[].class ).folded().unordered() );
		q.add( hql( "h121", "select o.priority, sum(o.total) from PurchaseOrder o where o.status <> 'CANCELLED' group by o.priority "
				+ "having sum(o.total) is not null and count(*) >= 100 order by sum(o.total)", Object[].class ).total() );
		q.add( hql( "h122", "select l.sku, count(*) from OrderLine l group by l.sku order by count(*) desc, l.sku limit 5 offset 2", Object[].class ).total() );
		q.add( hql( "h123", "select c.country, count(*) from Customer c group by c.country order by c.country", Object[].class ).page( 50, 10 ).empty().total() );

		q.add( hql( "h124", "select l.sku, count(*) from OrderLine l group by l.sku order by count(*) desc, l.sku limit :n", Object[].class )
				.param( "n", 7 ).total() );
		q.add( hql( "h125", "select o.customer.id, count(distinct o.status) from PurchaseOrder o group by o.customer.id "
				+ "having count(distinct o.status) >= 4 order by 1", Object[].class ).total() );
		q.add( hql( "h126", "select count(*) * :k, sum(o.total) * :k from PurchaseOrder o where o.status = :s", Object[].class )
				.param( "k", 3 ).param( "s", "PAID" ).total() );

		q.add( hql( "h127", "select c.birthDate, count(*) from Customer c group by c.birthDate having count(*) > 1 order by c.birthDate nulls last",
				Object[].class ).total() );
		q.add( hql( "h128", "select distinct o.total from PurchaseOrder o where o.total < 100 order by o.total desc", BigDecimal.class ).total() );

		// ---- DISTINCT
		q.add( hql( "h130", "select distinct c.country from Customer c order by c.country", String.class ).total() );
		q.add( hql( "h131", "select distinct c.name from Customer c", String.class ).folded().unordered() );
		q.add( hql( "h132", "select distinct c.name from Customer c order by c.name desc", String.class ).folded().total() );
		q.add( hql( "h133", "select distinct l.sku, l.quantity from OrderLine l order by l.sku, l.quantity", Object[].class ).page( null, 20 ).total() );
		q.add( hql( "h134", "select distinct o.customer from PurchaseOrder o where o.total > 1900", Customer.class ).unordered() );
		q.add( hql( "h135", "select distinct c from Customer c join c.orders o where o.status = 'RETURNED'", Customer.class ).unordered() );
		q.add( hql( "h136", "select distinct o.status from PurchaseOrder o", String.class ).unordered() );
		q.add( hql( "h137", "select distinct c.tier, c.active from Customer c", Object[].class ).unordered() );
		q.add( hql( "h138", "select distinct p.name from Product p order by p.name", String.class ).folded().total() );

		q.add( hql( "h139", "select distinct c.name from Customer c order by c.name", String.class ).page( 5, 5 ).folded().total() );

		// ---- joins along associations
		q.add( hql( "h140", "select o.id, c.email from PurchaseOrder o join o.customer c where c.country = 'SE' order by o.id", Object[].class ).total() );
		q.add( hql( "h141", "select c.email, o.id from Customer c left join c.orders o where c.country = 'NO' order by c.email, o.id", Object[].class ).total() );
		q.add( hql( "h142", "select c from Customer c join fetch c.orders o where c.country = 'IT' order by c.id", Customer.class ).fetches().total() );
		q.add( hql( "h143", "select c from Customer c left join fetch c.orders where c.tier = :tier", Customer.class )
				.param( "tier", Tier.PLATINUM ).fetches().unordered() );
		q.add( hql( "h144", "select l.sku, o.status, c.country from OrderLine l join l.order o join o.customer c where l.quantity = 10 order by l.id", Object[].class ).total() );
		q.add( hql( "h145", "select o from PurchaseOrder o join fetch o.lines where o.priority = 1 order by o.id", PurchaseOrder.class ).fetches().total() );
		q.add( hql( "h146", "select o.id, count(l) from PurchaseOrder o left join o.lines l group by o.id having count(l) = 0 order by o.id", Object[].class ).total() );
		q.add( hql( "h147", "select c.country, sum(l.quantity) from OrderLine l join l.order o join o.customer c group by c.country order by c.country", Object[].class ).total() );
		q.add( hql( "h148", "select c.email, o.id, l.id from Customer c join c.orders o left join o.lines l where c.email = :e order by o.id, l.id", Object[].class )
				.param( "e", ordinary.getEmail() ).routedTo( ordinary.getId() ).total() );

		q.add( hql( "h149", "select distinct c from Customer c left join fetch c.orders where c.country = 'NO'", Customer.class ).fetches().unordered() );

		q.add( hql( "h159", "select o, c from PurchaseOrder o join o.customer c where c.tier = :tier and o.status = 'NEW' order by o.id", Object[].class )
				.param( "tier", Tier.GOLD ).total() );

		// ---- subqueries correlated through an association
		q.add( hql( "h150", "select c.email from Customer c where exists (select 1 from PurchaseOrder o where o.customer = c and o.status = 'RETURNED') "
				+ "order by c.email", String.class ).total() );
		q.add( hql( "h151", "select c.email from Customer c where not exists (select o from PurchaseOrder o where o.customer = c) order by c.email", String.class ).total() );
		q.add( hql( "h152", "select c.id from Customer c where c.id in (select o.customer.id from PurchaseOrder o where o.customer = c and o.total > 1800) "
				+ "order by c.id", Long.class ).total() );
		q.add( hql( "h153", "select c.email, (select count(*) from c.orders o) from Customer c where c.country = 'FR' order by c.email", Object[].class ).total() );
		q.add( hql( "h154", "select c.email from Customer c where exists (select 1 from c.orders o where o.priority = 5)", String.class ).unordered() );
		q.add( hql( "h155", "select o.id from PurchaseOrder o where exists (select 1 from OrderLine l where l.order = o and l.quantity >= 9) order by o.id", Long.class ).total() );
		q.add( hql( "h156", "select c.email from Customer c where (select coalesce(sum(o.total), 0) from PurchaseOrder o where o.customer = c) > 5000 "
				+ "order by c.email", String.class ).total() );
		q.add( hql( "h157", "select c.country, count(*) from Customer c where exists (select 1 from c.orders o where o.status = 'NEW') "
				+ "group by c.country order by c.country", Object[].class ).total() );

		q.add( hql( "h158", "select c.email from Customer c where exists (select 1 from OrderLine l where l.order.customer = c and l.quantity = 10) "
				+ "order by c.email", String.class ).total() );

		// ---- result shapes: records, select new, Tuple, list, map
		q.add( hql( "h160", "select c.name, c.email from Customer c where c.tier = :tier", NameAndEmail.class )
				.param( "tier", Tier.GOLD ).unordered() );
		q.add( hql( "h161", "select new " + MODEL + "CustomerCard(c.id, c.name, c.credit) from Customer c where c.country = 'ES' order by c.id",
				CustomerCard.class ).total() );
		q.add( hql( "h162", "select new " + MODEL + "CountryStats(c.country, count(*), sum(c.credit)) from Customer c group by c.country "
				+ "order by c.country", CountryStats.class ).total() );
		q.add( hql( "h163", "select o.status, count(*) from PurchaseOrder o group by o.status", StatusSummary.class ).unordered() );
		q.add( hql( "h164", "select c.country as country, count(*) as n from Customer c group by c.country", Tuple.class ).unordered() );
		q.add( hql( "h165", "select c.email as email, c.credit as credit from Customer c where c.tier = :tier order by c.email", Tuple.class )
				.param( "tier", Tier.PLATINUM ).total() );
		q.add( hql( "h166", "select new list(c.id, c.email) from Customer c where c.country = 'GB'", List.class ).unordered() );
		q.add( hql( "h167", "select new map(c.id as id, c.name as name) from Customer c where c.country = 'GB'", Map.class ).unordered() );
		q.add( hql( "h168", "select new map(c.country as country, count(*) as n) from Customer c group by c.country", Map.class ).unordered() );
		// Joins written with ON or in the WHERE clause, but along the association: each shard joins its own rows.
		q.add( hql( "h200", "select c.email, o.id from Customer c join PurchaseOrder o on o.customer = c where o.total > 1900", Object[].class ).unordered() );
		q.add( hql( "h201", "select c.email, o.id from Customer c, PurchaseOrder o where o.customer = c and o.total > 1900", Object[].class ).unordered() );
		q.add( hql( "h202", "select c.email, o.id from Customer c join PurchaseOrder o on o.customer = c where c.email = :e", Object[].class )
				.param( "e", busiest.getEmail() ).routedTo( busiest.getId() ).unordered() );
		q.add( hql( "h169", "select c, count(o) from Customer c join c.orders o where c.country = 'US' group by c order by count(o) desc, c.email", Object[].class ).total() );

		// ---- getSingleResult / getSingleResultOrNull: one, none, several
		q.add( hql( "h170", "select c from Customer c where c.email = :e", Customer.class ).param( "e", busiest.getEmail() )
				.routedTo( busiest.getId() ).single() );
		q.add( hql( "h171", "from Customer c where c.email = 'nobody@nowhere.example'", Customer.class ).single().fails( NoResultException.class ) );
		q.add( hql( "h172", "from Customer c where c.name = 'Alice'", Customer.class ).single().fails( NonUniqueResultException.class ) );
		q.add( hql( "h173", "select c.name from Customer c where c.email = :e", String.class ).param( "e", "nobody@nowhere.example" ).singleOrNull() );
		q.add( hql( "h174", "select c.id from Customer c where c.country = 'SE'", Long.class ).singleOrNull().fails( NonUniqueResultException.class ) );
		q.add( hql( "h175", "select c from Customer c where c.name = 'Zebedee'", Customer.class ).single() );
		q.add( hql( "h176", "select c.email from Customer c where c.email in (:a, :b)", String.class )
				.param( "a", emails.get( 0 ) ).param( "b", emails.get( 5 ) ).single().fails( NonUniqueResultException.class ) );
		q.add( hql( "h177", "select sum(o.total) from PurchaseOrder o", BigDecimal.class ).singleOrNull() );
		q.add( hql( "h178", "select o.id from PurchaseOrder o where o.customer = :c", Long.class )
				.paramOn( "c", s -> s.find( Customer.class, lonely.getId() ) ).single().fails( NoResultException.class ) );
		q.add( hql( "h179", "select c.id from Customer c where c.name = 'Zebedee' or c.email = :e", Long.class )
				.param( "e", lonely.getEmail() ).singleOrNull().fails( NonUniqueResultException.class ) );

		// ---- getResultStream equals getResultList
		q.add( hql( "h180", "select c.email, c.name from Customer c order by c.name, c.email", Object[].class ).streamed().total() );
		q.add( hql( "h181", "select o from PurchaseOrder o where o.status = 'NEW'", PurchaseOrder.class ).streamed().unordered() );
		q.add( hql( "h182", "select c.country, count(*) from Customer c group by c.country order by 2 desc, 1", Object[].class ).streamed().total() );
		q.add( hql( "h183", "select distinct l.sku from OrderLine l order by l.sku", String.class ).streamed().total() );
		q.add( hql( "h184", "select o.id, o.total from PurchaseOrder o order by o.id", Object[].class ).page( 100, 50 ).streamed().total() );
		q.add( hql( "h185", "select c from Customer c where c.email = :e", Customer.class ).param( "e", ordinary.getEmail() ).streamed().total() );

		q.add( QueryCase.named( "h186", "Customer.byCountry", Customer.class ).param( "country", "SE" ).total() );

		// ---- update and delete, in a transaction that is rolled back
		q.add( QueryCase.mutation( "h190", "update PurchaseOrder o set o.status = 'ARCHIVED' where o.status = 'SHIPPED'; "
				+ "then select o.status, count(*) … group by o.status", s -> {
					int count = s.createMutationQuery( "update PurchaseOrder o set o.status = 'ARCHIVED' where o.status = 'SHIPPED'" ).executeUpdate();
					List<Object> result = new ArrayList<>();
					result.add( count );
					result.addAll( s.createQuery( "select o.status, count(*) from PurchaseOrder o group by o.status order by o.status", Object[].class ).getResultList() );
					return result;
				} ) );
		q.add( QueryCase.mutation( "h191", "delete from OrderLine l where l.quantity >= 9; then count and sum of the rest", s -> {
			int count = s.createMutationQuery( "delete from OrderLine l where l.quantity >= 9" ).executeUpdate();
			return List.of( count, s.createQuery( "select count(*), sum(l.quantity) from OrderLine l", Object[].class ).getSingleResult() );
		} ) );
		q.add( QueryCase.mutation( "h192", "update Customer c set c.credit = c.credit + 1 where c.email = :e (routed); then read it", s -> {
			int count = s.createMutationQuery( "update Customer c set c.credit = coalesce(c.credit, 0) + 1 where c.email = :e" )
					.setParameter( "e", ordinary.getEmail() ).executeUpdate();
			return List.of( count, s.createQuery( "select c.credit from Customer c where c.email = :e", BigDecimal.class )
					.setParameter( "e", ordinary.getEmail() ).getSingleResult() );
		} ) );
		q.add( QueryCase.mutation( "h193", "delete from Product p where p.price < 50; then count", s -> {
			int count = s.createMutationQuery( "delete from Product p where p.price < 50" ).executeUpdate();
			return List.of( count, s.createQuery( "select count(*) from Product p", Long.class ).getSingleResult() );
		} ) );
		q.add( QueryCase.mutation( "h194", "update OrderLine l set l.discount = 0.5 where l.sku = 'SKU-007'; then avg(discount)", s -> {
			int count = s.createMutationQuery( "update OrderLine l set l.discount = 0.5 where l.sku = 'SKU-007'" ).executeUpdate();
			return List.of( count, s.createQuery( "select avg(l.discount), count(l.discount) from OrderLine l", Object[].class ).getSingleResult() );
		} ) );
		q.add( QueryCase.mutation( "h195", "update PurchaseOrder o set o.priority = 9 where exists (select 1 from OrderLine l where l.order = o "
				+ "and l.quantity = 10); then count by priority", s -> {
					int count = s.createMutationQuery( "update PurchaseOrder o set o.priority = 9 where exists "
							+ "(select 1 from OrderLine l where l.order = o and l.quantity = 10)" ).executeUpdate();
					List<Object> result = new ArrayList<>();
					result.add( count );
					result.addAll( s.createQuery( "select o.priority, count(*) from PurchaseOrder o group by o.priority order by o.priority", Object[].class )
							.getResultList() );
					return result;
				} ) );
		q.add( QueryCase.mutation( "h196", "delete from OrderLine l where l.order.id = :oid; then count", s -> {
			int count = s.createMutationQuery( "delete from OrderLine l where l.order.id = :oid" ).setParameter( "oid", bigOrder.getId() ).executeUpdate();
			return List.of( count, s.createQuery( "select count(*) from OrderLine l", Long.class ).getSingleResult() );
		} ) );
		// ---- association select items: the implicit join they imply, and ordering by an attribute of another entity
		q.add( hql( "h300", "select o.customer from PurchaseOrder o where o.total > :t order by o.id", Customer.class )
				.param( "t", new BigDecimal( "1000" ) ).total() );
		q.add( hql( "h301", "select o.customer from PurchaseOrder o order by o.id", Customer.class ).total() );
		q.add( hql( "h302", "select o.customer, o.id from PurchaseOrder o order by o.customer.name, o.id", Object[].class ).total() );
		q.add( hql( "h303", "select o.id, o.customer.email from PurchaseOrder o order by o.customer.email desc, o.id", Object[].class ).total() );
		q.add( hql( "h304", "select distinct o.customer from PurchaseOrder o where o.total > :t", Customer.class )
				.param( "t", new BigDecimal( "1500" ) ).unordered() );
		q.add( hql( "h305", "select l.order from OrderLine l where l.quantity > :q order by l.id", PurchaseOrder.class ).param( "q", 5 ).total() );
		q.add( hql( "h306", "select l.order.customer from OrderLine l where l.quantity >= 9 order by l.id", Customer.class ).total() );
		q.add( hql( "h307", "select o.customer from PurchaseOrder o order by o.customer.email, o.id", Customer.class ).total() );
		q.add( hql( "h308", "select o.customer from PurchaseOrder o where o.total > :t order by o.id", Customer.class )
				.param( "t", new BigDecimal( "1000" ) ).page( 10, 15 ).total() );
		q.add( hql( "h309", "select o.customer.name, count(o) from PurchaseOrder o group by o.customer.name order by o.customer.name", Object[].class )
				.folded().total() );
		q.add( hql( "h310", "select c from PurchaseOrder o join o.customer c where o.total > :t order by o.id", Customer.class )
				.param( "t", new BigDecimal( "1000" ) ).total() );
		q.add( hql( "h311", "select o from OrderLine l join l.order o where o.status = :s order by l.id", PurchaseOrder.class )
				.param( "s", "SHIPPED" ).total() );
		q.add( hql( "h312", "select o.customer from PurchaseOrder o where o.total > :t order by o.id", Customer.class )
				.param( "t", new BigDecimal( "1000" ) ).streamedOnBoth().total() );
		q.add( hql( "h313", "select o.customer from PurchaseOrder o where o.status = :s order by o.customer.email desc, o.id", Object.class )
				.param( "s", "SHIPPED" ).total() );
		q.add( hql( "h314", "select o.customer from PurchaseOrder o order by o.id", Object[].class ).page( 5, 30 ).total() );
		return q;
	}

	/** The entity types of the model, for the factory configurations. */
	static final Class<?>[] ENTITIES = { Customer.class, PurchaseOrder.class, OrderLine.class, Product.class };
}
