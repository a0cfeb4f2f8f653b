package org.hibernate.shards.it.query.model;

import java.math.BigDecimal;

/** A DTO class for {@code select new}: public constructor, no entity. */
public class CustomerCard {
	private final Long id;
	private final String name;
	private final BigDecimal credit;

	public CustomerCard(Long id, String name, BigDecimal credit) {
		this.id = id;
		this.name = name;
		this.credit = credit;
	}

	public Long getId() {
		return id;
	}

	public String getName() {
		return name;
	}

	public BigDecimal getCredit() {
		return credit;
	}
}
