package org.hibernate.shards.it.inputs.model;

import java.net.URL;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import org.hibernate.shards.annotations.ShardKey;
import org.hibernate.shards.annotations.ShardedId;

/** A shard key of a type without canonical bytes (Hibernate maps a URL, the hash cannot place it): refused. */
@Entity
public class UrlKeyed {
	@Id
	@ShardedId
	private Long id;

	@ShardKey
	private URL website;
}
