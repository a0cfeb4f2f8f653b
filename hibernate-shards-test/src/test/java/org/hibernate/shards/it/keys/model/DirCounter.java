package org.hibernate.shards.it.keys.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.shards.annotations.ShardKey;
import org.hibernate.shards.annotations.ShardedId;

/** A directory-placed entity: integers by {@code MOD(3)}. */
@Entity
@Table(name = "dir_counter")
public class DirCounter {
	@Id
	@ShardedId
	private Long id;

	@ShardKey(function = "MOD(3)")
	@Column(name = "counter_no")
	private Long counterNo;

	protected DirCounter() {
	}

	public DirCounter(Long counterNo) {
		this.counterNo = counterNo;
	}

	public Long getId() {
		return id;
	}

	public Long getKey() {
		return counterNo;
	}

	@Override
	public String toString() {
		return "DirCounter#" + id + "(" + counterNo + ")";
	}
}
