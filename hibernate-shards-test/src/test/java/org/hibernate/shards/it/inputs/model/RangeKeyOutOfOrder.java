package org.hibernate.shards.it.inputs.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import org.hibernate.shards.annotations.ShardKey;
import org.hibernate.shards.annotations.ShardedId;

/** RANGE boundaries that increase as Java compares strings ('b' &gt; 'A'), but not as routing does: refused. */
@Entity
public class RangeKeyOutOfOrder {
	@Id
	@ShardedId
	private Long id;

	@ShardKey(function = "RANGE('b', 'A')")
	private String code;
}
