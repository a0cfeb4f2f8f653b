package org.hibernate.shards.it.move;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the writers of a partition load test were told is committed: every memo's last acknowledged state (its topic,
 * body and lines), or that it was deleted. The final state of the databases must be exactly this.
 */
final class MemoLedger {

	/**
	 * A memo as its last acknowledged write left it.
	 *
	 * @param lines the text of each of its lines, by line id
	 */
	record Memo(long id, String topic, String body, Map<Long, String> lines) {

		Memo {
			lines = Map.copyOf( lines );
		}
	}

	private final Map<Long, Memo> live = new ConcurrentHashMap<>();
	private final Set<Long> deleted = ConcurrentHashMap.newKeySet();

	/** An insert or an update was acknowledged. */
	void written(Memo memo) {
		live.put( memo.id(), memo );
	}

	/** A delete was acknowledged. */
	void deleted(long id) {
		live.remove( id );
		deleted.add( id );
	}

	Map<Long, Memo> live() {
		return live;
	}

	Set<Long> deleted() {
		return deleted;
	}

	/** @return the memos as {@code id|topic|body}, sorted: what {@code select id, topic, body from mv_memo} must return */
	List<String> memoLines() {
		List<String> lines = new ArrayList<>();
		live.values().forEach( memo -> lines.add( memo.id() + "|" + memo.topic() + "|" + memo.body() ) );
		Collections.sort( lines );
		return lines;
	}

	/** @return the lines as {@code id|memo_id|text}, sorted: what {@code select id, memo_id, text from mv_memo_line} must return */
	List<String> lineLines() {
		List<String> lines = new ArrayList<>();
		live.values().forEach( memo -> memo.lines().forEach( (id, text) -> lines.add( id + "|" + memo.id() + "|" + text ) ) );
		Collections.sort( lines );
		return lines;
	}
}
