package org.hibernate.shards.admin.internal;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import javax.sql.DataSource;

/**
 * The key columns of one followed table: where their values sit in a binary log row image, and how to turn those
 * values into what Connector/J's {@code getObject} returns for the same columns. The binary log carries neither
 * column names, nor signedness, nor character sets, so they come from {@code information_schema.columns}.
 * <table>
 * <caption>Key column types and the values reported for them</caption>
 * <tr><th>column type</th><th>value</th></tr>
 * <tr><td>{@code tinyint}, {@code smallint}, {@code mediumint} (signed or not), {@code int}</td><td>{@code Integer}</td></tr>
 * <tr><td>{@code int unsigned}, {@code bigint}</td><td>{@code Long}</td></tr>
 * <tr><td>{@code bigint unsigned}</td><td>{@code BigInteger}</td></tr>
 * <tr><td>{@code decimal}</td><td>{@code BigDecimal} with the column's scale</td></tr>
 * <tr><td>{@code char}, {@code varchar}</td><td>{@code String} decoded with the column's character set</td></tr>
 * </table>
 * Other types (binary strings, dates, floating point, ...) are refused: their values would not compare equal to
 * what JDBC returns ({@code byte[]} compares by identity), so a set of keys could not be deduplicated.
 */
final class KeyColumns {

	/** One column as {@code information_schema.columns} describes it; {@code ordinal} is 0-based. */
	record Column(String name, int ordinal, String dataType, String columnType, String characterSet) {
	}

	private final String table;
	private final int columnCount;
	private final int[] ordinals;
	private final List<Function<Serializable, Object>> values;

	private KeyColumns(String table, int columnCount, int[] ordinals, List<Function<Serializable, Object>> values) {
		this.table = table;
		this.columnCount = columnCount;
		this.ordinals = ordinals;
		this.values = values;
	}

	/**
	 * @param table the table as the caller named it; reported keys are filed under this name
	 * @param columns all columns of the table, in ordinal order
	 * @param keyColumnNames the columns identifying a row, matched without regard to case (as MySQL matches them)
	 * @throws IllegalArgumentException if a key column does not exist or has a type without a JDBC-equal value
	 */
	static KeyColumns of(String database, String table, List<Column> columns, List<String> keyColumnNames) {
		if ( keyColumnNames.isEmpty() ) {
			throw new IllegalArgumentException( "No key columns given for table " + database + "." + table );
		}
		int[] ordinals = new int[keyColumnNames.size()];
		List<Function<Serializable, Object>> values = new ArrayList<>();
		for ( int i = 0; i < ordinals.length; i++ ) {
			String name = keyColumnNames.get( i );
			Column column = columns.stream().filter( c -> c.name().equalsIgnoreCase( name ) ).findFirst()
					.orElseThrow( () -> new IllegalArgumentException( "Table " + database + "." + table
							+ " has no column " + name + " (its columns: "
							+ columns.stream().map( Column::name ).toList() + ")" ) );
			ordinals[i] = column.ordinal();
			values.add( valueOf( database + "." + table + "." + column.name(), column ) );
		}
		return new KeyColumns( table, columns.size(), ordinals, List.copyOf( values ) );
	}

	/** @return the table as the caller named it */
	String table() {
		return table;
	}

	/** @return the number of columns the table had when resolved; a table map with another count means it changed */
	int columnCount() {
		return columnCount;
	}

	/**
	 * @param included which of the table's columns a row event's images include
	 * @return where each key column sits in those images, which hold only the included columns, in column order
	 * @throws IllegalStateException if a key column is not included
	 */
	int[] positionsIn(BitSet included) {
		int[] positions = new int[ordinals.length];
		for ( int i = 0; i < ordinals.length; i++ ) {
			if ( !included.get( ordinals[i] ) ) {
				throw new IllegalStateException( "A row image of table " + table + " lacks key column #" + ( ordinals[i] + 1 )
						+ ": the server must log full row images (binlog_row_image=FULL)" );
			}
			positions[i] = included.get( 0, ordinals[i] ).cardinality();
		}
		return positions;
	}

	/**
	 * @param image a row image as the binary log client decodes it
	 * @param positions from {@link #positionsIn(BitSet)} for the event holding the image
	 * @return the key values, in the order the key columns were given; may hold {@code null}
	 */
	List<Object> keyOf(Serializable[] image, int[] positions) {
		Object[] key = new Object[positions.length];
		for ( int i = 0; i < positions.length; i++ ) {
			Serializable value = image[positions[i]];
			key[i] = value == null ? null : values.get( i ).apply( value );
		}
		return Collections.unmodifiableList( Arrays.asList( key ) );
	}

	/**
	 * @param onlyTable the one table to read, or {@code null} for all tables of the database
	 * @return each table's columns in ordinal order, by the table's name as the server spells it
	 */
	static Map<String, List<Column>> read(DataSource metadata, String database, String onlyTable) throws SQLException {
		String sql = "select table_name, column_name, ordinal_position, data_type, column_type, character_set_name"
				+ " from information_schema.columns where table_schema = ?"
				+ ( onlyTable == null ? "" : " and table_name = ?" )
				+ " order by table_name, ordinal_position";
		Map<String, List<Column>> columnsByTable = new LinkedHashMap<>();
		try ( Connection connection = metadata.getConnection();
				PreparedStatement statement = connection.prepareStatement( sql ) ) {
			statement.setString( 1, database );
			if ( onlyTable != null ) {
				statement.setString( 2, onlyTable );
			}
			try ( ResultSet rs = statement.executeQuery() ) {
				while ( rs.next() ) {
					columnsByTable.computeIfAbsent( rs.getString( 1 ), t -> new ArrayList<>() ).add( new Column(
							rs.getString( 2 ), rs.getInt( 3 ) - 1, rs.getString( 4 ).toLowerCase( Locale.ROOT ),
							rs.getString( 5 ).toLowerCase( Locale.ROOT ), rs.getString( 6 ) ) );
				}
			}
		}
		return columnsByTable;
	}

	/**
	 * The binary log client returns integers as the signed Java type of their width (so unsigned values above the
	 * signed maximum come out negative) and, with CHAR_AND_BINARY_AS_BYTE_ARRAY, strings as undecoded bytes.
	 */
	private static Function<Serializable, Object> valueOf(String qualifiedName, Column column) {
		boolean unsigned = column.columnType().contains( "unsigned" );
		return switch ( column.dataType() ) {
			case "tinyint" -> unsigned ? v -> ( (Number) v ).intValue() & 0xFF : v -> ( (Number) v ).intValue();
			case "smallint" -> unsigned ? v -> ( (Number) v ).intValue() & 0xFFFF : v -> ( (Number) v ).intValue();
			case "mediumint" -> unsigned ? v -> ( (Number) v ).intValue() & 0xFFFFFF : v -> ( (Number) v ).intValue();
			case "int" -> unsigned ? v -> ( (Number) v ).longValue() & 0xFFFFFFFFL : v -> ( (Number) v ).intValue();
			case "bigint" -> unsigned
					? v -> new BigInteger( Long.toUnsignedString( ( (Number) v ).longValue() ) )
					: v -> ( (Number) v ).longValue();
			case "decimal" -> v -> (BigDecimal) v;
			case "char", "varchar" -> {
				Charset charset = charset( qualifiedName, column.characterSet() );
				yield v -> v instanceof byte[] bytes ? new String( bytes, charset ) : v.toString();
			}
			default -> throw new IllegalArgumentException( "Key column " + qualifiedName + " has type "
					+ column.columnType() + ", whose binary log values cannot be made equal to what JDBC reads;"
					+ " supported: integer types, decimal, char and varchar" );
		};
	}

	private static Charset charset(String qualifiedName, String mysqlName) {
		String name = mysqlName == null ? "" : mysqlName.toLowerCase( Locale.ROOT );
		if ( name.startsWith( "utf8" ) ) { // utf8mb4, utf8mb3, and utf8 (an alias of either, by server version)
			return StandardCharsets.UTF_8;
		}
		return switch ( name ) {
			case "latin1" -> Charset.forName( "windows-1252" ); // what MySQL calls latin1 is cp1252
			case "ascii" -> StandardCharsets.US_ASCII;
			default -> throw new IllegalArgumentException( "Key column " + qualifiedName + " uses character set "
					+ mysqlName + "; supported: utf8mb4, utf8mb3, latin1, ascii" );
		};
	}
}
