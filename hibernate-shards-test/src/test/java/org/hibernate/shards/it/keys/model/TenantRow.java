package org.hibernate.shards.it.keys.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.shards.annotations.ShardKey;
import org.hibernate.shards.annotations.ShardedId;

/** JPA entity name {@code Tenant}; its function, {@code NONE()}, is set only by {@code hibernate.shards.entity.Tenant.function}. */
@Entity(name = "Tenant")
@Table(name = "tenant_row")
public class TenantRow {
	@Id
	@ShardedId
	private Long id;

	@ShardKey
	@Column(name = "tenant")
	private String tenant;

	protected TenantRow() {
	}

	public TenantRow(String tenant) {
		this.tenant = tenant;
	}

	public Long getId() {
		return id;
	}

	public String getKey() {
		return tenant;
	}

	@Override
	public String toString() {
		return "TenantRow#" + id + "(" + tenant + ")";
	}
}
