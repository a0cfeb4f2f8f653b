package org.hibernate.shards.it.move;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.it.KeyRouting;
import org.hibernate.shards.it.ShardedFactories;
import org.hibernate.shards.it.move.model.MvAccount;
import org.hibernate.shards.it.move.model.MvInvoice;
import org.hibernate.shards.it.move.model.MvMemo;
import org.hibernate.shards.it.move.model.MvMemoLine;
import org.hibernate.shards.test.ShardDatabases;

/**
 * The move model on real shards: {@value #VIRTUAL} virtual shards over two physical shards (0-3 on shard 0, 4-7 on
 * shard 1), the directory on shard 0. Rows are read back with plain JDBC, so a move is judged by what the databases
 * hold, not by what the library says.
 */
final class MoveFixture {
	static final int VIRTUAL = 8;
	static final String[] TABLES = { "mv_account", "mv_account_tag", "mv_invoice", "mv_memo", "mv_memo_line" };
	static final Class<?>[] MODEL = { MvAccount.class, MvInvoice.class, MvMemo.class, MvMemoLine.class };

	private final ShardDatabases dbs;
	private long nextMemoId = 1;

	MoveFixture(ShardDatabases dbs) {
		this.dbs = dbs;
	}

	ShardedSessionFactory factory(String hbm2ddl, int refreshSeconds, Map<String, String> more) {
		return factory( hbm2ddl, refreshSeconds, more, MODEL );
	}

	/** @param model the entity classes to map, instead of {@link #MODEL} */
	ShardedSessionFactory factory(String hbm2ddl, int refreshSeconds, Map<String, String> more, Class<?>... model) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put( "hibernate.hbm2ddl.auto", hbm2ddl );
		properties.put( "hibernate.shards.virtual_shards", String.valueOf( VIRTUAL ) );
		properties.put( "hibernate.shards.directory.enabled", "true" );
		properties.put( "hibernate.shards.directory.refresh_seconds", String.valueOf( refreshSeconds ) );
		properties.put( "hibernate.shards.move.instance_timeout_seconds", "2" );
		properties.put( "hibernate.shards.move.batch_size", "7" );
		properties.put( "hibernate.hikari.maximumPoolSize", "8" );
		properties.putAll( more );
		return ShardedFactories.build( dbs, properties, model );
	}

	/** A new e-mail whose hash lands on the given virtual shard. */
	static String emailOn(int virtualShard, String prefix) {
		for ( int i = 0; ; i++ ) {
			String email = prefix + "-" + i + "@example.com";
			if ( KeyRouting.virtualShard( email, VIRTUAL ) == virtualShard ) {
				return email;
			}
		}
	}

	static String topicOn(int virtualShard, String prefix) {
		for ( int i = 0; ; i++ ) {
			String topic = prefix + "-" + i;
			if ( KeyRouting.virtualShard( topic, VIRTUAL ) == virtualShard ) {
				return topic;
			}
		}
	}

	/** Accounts (with tags and invoices) and memos (with lines) on every virtual shard, more on {@code busy}. */
	List<MvAccount> populate(ShardedSessionFactory factory, int busy, String prefix) {
		List<MvAccount> accounts = new ArrayList<>();
		try ( ShardedSession session = factory.openSession() ) {
			session.inTransaction( tx -> {
				for ( int v = 0; v < VIRTUAL; v++ ) {
					int count = v == busy ? 12 : 2;
					for ( int i = 0; i < count; i++ ) {
						MvAccount account = new MvAccount( emailOn( v, prefix + v + "x" + i ), "Account " + v + "/" + i );
						for ( int t = 0; t < i % 4; t++ ) {
							account.getTags().add( "tag" + t );
						}
						session.persist( account );
						accounts.add( account );
						for ( int n = 0; n <= i % 3; n++ ) {
							session.persist( new MvInvoice( account, new BigDecimal( i * 10 + n + ".25" ), LocalDateTime.of( 2026, 1, 1 + n, 12, i, 7, 123_000_000 ) ) );
						}
						MvMemo memo = new MvMemo( nextMemoId++, topicOn( v, prefix + v + "t" + i ), "memo " + i );
						session.persist( memo );
						for ( int n = 0; n < 2; n++ ) {
							session.persist( new MvMemoLine( nextMemoId++, memo, "line " + n ) );
						}
					}
				}
			} );
		}
		return accounts;
	}

	/**
	 * The memos of one topic (a partition value of {@code MvMemo}, whose key function is the hash) and their lines, as
	 * written: what a partition move must carry, row for row.
	 */
	record Memos(String topic, List<Long> memoIds, List<Long> lineIds) {

		/** @return the rows, by table, that a shard holding the whole partition holds */
		Map<String, Long> counts() {
			return Map.of( "mv_memo", (long) memoIds.size(), "mv_memo_line", (long) lineIds.size() );
		}
	}

	/** Writes memos of a topic, each with its lines, in one transaction through the factory. */
	Memos writeMemos(ShardedSessionFactory factory, String topic, int memos, int linesPerMemo) {
		List<Long> memoIds = new ArrayList<>();
		List<Long> lineIds = new ArrayList<>();
		try ( ShardedSession session = factory.openSession() ) {
			session.inTransaction( tx -> {
				for ( int i = 0; i < memos; i++ ) {
					MvMemo memo = new MvMemo( nextMemoId++, topic, "memo " + i + " of " + topic );
					session.persist( memo );
					memoIds.add( memo.getId() );
					for ( int n = 0; n < linesPerMemo; n++ ) {
						MvMemoLine line = new MvMemoLine( nextMemoId++, memo, "line " + n + " of memo " + i );
						session.persist( line );
						lineIds.add( line.getId() );
					}
				}
			} );
		}
		return new Memos( topic, List.copyOf( memoIds ), List.copyOf( lineIds ) );
	}

	/** @return a new id for a memo or a line, unused by this fixture's memos */
	long nextMemoId() {
		return nextMemoId++;
	}

	/** @return how many of the memos and of their lines a shard holds, by table, counted by id with plain JDBC */
	Map<String, Long> held(int shard, Memos memos) {
		return Map.of( "mv_memo", countIn( shard, "mv_memo", memos.memoIds() ), "mv_memo_line", countIn( shard, "mv_memo_line", memos.lineIds() ) );
	}

	private long countIn(int shard, String table, List<Long> ids) {
		if ( ids.isEmpty() ) {
			return 0;
		}
		StringBuilder in = new StringBuilder();
		ids.forEach( id -> in.append( in.length() == 0 ? "" : ", " ).append( id ) );
		return count( shard, "select count(*) from " + table + " where id in (" + in + ")" );
	}

	/**
	 * Waits until an instance routes by the directory version another one routes by, as it will within its refresh
	 * interval, or a third of the instance timeout (its heartbeat), whichever is shorter; fails after 10 s.
	 */
	static void awaitFollows(ShardedSessionFactory follower, ShardedSessionFactory leader) {
		long wanted = org.hibernate.shards.strategy.directory.ShardDirectory.of( leader ).version();
		org.hibernate.shards.strategy.directory.ShardDirectory directory = org.hibernate.shards.strategy.directory.ShardDirectory.of( follower );
		long deadline = System.nanoTime() + 10_000_000_000L;
		while ( directory.version() < wanted ) {
			if ( System.nanoTime() > deadline ) {
				throw new AssertionError( "The instance still routes by directory version " + directory.version() + " 10 s after another reached "
						+ wanted );
			}
			try {
				Thread.sleep( 20 );
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new AssertionError( "Interrupted", e );
			}
		}
	}

	/** Sleeps; an interrupted test fails. */
	static void sleep(long millis) {
		try {
			Thread.sleep( millis );
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new AssertionError( "Interrupted", e );
		}
	}

	/** @return the ids of the memos of a topic, as a session of the factory finds them by their shard key, sorted */
	static List<Long> memoIdsByKey(ShardedSessionFactory factory, String topic) {
		try ( ShardedSession session = factory.openSession() ) {
			return session.createSelectionQuery( "select m.id from MvMemo m where m.topic = :t order by m.id", Long.class ).setParameter( "t", topic )
					.list();
		}
	}

	/** @return the ids of the lines of a topic's memos, as a session finds them by their memos' shard key, sorted */
	static List<Long> lineIdsByKey(ShardedSessionFactory factory, String topic) {
		try ( ShardedSession session = factory.openSession() ) {
			return session.createSelectionQuery( "select l.id from MvMemoLine l where l.memo.topic = :t order by l.id", Long.class )
					.setParameter( "t", topic ).list();
		}
	}

	/** Every row of every table of the model on a shard, as text, sorted: what the database holds. */
	Map<String, List<String>> rows(int shard) {
		Map<String, List<String>> tables = new LinkedHashMap<>();
		try ( Connection connection = dbs.get( shard ).openConnection(); Statement statement = connection.createStatement() ) {
			for ( String table : TABLES ) {
				List<String> rows = new ArrayList<>();
				try ( ResultSet result = statement.executeQuery( "select * from " + table ) ) {
					ResultSetMetaData meta = result.getMetaData();
					while ( result.next() ) {
						StringBuilder row = new StringBuilder();
						for ( int i = 1; i <= meta.getColumnCount(); i++ ) {
							row.append( i == 1 ? "" : "|" ).append( result.getString( i ) );
						}
						rows.add( row.toString() );
					}
				}
				Collections.sort( rows );
				tables.put( table, rows );
			}
			return tables;
		}
		catch (SQLException e) {
			throw new IllegalStateException( e );
		}
	}

	/** The rows of both shards together, per table, sorted: a move must leave this unchanged. */
	Map<String, List<String>> allRows() {
		Map<String, List<String>> all = rows( 0 );
		rows( 1 ).forEach( (table, rows) -> {
			List<String> merged = new ArrayList<>( all.get( table ) );
			merged.addAll( rows );
			Collections.sort( merged );
			all.put( table, merged );
		} );
		return all;
	}

	/** @return the rows a query returns on a shard, each as its columns joined by {@code |}, sorted */
	List<String> lines(int shard, String sql) {
		List<String> lines = new ArrayList<>();
		try ( Connection connection = dbs.get( shard ).openConnection(); Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery( sql ) ) {
			int width = result.getMetaData().getColumnCount();
			while ( result.next() ) {
				StringBuilder line = new StringBuilder();
				for ( int i = 1; i <= width; i++ ) {
					line.append( i == 1 ? "" : "|" ).append( result.getString( i ) );
				}
				lines.add( line.toString() );
			}
		}
		catch (SQLException e) {
			throw new IllegalStateException( e );
		}
		Collections.sort( lines );
		return lines;
	}

	long count(int shard, String sql) {
		try ( Connection connection = dbs.get( shard ).openConnection(); Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery( sql ) ) {
			result.next();
			return result.getLong( 1 );
		}
		catch (SQLException e) {
			throw new IllegalStateException( e );
		}
	}

	void execute(int shard, String sql) {
		try ( Connection connection = dbs.get( shard ).openConnection(); Statement statement = connection.createStatement() ) {
			statement.execute( sql );
		}
		catch (SQLException e) {
			throw new IllegalStateException( e );
		}
	}

	/** The rows of a virtual shard on a shard, per table, told from the data: ids' low bits, owners' ids, memos' topics. */
	Map<String, Long> rowsOfVirtualShard(int shard, int virtualShard) {
		Map<String, Long> counts = new LinkedHashMap<>();
		counts.put( "mv_account", count( shard, "select count(*) from mv_account where (id & 1023) = " + virtualShard ) );
		counts.put( "mv_account_tag", count( shard, "select count(*) from mv_account_tag where (account_id & 1023) = " + virtualShard ) );
		counts.put( "mv_invoice", count( shard, "select count(*) from mv_invoice where (id & 1023) = " + virtualShard ) );
		long memos = 0;
		long lines = 0;
		try ( Connection connection = dbs.get( shard ).openConnection(); Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery( "select m.topic, (select count(*) from mv_memo_line l where l.memo_id = m.id) from mv_memo m" ) ) {
			while ( result.next() ) {
				if ( KeyRouting.virtualShard( result.getString( 1 ), VIRTUAL ) == virtualShard ) {
					memos++;
					lines += result.getLong( 2 );
				}
			}
		}
		catch (SQLException e) {
			throw new IllegalStateException( e );
		}
		counts.put( "mv_memo", memos );
		counts.put( "mv_memo_line", lines );
		return counts;
	}

	void deleteAll() {
		for ( int shard = 0; shard < 2; shard++ ) {
			for ( String table : new String[] { "mv_memo_line", "mv_memo", "mv_invoice", "mv_account_tag", "mv_account" } ) {
				execute( shard, "delete from " + table );
			}
		}
	}

	/**
	 * Waits for a move that runs under load, checking the load's threads every half second.
	 *
	 * @param check throws when a thread of the load failed
	 */
	static org.hibernate.shards.admin.MoveReport awaitUnderLoad(org.hibernate.shards.admin.ShardAdmin admin,
			org.hibernate.shards.admin.MoveHandle move, java.time.Duration limit, Runnable check) {
		long start = System.nanoTime();
		while ( true ) {
			org.hibernate.shards.admin.MoveReport report = move.await( java.time.Duration.ofMillis( 500 ) );
			check.run();
			if ( report != null ) {
				return report;
			}
			if ( System.nanoTime() - start > limit.toNanos() ) {
				org.junit.jupiter.api.Assertions.fail( "The move did not finish within " + limit.toSeconds() + " s under load; it stands at "
						+ move.progress() + "; status " + admin.status().moves() );
			}
		}
	}
}
