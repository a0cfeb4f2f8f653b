package org.hibernate.shards.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.ShardingConfigurationException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code shards console}: serves the web console until the process is stopped. */
@Command(name = "console", mixinStandardHelpOptions = true,
		description = { "Serve a web console showing shards, virtual shards, partitions, moves and instances. Read-only unless an admin "
				+ "token is given (--admin-token-file, or the SHARDS_ADMIN_TOKEN environment variable); actions then need it in the "
				+ ShardsConsole.TOKEN_HEADER + " header. Stop it with Ctrl-C." })
final class ConsoleCommand extends FactoryCommand {
	static final String TOKEN_VARIABLE = "SHARDS_ADMIN_TOKEN";

	@Option(names = "--port", defaultValue = "8080", description = "the port (default: ${DEFAULT-VALUE}; 0 picks a free one)")
	int port;

	@Option(names = "--bind", defaultValue = "127.0.0.1", description = "the address to listen on (default: ${DEFAULT-VALUE}, this machine only)")
	String bind;

	@Option(names = "--admin-token-file", paramLabel = "FILE", description = "a file holding the admin token that allows actions")
	Path tokenFile;

	@Override
	int run(ShardedSessionFactory factory) {
		String token = token();
		try ( ShardsConsole console = new ShardsConsole( factory, new InetSocketAddress( bind, port ), token ) ) {
			out().println( "Console on http://" + console.address().getHostString() + ":" + console.address().getPort() + "/ ("
					+ ( token == null ? "read-only" : "actions need the admin token" ) + "); Ctrl-C stops it" );
			out().flush();
			CountDownLatch stopped = new CountDownLatch( 1 );
			Runtime.getRuntime().addShutdownHook( new Thread( stopped::countDown ) );
			stopped.await();
			return 0;
		}
		catch (IOException e) {
			throw new UncheckedIOException( "Cannot listen on " + bind + ":" + port + ": " + e.getMessage(), e );
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return 0;
		}
	}

	private String token() {
		String token;
		String source;
		if ( tokenFile == null ) {
			token = System.getenv( TOKEN_VARIABLE );
			source = "The admin token in " + TOKEN_VARIABLE;
			if ( token == null || token.isBlank() ) {
				return null;
			}
		}
		else {
			source = "The admin token in " + tokenFile;
			try {
				token = Files.readString( tokenFile );
			}
			catch (IOException e) {
				throw new ShardingConfigurationException( "Cannot read the admin token file " + tokenFile + ": " + e.getMessage(), e );
			}
		}
		token = token.trim();
		if ( token.length() < 16 ) {
			throw new ShardingConfigurationException( source + " is shorter than 16 characters: use a long random one" );
		}
		return token;
	}
}
