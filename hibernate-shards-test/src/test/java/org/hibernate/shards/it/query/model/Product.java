package org.hibernate.shards.it.query.model;

import java.math.BigDecimal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.shards.annotations.ShardedId;

/** A catalogue product: top-level and keyless, so the selection strategy places it (round robin). */
@Entity
@Table(name = "q_product")
public class Product {
	@Id
	@ShardedId
	@Column(name = "id")
	private Long id;

	@Column(name = "sku", length = 20, nullable = false)
	private String sku;

	@Column(name = "name", length = 100)
	private String name;

	@Column(name = "price", precision = 10, scale = 2, nullable = false)
	private BigDecimal price;

	protected Product() {
	}

	public Product(String sku, String name, BigDecimal price) {
		this.sku = sku;
		this.name = name;
		this.price = price;
	}

	public Long getId() {
		return id;
	}

	public String getSku() {
		return sku;
	}

	public String getName() {
		return name;
	}

	public BigDecimal getPrice() {
		return price;
	}

	@Override
	public String toString() {
		return "Product#" + id;
	}
}
