package org.hibernate.shards.it.query.model;

/** A record used as a query result type for plain (non-aggregate) rows. */
public record NameAndEmail(String name, String email) {
}
