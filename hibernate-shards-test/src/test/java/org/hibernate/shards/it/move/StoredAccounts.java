package org.hibernate.shards.it.move;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.CRC32;

import org.hibernate.shards.test.ShardDatabases;

/**
 * The accounts, tags and invoices the shard databases hold, read with plain JDBC, as one text line per row
 * ({@code id|email|name}, {@code account_id|tag}, {@code id|account_id|amount}) by table and shard; and the same lines
 * built from a {@link LoadLedger}, so that the two compare line by line.
 */
final class StoredAccounts {
	static final String ACCOUNTS = "mv_account";
	static final String TAGS = "mv_account_tag";
	static final String INVOICES = "mv_invoice";
	private static final Map<String, String> QUERIES = Map.of(
			ACCOUNTS, "select id, email, name from mv_account",
			TAGS, "select account_id, tag from mv_account_tag",
			INVOICES, "select id, account_id, amount from mv_invoice" );

	/** Lines by table, then by shard index. */
	private final Map<String, List<List<String>>> lines = new LinkedHashMap<>();

	private StoredAccounts() {
	}

	static StoredAccounts read(ShardDatabases dbs) {
		StoredAccounts stored = new StoredAccounts();
		for ( String table : List.of( ACCOUNTS, TAGS, INVOICES ) ) {
			List<List<String>> byShard = new ArrayList<>();
			for ( int shard = 0; shard < dbs.size(); shard++ ) {
				byShard.add( select( dbs, shard, QUERIES.get( table ) ) );
			}
			stored.lines.put( table, byShard );
		}
		return stored;
	}

	/** The lines the ledger's live accounts make, by table. */
	static Map<String, List<String>> expected(LoadLedger ledger) {
		Map<String, List<String>> expected = new LinkedHashMap<>();
		List<String> accounts = new ArrayList<>();
		List<String> tags = new ArrayList<>();
		List<String> invoices = new ArrayList<>();
		for ( LoadLedger.Account account : ledger.live().values() ) {
			accounts.add( account.id() + "|" + account.email() + "|" + account.name() );
			account.tags().forEach( tag -> tags.add( account.id() + "|" + tag ) );
			account.invoices().forEach( (id, amount) -> invoices.add( id + "|" + account.id() + "|" + amount.toPlainString() ) );
		}
		expected.put( ACCOUNTS, sorted( accounts ) );
		expected.put( TAGS, sorted( tags ) );
		expected.put( INVOICES, sorted( invoices ) );
		return expected;
	}

	/** @return the table's lines on one shard */
	List<String> on(String table, int shard) {
		return lines.get( table ).get( shard );
	}

	/** @return the table's lines of every shard together, sorted */
	List<String> all(String table) {
		List<String> all = new ArrayList<>();
		lines.get( table ).forEach( all::addAll );
		return sorted( all );
	}

	/** @return the lines of the table present on more than one shard: a row copied and not purged, or written twice */
	List<String> onSeveralShards(String table) {
		Set<String> seen = new HashSet<>();
		List<String> twice = new ArrayList<>();
		for ( List<String> shard : lines.get( table ) ) {
			for ( String line : new HashSet<>( keys( table, shard ) ) ) {
				if ( !seen.add( line ) ) {
					twice.add( line );
				}
			}
		}
		return twice;
	}

	/** The primary keys of lines: the id, or for tags the whole line (account and tag). */
	private static List<String> keys(String table, List<String> lines) {
		List<String> keys = new ArrayList<>( lines.size() );
		for ( String line : lines ) {
			keys.add( table.equals( TAGS ) ? line : line.substring( 0, line.indexOf( '|' ) ) );
		}
		return keys;
	}

	/** @return the shard index of each account id */
	Map<Long, List<Integer>> accountShards() {
		Map<Long, List<Integer>> shards = new TreeMap<>();
		List<List<String>> byShard = lines.get( ACCOUNTS );
		for ( int shard = 0; shard < byShard.size(); shard++ ) {
			for ( String line : byShard.get( shard ) ) {
				shards.computeIfAbsent( Long.parseLong( line.substring( 0, line.indexOf( '|' ) ) ), id -> new ArrayList<>() ).add( shard );
			}
		}
		return shards;
	}

	static String checksum(List<String> sortedLines) {
		CRC32 crc = new CRC32();
		for ( String line : sortedLines ) {
			crc.update( line.getBytes( java.nio.charset.StandardCharsets.UTF_8 ) );
			crc.update( '\n' );
		}
		return sortedLines.size() + " rows, crc " + Long.toHexString( crc.getValue() );
	}

	/** @return up to {@code limit} lines of {@code these} that {@code those} lacks */
	static List<String> missingFrom(List<String> those, List<String> these, int limit) {
		Set<String> present = new HashSet<>( those );
		return these.stream().filter( line -> !present.contains( line ) ).limit( limit ).toList();
	}

	private static List<String> select(ShardDatabases dbs, int shard, String sql) {
		List<String> rows = new ArrayList<>();
		try ( Connection connection = dbs.get( shard ).openConnection(); Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery( sql ) ) {
			int width = result.getMetaData().getColumnCount();
			while ( result.next() ) {
				StringBuilder line = new StringBuilder();
				for ( int i = 1; i <= width; i++ ) {
					Object value = result.getObject( i );
					line.append( i == 1 ? "" : "|" ).append( value instanceof BigDecimal decimal ? decimal.toPlainString() : value );
				}
				rows.add( line.toString() );
			}
		}
		catch (SQLException e) {
			throw new IllegalStateException( "Cannot read shard " + shard + ": " + e.getMessage(), e );
		}
		return sorted( rows );
	}

	private static List<String> sorted(List<String> lines) {
		Collections.sort( lines );
		return lines;
	}
}
