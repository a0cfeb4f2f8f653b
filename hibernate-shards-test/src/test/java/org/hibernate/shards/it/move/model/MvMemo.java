package org.hibernate.shards.it.move.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.shards.annotations.ShardKey;

/** Placed by the hash of its topic; its id is assigned and does not tell the shard. */
@Entity
@Table(name = "mv_memo")
public class MvMemo {
	@Id
	private Long id;

	@ShardKey
	@Column(name = "topic", length = 60)
	private String topic;

	@Column(name = "body", length = 200)
	private String body;

	protected MvMemo() {
	}

	public MvMemo(long id, String topic, String body) {
		this.id = id;
		this.topic = topic;
		this.body = body;
	}

	public Long getId() {
		return id;
	}

	public String getTopic() {
		return topic;
	}

	public String getBody() {
		return body;
	}

	public void setBody(String body) {
		this.body = body;
	}
}
