package org.hibernate.shards.admin.internal;

import java.io.IOException;
import java.io.Serializable;
import java.math.BigInteger;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventData;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.TransactionPayloadEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a MySQL or MariaDB server's row-based binary log, as a replica would, and collects which rows of some tables
 * of one database changed: their keys, by table. An online move of a virtual shard copies rows from the source shard
 * while the application keeps writing; a tail started at a position taken before the copy tells which rows to read
 * again from the source afterwards. It never applies row images: re-reading by key always gives the latest row.
 * <p>
 * Not API: public only so that the integration tests of another module can reach it.
 * <p>
 * Only row events (inserts, updates, deletes) of the followed tables count. A changed row is reported by the values of
 * the key columns given for its table, as JDBC's {@code getObject} returns them (integer types, decimal, char and
 * varchar: see {@code KeyColumns}); an update by both its old and its new key. Table and database names match
 * exactly or else ignoring case: servers on Linux compare them with case, and the caller (Hibernate) may spell them
 * in another case. The tail does not see what the server logs as a statement: DDL, {@code TRUNCATE}, and writes of
 * sessions that set {@code binlog_format} to something other than ROW. A followed table whose number of columns
 * changes is resolved again; other changes to its definition (columns retyped or reordered) must not happen while
 * the tail reads events written under the old one, since the binary log does not name columns.
 * <p>
 * The client reads in a thread of its own, which adds keys; {@link #drain()}, {@link #position()},
 * {@link #failure()} and {@link #awaitPosition} may be called from any other thread.
 */
public final class BinlogTail implements AutoCloseable {

	private static final Logger LOG = LoggerFactory.getLogger( BinlogTail.class );

	/** Single-host Connector/J or MariaDB Connector/J URLs, optionally with {@code user:password@}. */
	private static final Pattern URL = Pattern.compile(
			"^jdbc:(?:mysql|mariadb)://(?:[^/@?]*@)?(\\[[^\\]/]+\\]|[^:/?,@\\[\\]]+)(?::(\\d+))?/([^?;]*)" );

	/**
	 * Replica server ids are drawn from the upper half of the 32-bit range, far from the small ids servers are given:
	 * a server drops a replica connection when another one registers with the same id.
	 */
	private static final long MIN_SERVER_ID = 1L << 31;
	private static final long MAX_SERVER_ID = ( 1L << 32 ) - 1;

	private static final int ER_PARSE_ERROR = 1064;
	private static final long THREAD_JOIN_MILLIS = 5_000;

	private final ShardAddress address;
	private final String user;
	private final String password;
	private final DataSource metadata;
	private final Map<String, List<String>> keyColumnsByTable;
	private final Map<String, String> followedByLowerCaseName;
	private final Position from;

	/** Resolved tables by their name as the server spells it; filled by start, then by the client thread. */
	private final Map<String, KeyColumns> resolved = new ConcurrentHashMap<>();
	/** The followed tables among the table ids of the current table maps; the client thread's only. */
	private final Map<Long, KeyColumns> followedByTableId = new HashMap<>();

	private final Object lock = new Object();
	private Map<String, Set<List<Object>>> changed = new LinkedHashMap<>(); // guarded by lock
	private Position position; // guarded by lock
	private Exception failure; // guarded by lock
	private boolean closed; // guarded by lock

	private final CountDownLatch streaming = new CountDownLatch( 1 );
	private final List<Thread> clientThreads = new CopyOnWriteArrayList<>();
	private volatile BinaryLogClient client;
	private volatile boolean started; // from then on failures are logged: start() reports its own by throwing
	private volatile boolean stopped; // failed or closed: spares the client thread the lock on every event

	/**
	 * A position in a server's binary log: a file and a byte offset in it. Positions order by file sequence number,
	 * then offset.
	 *
	 * @param file the file name, e.g. {@code binlog.000003}
	 * @param offset the byte offset of the next event in that file
	 */
	public record Position(String file, long offset) implements Comparable<Position> {

		public Position {
			Objects.requireNonNull( file, "file" );
			if ( file.isBlank() || offset < 0 ) {
				throw new IllegalArgumentException( "Not a binary log position: " + file + ":" + offset );
			}
		}

		@Override
		public int compareTo(Position other) {
			int byFile = compareFiles( file, other.file );
			return byFile != 0 ? byFile : Long.compare( offset, other.offset );
		}

		/** Files are named {@code base.000001}, {@code base.000002}, ...; the number may outgrow its six digits. */
		private static int compareFiles(String a, String b) {
			int dotA = a.lastIndexOf( '.' );
			int dotB = b.lastIndexOf( '.' );
			String suffixA = a.substring( dotA + 1 );
			String suffixB = b.substring( dotB + 1 );
			if ( dotA < 0 || dotB < 0 || !isNumber( suffixA ) || !isNumber( suffixB ) ) {
				return a.compareTo( b );
			}
			int byBase = a.substring( 0, dotA ).compareTo( b.substring( 0, dotB ) );
			return byBase != 0 ? byBase : new BigInteger( suffixA ).compareTo( new BigInteger( suffixB ) );
		}

		private static boolean isNumber(String text) {
			return !text.isEmpty() && text.chars().allMatch( c -> c >= '0' && c <= '9' );
		}

		@Override
		public String toString() {
			return file + ":" + offset;
		}
	}

	/** Where the tail connects, from the shard's JDBC URL. */
	record ShardAddress(String host, int port, String database) {

		static ShardAddress parse(String jdbcUrl) {
			Matcher matcher = URL.matcher( jdbcUrl );
			if ( !matcher.find() || matcher.group( 3 ).isEmpty() ) {
				// the query and user information may hold a password
				String shown = jdbcUrl.replaceFirst( "[?;].*$", "" ).replaceFirst( "//[^/]*@", "//" );
				throw new IllegalArgumentException( "Expected a single-host URL jdbc:mysql://host[:port]/database"
						+ " (or jdbc:mariadb:), got " + shown );
			}
			String host = matcher.group( 1 );
			if ( host.startsWith( "[" ) ) {
				host = host.substring( 1, host.length() - 1 );
			}
			int port = matcher.group( 2 ) == null ? 3306 : Integer.parseInt( matcher.group( 2 ) );
			// percent-decoded as the drivers do; '+' is no space in a path
			String database = URLDecoder.decode( matcher.group( 3 ).replace( "+", "%2B" ), StandardCharsets.UTF_8 );
			return new ShardAddress( host, port, database );
		}

		@Override
		public String toString() {
			return ( host.contains( ":" ) ? "[" + host + "]" : host ) + ":" + port + "/" + database;
		}
	}

	/**
	 * @param jdbcUrl the shard's single-host URL, {@code jdbc:mysql://host[:port]/database[?...]} or
	 *        {@code jdbc:mariadb:...}; only host, port and database are used
	 * @param user an account with the REPLICATION SLAVE privilege (and BINLOG MONITOR on MariaDB, REPLICATION CLIENT
	 *        on MySQL, for {@link #currentPosition})
	 * @param metadata a data source of the same server, to read the followed tables' columns from
	 *        {@code information_schema}
	 * @param keyColumnsByTable for each followed table of the URL's database, the names of the columns whose values
	 *        identify a changed row: the primary key of an entity table, the owner's foreign key of a collection table
	 * @param from where to start reading, e.g. from {@link #currentPosition} taken before a copy began
	 */
	public BinlogTail(String jdbcUrl, String user, String password, DataSource metadata,
			Map<String, List<String>> keyColumnsByTable, Position from) {
		this.address = ShardAddress.parse( jdbcUrl );
		this.user = Objects.requireNonNull( user, "user" );
		this.password = password == null ? "" : password;
		this.metadata = Objects.requireNonNull( metadata, "metadata" );
		this.keyColumnsByTable = Map.copyOf( keyColumnsByTable );
		this.followedByLowerCaseName = keyColumnsByTable.keySet().stream()
				.collect( Collectors.groupingBy( t -> t.toLowerCase( Locale.ROOT ) ) )
				.entrySet().stream()
				.filter( e -> e.getValue().size() == 1 ) // two names differing only in case are matched exactly only
				.collect( Collectors.toMap( Map.Entry::getKey, e -> e.getValue().get( 0 ) ) );
		this.from = Objects.requireNonNull( from, "from" );
		this.position = from;
	}

	/**
	 * Checks the server's global settings: a binary log ({@code log_bin=ON}) of full rows ({@code binlog_format=ROW},
	 * {@code binlog_row_image=FULL} or {@code NOBLOB}) that the client can decode.
	 *
	 * @return why the server's binary log cannot be followed, or empty if it can
	 */
	public static Optional<String> unavailableReason(Connection connection) throws SQLException {
		Map<String, String> variables = new HashMap<>();
		try ( Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery( "show global variables where variable_name in ('log_bin',"
						+ " 'binlog_format', 'binlog_row_image', 'log_bin_compress', 'binlog_row_value_options')" ) ) {
			while ( rs.next() ) {
				variables.put( rs.getString( 1 ).toLowerCase( Locale.ROOT ), rs.getString( 2 ) );
			}
		}
		return unavailableReason( variables );
	}

	/**
	 * @param globalVariables values of the server's global variables by lower-case name; missing ones take the
	 *        defaults of servers that do not know them
	 */
	static Optional<String> unavailableReason(Map<String, String> globalVariables) {
		String logBin = globalVariables.getOrDefault( "log_bin", "OFF" );
		if ( !"ON".equalsIgnoreCase( logBin ) && !"1".equals( logBin ) ) {
			return Optional.of( "the server keeps no binary log (log_bin=" + logBin
					+ "); start it with --log-bin --binlog-format=ROW --server-id=<n>" );
		}
		String format = globalVariables.getOrDefault( "binlog_format", "" );
		if ( !"ROW".equalsIgnoreCase( format ) ) {
			return Optional.of( "binlog_format=" + format + " logs some changes as statements, which name no rows;"
					+ " set binlog_format=ROW" );
		}
		String rowImage = globalVariables.getOrDefault( "binlog_row_image", "FULL" );
		if ( !"FULL".equalsIgnoreCase( rowImage ) && !"NOBLOB".equalsIgnoreCase( rowImage ) ) {
			return Optional.of( "binlog_row_image=" + rowImage + " leaves key columns out of row images;"
					+ " set binlog_row_image=FULL" );
		}
		if ( "ON".equalsIgnoreCase( globalVariables.getOrDefault( "log_bin_compress", "OFF" ) ) ) {
			return Optional.of( "log_bin_compress=ON writes MariaDB's compressed row events, which the binary log"
					+ " client cannot decode; set log_bin_compress=OFF" );
		}
		String valueOptions = globalVariables.getOrDefault( "binlog_row_value_options", "" );
		if ( valueOptions.toUpperCase( Locale.ROOT ).contains( "PARTIAL_JSON" ) ) {
			return Optional.of( "binlog_row_value_options=PARTIAL_JSON logs updates in events the tail does not read;"
					+ " set binlog_row_value_options=''" );
		}
		return Optional.empty();
	}

	/**
	 * @return the server's current end of binary log: where the next transaction to commit will be written
	 * @throws IllegalStateException if the server keeps no binary log
	 */
	public static Position currentPosition(Connection connection) throws SQLException {
		SQLException notKnown = null;
		// MySQL 8.2+, MariaDB 10.5.2+, then older servers of both (MySQL 8.4 no longer knows the last one)
		for ( String sql : List.of( "show binary log status", "show binlog status", "show master status" ) ) {
			try ( Statement statement = connection.createStatement();
					ResultSet rs = statement.executeQuery( sql ) ) {
				if ( !rs.next() ) {
					throw new IllegalStateException( "The server keeps no binary log ('" + sql + "' returned no row)" );
				}
				return new Position( rs.getString( 1 ), rs.getLong( 2 ) );
			}
			catch (SQLException e) {
				if ( e.getErrorCode() != ER_PARSE_ERROR ) {
					throw e; // e.g. a missing privilege: another spelling would not help
				}
				if ( notKnown == null ) {
					notKnown = e;
				}
				else {
					notKnown.addSuppressed( e );
				}
			}
		}
		throw notKnown;
	}

	/**
	 * Resolves the followed tables' key columns, connects and returns once the server has begun sending its log from
	 * {@code from}. Events are then read in the client's own thread until {@link #close()} or a failure.
	 *
	 * @throws IllegalArgumentException if a key column does not exist or has an unsupported type
	 * @throws IllegalStateException if the tail cannot connect or the server refuses to send its log from there
	 */
	public void start(Duration connectTimeout) {
		synchronized ( lock ) {
			if ( client != null || closed ) {
				throw new IllegalStateException( "A binlog tail starts once" );
			}
		}
		resolveAll();
		BinaryLogClient client = new BinaryLogClient( address.host(), address.port(), user, password );
		client.setServerId( ThreadLocalRandom.current().nextLong( MIN_SERVER_ID, MAX_SERVER_ID + 1 ) );
		client.setBinlogFilename( from.file() );
		client.setBinlogPosition( from.offset() );
		// a silent reconnect would hide from the mover that the tail was gone for a while: it fails instead
		client.setKeepAlive( false );
		client.setThreadFactory( runnable -> {
			Thread thread = new Thread( runnable );
			thread.setDaemon( true ); // a tail left open must not keep the JVM alive
			clientThreads.add( thread );
			return thread;
		} );
		EventDeserializer deserializer = new EventDeserializer();
		// strings as bytes, decoded with the column's character set rather than the JVM's default one
		deserializer.setCompatibilityMode( EventDeserializer.CompatibilityMode.CHAR_AND_BINARY_AS_BYTE_ARRAY );
		client.setEventDeserializer( deserializer );
		// MariaDB's annotate-rows events (the SQL text) are not asked for: the rows say all we need
		client.setUseSendAnnotateRowsEvent( false );
		client.registerEventListener( this::onEvent );
		client.registerLifecycleListener( new Lifecycle() );
		this.client = client;
		long timeoutMillis = Math.max( 1, connectTimeout.toMillis() );
		try {
			client.connect( timeoutMillis );
			// the server answers the dump request with its first event or an error, after connect returned
			if ( !streaming.await( timeoutMillis, TimeUnit.MILLISECONDS ) ) {
				throw new TimeoutException( "no event within " + timeoutMillis + " ms" );
			}
		}
		catch (IOException | TimeoutException | InterruptedException e) {
			if ( e instanceof InterruptedException ) {
				Thread.currentThread().interrupt();
			}
			close();
			throw new IllegalStateException( "Could not follow the binary log of " + address + " as '" + user
					+ "' from " + from + ": " + messages( e ), e );
		}
		Optional<Exception> failed = failure();
		if ( failed.isPresent() ) {
			close();
			Throwable cause = failed.get().getCause();
			throw new IllegalStateException( "Could not follow the binary log of " + address + " as '" + user
					+ "' from " + from + ": " + messages( cause ), cause );
		}
		started = true;
		LOG.debug( "Following the binary log of {} from {}", address, from );
	}

	private void resolveAll() {
		try {
			KeyColumns.read( metadata, address.database(), null ).forEach( (table, columns) -> {
				String followed = followedName( table );
				if ( followed != null ) {
					resolved.put( table, KeyColumns.of( address.database(), followed, columns, keyColumnsByTable.get( followed ) ) );
				}
			} );
		}
		catch (SQLException e) {
			throw new IllegalStateException( "Could not read the columns of the tables of " + address + ": " + e.getMessage(), e );
		}
	}

	/**
	 * Blocks until the tail has read every event before {@code target}. The tail learns its position at event
	 * boundaries, so {@code target} should be one, as {@link #currentPosition} gives.
	 *
	 * @return whether it got there; {@code false} after the timeout, a failure or {@link #close()}
	 */
	public boolean awaitPosition(Position target, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized ( lock ) {
			while ( position.compareTo( target ) < 0 ) {
				long left = deadline - System.nanoTime();
				if ( failure != null || closed || left <= 0 ) {
					return false;
				}
				TimeUnit.NANOSECONDS.timedWait( lock, left );
			}
			return true;
		}
	}

	/**
	 * Removes and returns the keys of the rows changed since the last drain, by table as the caller named it. Each
	 * key lists the key column values in the order given; each appears once per drain.
	 *
	 * @return a new map, the caller's to keep; tables without changes are absent
	 */
	public Map<String, Set<List<Object>>> drain() {
		synchronized ( lock ) {
			Map<String, Set<List<Object>>> drained = changed;
			changed = new LinkedHashMap<>();
			return drained;
		}
	}

	/**
	 * @return the position after the last event fully read, never one between a table map and its rows (where a tail
	 *         could not start); {@code from} until the first event
	 */
	public Position position() {
		synchronized ( lock ) {
			return position;
		}
	}

	/**
	 * @return what stopped the tail (the connection was lost, an event could not be decoded, ...), naming the server
	 *         and position; keys drained before are still valid, later changes were not seen
	 */
	public Optional<Exception> failure() {
		synchronized ( lock ) {
			return Optional.ofNullable( failure );
		}
	}

	/** Disconnects and waits for the client's threads to end. Keys not drained are dropped. */
	@Override
	public void close() {
		synchronized ( lock ) {
			if ( closed ) {
				return;
			}
			closed = true;
			stopped = true;
			lock.notifyAll();
		}
		BinaryLogClient current = client;
		if ( current != null ) {
			try {
				current.disconnect();
			}
			catch (IOException e) {
				LOG.debug( "Closing the binary log connection to {} failed", address, e );
			}
		}
		for ( Thread thread : clientThreads ) {
			if ( thread != Thread.currentThread() ) {
				try {
					thread.join( THREAD_JOIN_MILLIS );
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	// ---- the client thread

	/** Exceptions must not escape: the client would log and skip them, and keys could be missed unnoticed. */
	private void onEvent(Event event) {
		streaming.countDown();
		EventHeaderV4 header = event.getHeader();
		EventType type = header.getEventType();
		if ( stopped ) {
			return;
		}
		try {
			if ( type == EventType.INCIDENT ) {
				throw new IllegalStateException( "the server logged an incident: events may be missing from its log" );
			}
			collect( event.getData() );
			advance( type, header, event.getData() );
		}
		catch (RuntimeException e) {
			fail( e );
		}
	}

	private void collect(EventData data) {
		if ( data instanceof TableMapEventData tableMap ) {
			map( tableMap );
		}
		else if ( data instanceof WriteRowsEventData rows ) {
			collect( rows.getTableId(), rows.getIncludedColumns(), rows.getRows() );
		}
		else if ( data instanceof DeleteRowsEventData rows ) {
			collect( rows.getTableId(), rows.getIncludedColumns(), rows.getRows() );
		}
		else if ( data instanceof UpdateRowsEventData rows ) {
			List<Serializable[]> before = new ArrayList<>();
			List<Serializable[]> after = new ArrayList<>();
			rows.getRows().forEach( row -> {
				before.add( row.getKey() );
				after.add( row.getValue() );
			} );
			collect( rows.getTableId(), rows.getIncludedColumnsBeforeUpdate(), before );
			collect( rows.getTableId(), rows.getIncludedColumns(), after );
		}
		else if ( data instanceof TransactionPayloadEventData payload ) {
			// MySQL's binlog_transaction_compression: the client unpacks, events inside carry no positions
			payload.getUncompressedEvents().forEach( e -> collect( e.getData() ) );
		}
	}

	private void map(TableMapEventData tableMap) {
		String followed = sameName( address.database(), tableMap.getDatabase() ) ? followedName( tableMap.getTable() ) : null;
		if ( followed == null ) {
			followedByTableId.remove( tableMap.getTableId() ); // ids are reused
			return;
		}
		int columnCount = tableMap.getColumnTypes().length;
		KeyColumns keyColumns = resolved.get( tableMap.getTable() );
		if ( keyColumns == null || keyColumns.columnCount() != columnCount ) {
			// created after start, or changed: its column positions may have moved
			keyColumns = resolve( tableMap.getTable(), followed );
			if ( keyColumns == null || keyColumns.columnCount() != columnCount ) {
				throw new IllegalStateException( "table " + tableMap.getTable() + " has " + columnCount
						+ " columns in the binary log, but " + ( keyColumns == null ? "no longer exists" : keyColumns.columnCount() + " now" )
						+ ": its definition changed while the tail followed it" );
			}
		}
		followedByTableId.put( tableMap.getTableId(), keyColumns );
	}

	private KeyColumns resolve(String table, String followed) {
		try {
			List<KeyColumns.Column> columns = KeyColumns.read( metadata, address.database(), table ).get( table );
			if ( columns == null ) {
				resolved.remove( table );
				return null;
			}
			KeyColumns keyColumns = KeyColumns.of( address.database(), followed, columns, keyColumnsByTable.get( followed ) );
			resolved.put( table, keyColumns );
			return keyColumns;
		}
		catch (SQLException e) {
			throw new IllegalStateException( "could not read the columns of table " + table + ": " + e.getMessage(), e );
		}
	}

	private void collect(long tableId, BitSet included, List<Serializable[]> images) {
		KeyColumns keyColumns = followedByTableId.get( tableId );
		if ( keyColumns == null ) {
			return;
		}
		int[] positions = keyColumns.positionsIn( included );
		List<List<Object>> keys = new ArrayList<>( images.size() );
		for ( Serializable[] image : images ) {
			keys.add( keyColumns.keyOf( image, positions ) );
		}
		synchronized ( lock ) {
			changed.computeIfAbsent( keyColumns.table(), t -> new HashSet<>() ).addAll( keys );
		}
	}

	/**
	 * The next position is in each event's header, within the current file; a rotate event names the next file (the
	 * server sends one first, naming the file asked for). Events the server makes up (the format description when
	 * starting within a file, ...) carry 0, and positions never go back within a file. Table maps and row events do
	 * not move the position, so that a tail started at {@link #position()} always sees the table maps of the rows
	 * it reads.
	 */
	private void advance(EventType type, EventHeaderV4 header, EventData data) {
		Position next;
		synchronized ( lock ) {
			if ( data instanceof RotateEventData rotate ) {
				next = new Position( rotate.getBinlogFilename(), rotate.getBinlogPosition() );
			}
			else if ( type == EventType.TABLE_MAP || EventType.isRowMutation( type ) ) {
				return;
			}
			else if ( header.getNextPosition() > position.offset() ) {
				next = new Position( position.file(), header.getNextPosition() );
			}
			else {
				return;
			}
			if ( !next.equals( position ) ) {
				position = next;
				lock.notifyAll();
			}
		}
	}

	private void fail(Exception cause) {
		synchronized ( lock ) {
			if ( failure != null || closed ) {
				return;
			}
			stopped = true;
			failure = new IllegalStateException( "Stopped following the binary log of " + address + " after " + position
					+ ": " + messages( cause ), cause );
			lock.notifyAll();
		}
		streaming.countDown();
		if ( started ) {
			LOG.warn( "{}", failure().map( Exception::getMessage ).orElse( "" ) );
		}
		BinaryLogClient current = client;
		if ( current != null ) {
			try {
				current.disconnect(); // a tail that missed events must not look alive
			}
			catch (IOException e) {
				LOG.debug( "Closing the binary log connection to {} failed", address, e );
			}
		}
	}

	private final class Lifecycle extends BinaryLogClient.AbstractLifecycleListener {
		@Override
		public void onCommunicationFailure(BinaryLogClient client, Exception ex) {
			fail( ex );
		}

		@Override
		public void onEventDeserializationFailure(BinaryLogClient client, Exception ex) {
			fail( ex ); // the client would go on, but the event may have held rows we follow
		}

		@Override
		public void onDisconnect(BinaryLogClient client) {
			fail( new IllegalStateException( "the server closed the connection" ) ); // ignored after close()
		}
	}

	// ---- names

	/** @return the followed table's name as the caller gave it, or null */
	private String followedName(String serverTable) {
		return keyColumnsByTable.containsKey( serverTable )
				? serverTable
				: followedByLowerCaseName.get( serverTable.toLowerCase( Locale.ROOT ) );
	}

	private static boolean sameName(String ours, String server) {
		return ours.equals( server ) || ours.equalsIgnoreCase( server );
	}

	/** @return the distinct messages of an exception and its causes: the client wraps the telling one */
	private static String messages(Throwable e) {
		List<String> messages = new ArrayList<>();
		for ( Throwable t = e; t != null && messages.size() < 4; t = t.getCause() ) {
			String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
			if ( messages.stream().noneMatch( m -> m.contains( message ) ) ) {
				messages.add( message );
			}
		}
		return String.join( ": ", messages );
	}
}
