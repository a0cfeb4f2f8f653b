package org.hibernate.shards.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.ShardingException;
import org.hibernate.shards.admin.MoveHandle;
import org.hibernate.shards.admin.MoveProgress;
import org.hibernate.shards.admin.RebalancePlan;
import org.hibernate.shards.admin.ShardAdmin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The web console: a small page on the JDK's own HTTP server showing where the rows are (see {@link ConsolePage}),
 * {@code /api/status} as JSON for scripts, and two actions, move and rebalance, that run only with the admin token
 * the console was given, sent in the {@code X-Shards-Token} header and compared in constant time. Without a token the
 * console is read-only. It binds to the address it is given: 127.0.0.1 from the command line unless told otherwise.
 * An application can run one itself beside its own factory.
 */
public final class ShardsConsole implements AutoCloseable {
	public static final String TOKEN_HEADER = "X-Shards-Token";

	private final ShardedSessionFactory factory;
	private final byte[] tokenDigest;
	private final HttpServer server;
	private final ExecutorService threads = Executors.newFixedThreadPool( 4, runnable -> {
		Thread thread = new Thread( runnable, "shards-console" );
		thread.setDaemon( true );
		return thread;
	} );
	/** Moves this console started, for their progress. */
	private final Map<Integer, MoveHandle> started = new ConcurrentHashMap<>();

	/**
	 * @param adminToken the token that allows actions, or {@code null} for a read-only console
	 * @throws IOException when the address cannot be bound
	 */
	public ShardsConsole(ShardedSessionFactory factory, InetSocketAddress address, String adminToken) throws IOException {
		this.factory = factory;
		this.tokenDigest = adminToken == null || adminToken.isEmpty() ? null : sha256( adminToken );
		this.server = HttpServer.create( address, 16 );
		server.setExecutor( threads );
		server.createContext( "/", exchange -> respond( exchange, this::route ) );
		server.start();
	}

	/** @return the address the console listens on (with the port chosen when 0 was asked for) */
	public InetSocketAddress address() {
		return server.getAddress();
	}

	@Override
	public void close() {
		server.stop( 0 );
		threads.shutdownNow();
	}

	private record Response(int status, String contentType, String body) {
		static Response text(int status, String body) {
			return new Response( status, "text/plain; charset=utf-8", body );
		}
	}

	@FunctionalInterface
	private interface Route {
		Response handle(HttpExchange exchange) throws IOException;
	}

	private Response route(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		String method = exchange.getRequestMethod();
		boolean get = "GET".equals( method );
		return switch ( path ) {
			case "/" -> get ? new Response( 200, "text/html; charset=utf-8", ConsolePage.render( view() ) ) : notAllowed();
			case "/live" -> get ? new Response( 200, "text/html; charset=utf-8", ConsolePage.live( view() ) ) : notAllowed();
			case "/api/status" -> get ? json( view() ) : notAllowed();
			case "/api/move" -> "POST".equals( method ) ? authorized( exchange, this::move ) : notAllowed();
			case "/api/rebalance" -> "POST".equals( method ) ? authorized( exchange, this::rebalance ) : notAllowed();
			default -> Response.text( 404, "Not found: " + path );
		};
	}

	private ConsoleView view() {
		Map<Integer, MoveProgress> progress = new LinkedHashMap<>();
		started.forEach( (virtualShard, handle) -> {
			if ( handle.isDone() ) {
				started.remove( virtualShard, handle );
			}
			else {
				progress.put( virtualShard, handle.progress() );
			}
		} );
		return ConsoleView.read( factory, progress, tokenDigest != null );
	}

	private static Response json(ConsoleView view) {
		java.io.StringWriter out = new java.io.StringWriter();
		Output.json( new java.io.PrintWriter( out ), new ConsoleJson( StatusView.of( view.status() ), view.placement(), view.rowsByVirtualShard(),
				view.partitions() ) );
		return new Response( 200, "application/json", out.toString() );
	}

	/** {@code /api/status}: the status, each virtual shard's physical shard and rows, and the partitions. */
	record ConsoleJson(StatusView status, List<Integer> placement, Map<Integer, Long> rowsByVirtualShard,
			Map<String, List<org.hibernate.shards.strategy.directory.Partition>> partitions) {
	}

	private Response authorized(HttpExchange exchange, Route action) throws IOException {
		if ( tokenDigest == null ) {
			return Response.text( 403, "This console is read-only: start it with an admin token to move and rebalance" );
		}
		String given = exchange.getRequestHeaders().getFirst( TOKEN_HEADER );
		if ( given == null || !MessageDigest.isEqual( tokenDigest, sha256( given ) ) ) {
			return Response.text( 401, "Actions need the admin token in the " + TOKEN_HEADER + " header" );
		}
		return action.handle( exchange );
	}

	private Response move(HttpExchange exchange) throws IOException {
		Map<String, String> form = form( exchange );
		int virtualShard = number( form, "virtualShard" );
		int to = number( form, "to" );
		MoveHandle handle = ShardAdmin.of( factory ).moveVirtualShard( virtualShard, ShardId.of( to ) );
		started.put( handle.virtualShard(), handle );
		return Response.text( 202, "Moving virtual shard " + virtualShard + " to shard " + to );
	}

	private Response rebalance(HttpExchange exchange) {
		RebalancePlan plan = ShardAdmin.of( factory ).rebalance( false );
		plan.handles().forEach( handle -> started.put( handle.virtualShard(), handle ) );
		return Response.text( 202, plan.moves().isEmpty() ? "Every shard is within its capacity: nothing to move"
				: "Rebalancing: " + plan.moves().size() + " virtual shards move" );
	}

	private static Map<String, String> form(HttpExchange exchange) throws IOException {
		String body = new String( exchange.getRequestBody().readNBytes( 4096 ), StandardCharsets.UTF_8 );
		Map<String, String> form = new LinkedHashMap<>();
		for ( String pair : body.split( "&" ) ) {
			int equals = pair.indexOf( '=' );
			if ( equals > 0 ) {
				form.put( URLDecoder.decode( pair.substring( 0, equals ), StandardCharsets.UTF_8 ),
						URLDecoder.decode( pair.substring( equals + 1 ), StandardCharsets.UTF_8 ) );
			}
		}
		return form;
	}

	private static int number(Map<String, String> form, String name) {
		try {
			return Integer.parseInt( form.getOrDefault( name, "" ).trim() );
		}
		catch (NumberFormatException e) {
			throw new BadRequest( name + " must be a number, not '" + form.getOrDefault( name, "" ) + "'" );
		}
	}

	private static final class BadRequest extends RuntimeException {
		BadRequest(String message) {
			super( message );
		}
	}

	private static Response notAllowed() {
		return Response.text( 405, "Method not allowed" );
	}

	private static void respond(HttpExchange exchange, Route route) throws IOException {
		Response response;
		try {
			response = route.handle( exchange );
		}
		catch (BadRequest e) {
			response = Response.text( 400, e.getMessage() );
		}
		catch (ShardingException e) {
			// A refusal of the library (an unknown shard, a move under way): its message names the cause and the fix.
			response = Response.text( 409, e.getMessage() );
		}
		catch (RuntimeException e) {
			response = Response.text( 500, Failures.describe( e ) );
		}
		byte[] body = response.body().getBytes( StandardCharsets.UTF_8 );
		exchange.getResponseHeaders().set( "Content-Type", response.contentType() );
		exchange.getResponseHeaders().set( "Cache-Control", "no-store" );
		exchange.getResponseHeaders().set( "X-Content-Type-Options", "nosniff" );
		exchange.sendResponseHeaders( response.status(), body.length );
		try ( OutputStream out = exchange.getResponseBody() ) {
			out.write( body );
		}
	}

	private static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance( "SHA-256" ).digest( text.getBytes( StandardCharsets.UTF_8 ) );
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException( "SHA-256 is part of every JDK", e );
		}
	}
}
