package org.hibernate.shards.it.move.model;

import java.math.BigDecimal;
import java.time.LocalDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.shards.annotations.ShardKey;
import org.hibernate.shards.annotations.ShardedId;

/** Lives with its account (a shard key association), with a sharded id of its own. */
@Entity
@Table(name = "mv_invoice")
public class MvInvoice {
	@Id
	@ShardedId
	private Long id;

	@ShardKey
	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "account_id")
	private MvAccount account;

	@Column(name = "amount", precision = 12, scale = 2)
	private BigDecimal amount;

	@Column(name = "issued_at")
	private LocalDateTime issuedAt;

	protected MvInvoice() {
	}

	public MvInvoice(MvAccount account, BigDecimal amount, LocalDateTime issuedAt) {
		this.account = account;
		this.amount = amount;
		this.issuedAt = issuedAt;
	}

	public Long getId() {
		return id;
	}

	public BigDecimal getAmount() {
		return amount;
	}

	public void setAmount(BigDecimal amount) {
		this.amount = amount;
	}
}
