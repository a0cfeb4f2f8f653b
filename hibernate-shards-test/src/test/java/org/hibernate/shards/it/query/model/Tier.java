package org.hibernate.shards.it.query.model;

/** A customer's tier, stored as its name: the database orders it alphabetically, not by declaration order. */
public enum Tier {
	BRONZE, SILVER, GOLD, PLATINUM
}
