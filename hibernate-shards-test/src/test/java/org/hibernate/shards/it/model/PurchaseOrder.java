package org.hibernate.shards.it.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedAttributeNode;
import jakarta.persistence.NamedEntityGraph;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.shards.annotations.ShardKey;
import org.hibernate.shards.annotations.ShardedId;

/**
 * An order of a customer: its shard key is the customer, so it lives on the customer's shard, with its lines. The
 * customer is lazy unless an entity graph asks for it.
 */
@Entity
@Table(name = "purchase_order")
@NamedEntityGraph(name = "PurchaseOrder.withCustomer", attributeNodes = @NamedAttributeNode("customer"))
public class PurchaseOrder {
	@Id
	@ShardedId
	private Long id;

	@ShardKey
	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "customer_id")
	private Customer customer;

	@Column(name = "reference", length = 40)
	private String reference;

	@Column(name = "status", length = 20)
	private String status = "NEW";

	@OneToMany(mappedBy = "order", cascade = CascadeType.ALL, orphanRemoval = true)
	@OrderBy("lineNumber")
	private List<OrderLine> lines = new ArrayList<>();

	@Version
	@Column(name = "version")
	private Integer version;

	protected PurchaseOrder() {
	}

	public PurchaseOrder(Customer customer, String reference) {
		this.customer = customer;
		this.reference = reference;
	}

	/** Adds a line (cascaded with the order). */
	public OrderLine addLine(String sku, int quantity, BigDecimal unitPrice) {
		OrderLine line = new OrderLine( this, lines.size() + 1, sku, quantity, unitPrice );
		lines.add( line );
		return line;
	}

	public Long getId() {
		return id;
	}

	public Customer getCustomer() {
		return customer;
	}

	public void setCustomer(Customer customer) {
		this.customer = customer;
	}

	public String getReference() {
		return reference;
	}

	public String getStatus() {
		return status;
	}

	public void setStatus(String status) {
		this.status = status;
	}

	public List<OrderLine> getLines() {
		return lines;
	}

	public Integer getVersion() {
		return version;
	}

	@Override
	public String toString() {
		return "PurchaseOrder#" + id + "(" + reference + ")";
	}
}
