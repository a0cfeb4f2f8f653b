package org.hibernate.shards.it.inputs.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import org.hibernate.shards.annotations.ShardedId;

/** A @ShardedId on an Integer, annotated on the getter: refused, a sharded id is a Long. */
@Entity
public class IntegerShardedId {
	private Integer number;

	@Id
	@ShardedId
	public Integer getNumber() {
		return number;
	}

	public void setNumber(Integer number) {
		this.number = number;
	}
}
