package org.hibernate.shards.it.model;

import java.math.BigDecimal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.shards.annotations.ShardedId;

/** A catalogue product: a top-level entity without a shard key, placed by the selection strategy. */
@Entity
@Table(name = "product")
public class Product {
	@Id
	@ShardedId
	private Long id;

	@Column(name = "sku", length = 40)
	private String sku;

	@Column(name = "name", length = 100)
	private String name;

	@Column(name = "price", precision = 12, scale = 2)
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

	public void setName(String name) {
		this.name = name;
	}

	public BigDecimal getPrice() {
		return price;
	}

	public void setPrice(BigDecimal price) {
		this.price = price;
	}

	@Override
	public String toString() {
		return "Product#" + id + "(" + sku + ")";
	}
}
