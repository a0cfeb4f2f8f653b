package org.hibernate.shards.it.query.model;

import java.math.BigDecimal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.shards.annotations.ShardedId;

/** A line of an order. No shard key of its own: it follows its order (its first to-one association). */
@Entity
@Table(name = "q_order_line")
public class OrderLine {
	@Id
	@ShardedId
	@Column(name = "id")
	private Long id;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "order_id", nullable = false)
	private PurchaseOrder order;

	@Column(name = "sku", length = 20, nullable = false)
	private String sku;

	@Column(name = "quantity", nullable = false)
	private int quantity;

	@Column(name = "unit_price", precision = 10, scale = 2, nullable = false)
	private BigDecimal unitPrice;

	@Column(name = "discount")
	private Double discount;

	protected OrderLine() {
	}

	OrderLine(PurchaseOrder order, String sku, int quantity, BigDecimal unitPrice, Double discount) {
		this.order = order;
		this.sku = sku;
		this.quantity = quantity;
		this.unitPrice = unitPrice;
		this.discount = discount;
	}

	public Long getId() {
		return id;
	}

	public PurchaseOrder getOrder() {
		return order;
	}

	public String getSku() {
		return sku;
	}

	public int getQuantity() {
		return quantity;
	}

	public BigDecimal getUnitPrice() {
		return unitPrice;
	}

	public Double getDiscount() {
		return discount;
	}

	@Override
	public String toString() {
		return "OrderLine#" + id;
	}
}
