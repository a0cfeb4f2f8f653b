package org.hibernate.shards.it.keys.model;

import java.math.BigInteger;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.shards.annotations.ShardKey;
import org.hibernate.shards.annotations.ShardedId;

/** {@code BigInteger} keys in ranges of 1000 ({@code DIV(1000)}): -1000 to -1, 0 to 999, … */
@Entity
@Table(name = "div_invoice")
public class DivInvoice {
	@Id
	@ShardedId
	private Long id;

	@ShardKey(function = "DIV(1000)")
	@Column(name = "invoice_no")
	private BigInteger invoiceNo;

	protected DivInvoice() {
	}

	public DivInvoice(BigInteger invoiceNo) {
		this.invoiceNo = invoiceNo;
	}

	public Long getId() {
		return id;
	}

	public BigInteger getKey() {
		return invoiceNo;
	}

	@Override
	public String toString() {
		return "DivInvoice#" + id + "(" + invoiceNo + ")";
	}
}
