package org.hibernate.shards.it.query.model;

/** A record used as a query result type: {@code createQuery("select o.status, count(*) …", StatusSummary.class)}. */
public record StatusSummary(String status, Long orders) {
}
