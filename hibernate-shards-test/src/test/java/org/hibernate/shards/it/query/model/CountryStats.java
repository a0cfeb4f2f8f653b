package org.hibernate.shards.it.query.model;

import java.math.BigDecimal;

/** A record for aggregate projections: {@code select new CountryStats(c.country, count(*), sum(c.credit))}. */
public record CountryStats(String country, Long customers, BigDecimal credit) {
}
