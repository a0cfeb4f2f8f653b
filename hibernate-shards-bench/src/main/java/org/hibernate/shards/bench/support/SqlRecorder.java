package org.hibernate.shards.bench.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * Records the SQL Hibernate sends, so that the hand-written JDBC baseline sends exactly the per-shard SQL of the
 * sharded query. Configured by class name ({@code hibernate.session_factory.statement_inspector}) on a factory used
 * only for that, never on a factory that is measured.
 */
public final class SqlRecorder implements StatementInspector {
	public static final List<String> STATEMENTS = new CopyOnWriteArrayList<>();

	@Override
	public String inspect(String sql) {
		STATEMENTS.add( sql );
		return sql;
	}
}
