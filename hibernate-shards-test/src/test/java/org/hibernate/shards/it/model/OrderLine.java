package org.hibernate.shards.it.model;

import java.math.BigDecimal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.shards.annotations.ShardedId;

/** A line of an order. It has no shard key of its own: it follows its order. */
@Entity
@Table(name = "order_line")
public class OrderLine {
	@Id
	@ShardedId
	private Long id;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "order_id")
	private PurchaseOrder order;

	@Column(name = "line_number")
	private int lineNumber;

	@Column(name = "sku", length = 40)
	private String sku;

	@Column(name = "quantity")
	private int quantity;

	@Column(name = "unit_price", precision = 12, scale = 2)
	private BigDecimal unitPrice;

	protected OrderLine() {
	}

	public OrderLine(PurchaseOrder order, int lineNumber, String sku, int quantity, BigDecimal unitPrice) {
		this.order = order;
		this.lineNumber = lineNumber;
		this.sku = sku;
		this.quantity = quantity;
		this.unitPrice = unitPrice;
	}

	public Long getId() {
		return id;
	}

	public PurchaseOrder getOrder() {
		return order;
	}

	public int getLineNumber() {
		return lineNumber;
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

	@Override
	public String toString() {
		return "OrderLine#" + id + "(" + sku + " x" + quantity + ")";
	}
}
