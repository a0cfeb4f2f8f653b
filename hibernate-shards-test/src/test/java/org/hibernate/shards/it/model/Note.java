package org.hibernate.shards.it.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.shards.annotations.ShardKey;

/**
 * A note on a topic, with an id assigned by the application (e.g. from another system): the id is not a
 * {@code @ShardedId}, so it does not tell the shard, and finding a note by id goes through the resolution strategy.
 */
@Entity
@Table(name = "note")
public class Note {
	@Id
	@Column(name = "id")
	private Long id;

	@ShardKey
	@Column(name = "topic", length = 100)
	private String topic;

	@Column(name = "body", length = 500)
	private String body;

	protected Note() {
	}

	public Note(Long id, String topic, String body) {
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

	public void setTopic(String topic) {
		this.topic = topic;
	}

	public String getBody() {
		return body;
	}

	public void setBody(String body) {
		this.body = body;
	}

	@Override
	public String toString() {
		return "Note#" + id + "(" + topic + ")";
	}
}
