package org.hibernate.shards.it.query.model;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import org.hibernate.shards.annotations.ShardKey;
import org.hibernate.shards.annotations.ShardedId;

/** An order: its shard key is its customer, so it lives on the customer's shard, with its lines. */
@Entity
@Table(name = "q_purchase_order")
public class PurchaseOrder {
	@Id
	@ShardedId
	@Column(name = "id")
	private Long id;

	@ShardKey
	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "customer_id", nullable = false)
	private Customer customer;

	@Column(name = "status", length = 20, nullable = false)
	private String status;

	@Column(name = "total", precision = 12, scale = 2, nullable = false)
	private BigDecimal total;

	@Column(name = "placed", nullable = false)
	private LocalDateTime placed;

	@Column(name = "priority")
	private Integer priority;

	@OneToMany(mappedBy = "order", cascade = CascadeType.ALL)
	private List<OrderLine> lines = new ArrayList<>();

	protected PurchaseOrder() {
	}

	public PurchaseOrder(Customer customer, String status, BigDecimal total, LocalDateTime placed, Integer priority) {
		this.customer = customer;
		this.status = status;
		this.total = total;
		this.placed = placed;
		this.priority = priority;
	}

	public OrderLine addLine(String sku, int quantity, BigDecimal unitPrice, Double discount) {
		OrderLine line = new OrderLine( this, sku, quantity, unitPrice, discount );
		lines.add( line );
		return line;
	}

	public Long getId() {
		return id;
	}

	public Customer getCustomer() {
		return customer;
	}

	public String getStatus() {
		return status;
	}

	public BigDecimal getTotal() {
		return total;
	}

	public LocalDateTime getPlaced() {
		return placed;
	}

	public Integer getPriority() {
		return priority;
	}

	public List<OrderLine> getLines() {
		return lines;
	}

	@Override
	public String toString() {
		return "PurchaseOrder#" + id;
	}
}
