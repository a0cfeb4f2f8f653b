package org.hibernate.shards.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.admin.ShardAdmin;
import org.hibernate.shards.cfg.ShardedConfiguration;
import org.hibernate.shards.cli.model.Member;
import org.hibernate.shards.strategy.directory.ShardDirectory;
import org.hibernate.shards.test.MySqlShards;
import org.hibernate.shards.test.ShardDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;

import picocli.CommandLine;

/**
 * The console's page in the distribution's headless Chromium, against three MariaDB shards: the numbers it shows are
 * the databases' own counts, an action without the admin token is refused and changes nothing, and a move started
 * from the page with the token moves the rows. The page's screenshot is kept in target/console.png.
 */
@MySqlShards(3)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleInBrowserTest {
	private static final String TOKEN = "console-test-token-0123456789";
	private static final int MEMBERS = 90;

	private ShardDatabases dbs;
	private ShardTables tables;
	private ShardedSessionFactory factory;
	private ShardsConsole console;
	private WebDriver browser;
	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	void start(ShardDatabases dbs) throws IOException {
		this.dbs = dbs;
		this.tables = new ShardTables( dbs );
		Map<String, String> settings = new LinkedHashMap<>( dbs.hibernateProperties() );
		settings.put( "hibernate.hbm2ddl.auto", "create" );
		settings.put( "hibernate.shards.directory.enabled", "true" );
		settings.put( "hibernate.shards.virtual_shards", "12" );
		settings.put( "hibernate.hikari.maximumPoolSize", "4" );
		factory = new ShardedConfiguration().setProperties( settings ).addAnnotatedClass( Member.class ).buildShardedSessionFactory();
		String[] prefixes = { "mar", "zed", "ali", "bob", "car", "dan", "eve", "fay", "gus" };
		try ( ShardedSession session = factory.openSession() ) {
			session.inTransaction( tx -> {
				for ( int i = 0; i < MEMBERS; i++ ) {
					session.persist( new Member( i + 1, prefixes[i % prefixes.length] + i ) );
				}
			} );
		}
		ShardDirectory directory = ShardDirectory.of( factory );
		directory.setupTable( "Member", "nickname", null, "PREFIX(3)" );
		directory.addPartition( "Member", "mar", "mar", 11 );
		console = new ShardsConsole( factory, new InetSocketAddress( "127.0.0.1", 0 ), TOKEN );

		System.setProperty( "webdriver.chrome.driver", "/usr/bin/chromedriver" );
		ChromeOptions options = new ChromeOptions();
		options.setBinary( "/usr/bin/chromium" );
		options.addArguments( "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1200,1400" );
		browser = new ChromeDriver( options );
	}

	@AfterAll
	void stop() {
		if ( browser != null ) {
			browser.quit();
		}
		if ( console != null ) {
			console.close();
		}
		if ( factory != null ) {
			factory.close();
		}
	}

	private String url(String path) {
		return "http://127.0.0.1:" + console.address().getPort() + path;
	}

	@Test
	void thePageShowsWhatTheDatabasesHold() throws Exception {
		long recordedBefore = tables.count( 0, "select max(version) from hibernate_shards_instance" );
		browser.get( url( "/" ) );
		long total = 0;
		for ( int shard = 0; shard < dbs.size(); shard++ ) {
			long counted = tables.count( shard, "select count(*) from cli_member" );
			total += counted;
			WebElement row = browser.findElement( By.cssSelector( "#physical-shards tr[data-shard='" + shard + "']" ) );
			assertEquals( String.valueOf( counted ), row.findElement( By.cssSelector( "td.rows" ) ).getText(), "rows of shard " + shard );
		}
		assertEquals( MEMBERS, total );
		List<WebElement> grid = browser.findElements( By.cssSelector( "#virtual-shards .vs" ) );
		assertEquals( 12, grid.size() );
		long inGrid = 0;
		for ( WebElement virtualShard : grid ) {
			int v = Integer.parseInt( virtualShard.getAttribute( "data-virtual-shard" ) );
			assertEquals( String.valueOf( factory.getShardIdForVirtualShard( v ).getId() ), virtualShard.getAttribute( "data-shard" ), "placement of " + v );
			inGrid += Long.parseLong( virtualShard.getAttribute( "data-rows" ) );
		}
		assertEquals( total, inGrid, "every row in exactly one virtual shard" );
		assertEquals( String.valueOf( ShardDirectory.of( factory ).version() ), browser.findElement( By.id( "directory-version" ) ).getText() );
		assertTrue( browser.findElement( By.id( "partitions" ) ).getText().contains( "mar" ) );
		// Each instance's acknowledged version, as the control database (shard 0 here) records it around the page's reading.
		List<WebElement> versions = browser.findElements( By.cssSelector( "#instances td.instance-version" ) );
		assertEquals( 1, versions.size(), "this factory is the one instance" );
		long shown = Long.parseLong( versions.get( 0 ).getText() );
		long recordedAfter = tables.count( 0, "select max(version) from hibernate_shards_instance" );
		assertTrue( recordedBefore <= shown && shown <= recordedAfter, shown + " not between " + recordedBefore + " and " + recordedAfter );
		Path screenshot = Path.of( "target", "console.png" );
		Files.createDirectories( screenshot.getParent() );
		Files.write( screenshot, ( (TakesScreenshot) browser ).getScreenshotAs( OutputType.BYTES ) );
	}

	@Test
	void anActionWithoutTheTokenIsRefusedAndChangesNothing() throws Exception {
		long version = ShardDirectory.of( factory ).version();
		List<Long> before = tables.membersPerShard();
		assertEquals( 401, post( url( "/api/move" ), null ).statusCode() );
		assertEquals( 401, post( url( "/api/move" ), "not-the-token" ).statusCode() );
		assertEquals( 401, post( url( "/api/rebalance" ), TOKEN.substring( 1 ) ).statusCode() );
		try ( ShardsConsole readOnly = new ShardsConsole( factory, new InetSocketAddress( "127.0.0.1", 0 ), null ) ) {
			HttpResponse<String> refused = post( "http://127.0.0.1:" + readOnly.address().getPort() + "/api/move", TOKEN );
			assertEquals( 403, refused.statusCode(), refused.body() );
		}
		ShardDirectory.of( factory ).refresh();
		assertEquals( version, ShardDirectory.of( factory ).version() );
		assertEquals( before, tables.membersPerShard() );
	}

	@Test
	void aMoveStartedFromThePageWithTheTokenMovesTheRows() throws Exception {
		int virtualShard = 0;
		int from = factory.getShardIdForVirtualShard( virtualShard ).getId();
		int to = ( from + 1 ) % dbs.size();
		List<Long> before = tables.membersPerShard();
		browser.get( url( "/" ) );
		browser.findElement( By.id( "token" ) ).sendKeys( TOKEN );
		browser.findElement( By.id( "move-virtual-shard" ) ).sendKeys( String.valueOf( virtualShard ) );
		browser.findElement( By.id( "move-to" ) ).sendKeys( String.valueOf( to ) );
		browser.findElement( By.id( "move-button" ) ).click();
		await( () -> browser.findElement( By.id( "message" ) ).getText().startsWith( "Moving virtual shard " + virtualShard ), "the move starts" );
		await( () -> ShardAdmin.of( factory ).status().moves().isEmpty() && factory.getShardIdForVirtualShard( virtualShard ).getId() == to,
				"the move finishes" );
		// The page refreshes itself: the grid shows the virtual shard on its new shard.
		await( () -> String.valueOf( to ).equals( browser.findElement( By.cssSelector( ".vs[data-virtual-shard='" + virtualShard + "']" ) )
				.getAttribute( "data-shard" ) ), "the page shows the new placement" );
		List<Long> after = tables.membersPerShard();
		assertEquals( before.stream().mapToLong( Long::longValue ).sum(), after.stream().mapToLong( Long::longValue ).sum(), "no row lost or doubled" );
	}

	@Test
	void theStatusApiAnswersWhatTheDatabasesHold() throws Exception {
		HttpResponse<String> response = http.send( HttpRequest.newBuilder( URI.create( url( "/api/status" ) ) ).build(),
				HttpResponse.BodyHandlers.ofString() );
		assertEquals( 200, response.statusCode() );
		com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree( response.body() );
		List<Long> counted = tables.membersPerShard();
		for ( int shard = 0; shard < dbs.size(); shard++ ) {
			assertEquals( (long) counted.get( shard ), json.get( "status" ).get( "shards" ).get( shard ).get( "rowsByEntity" )
					.get( Member.class.getName() ).asLong(), "rows of shard " + shard );
		}
		long inVirtualShards = 0;
		for ( var rows : json.get( "rowsByVirtualShard" ) ) {
			inVirtualShards += rows.asLong();
		}
		assertEquals( MEMBERS, inVirtualShards );
		assertEquals( 12, json.get( "placement" ).size() );
		assertFalse( response.body().contains( TOKEN ), "the token is never shown" );
		String page = http.send( HttpRequest.newBuilder( URI.create( url( "/" ) ) ).build(), HttpResponse.BodyHandlers.ofString() ).body();
		assertFalse( page.contains( TOKEN ), "the token is never shown" );
	}

	@Test
	void theConsoleCommandListensOnLoopbackUnlessToldOtherwise() {
		CommandLine console = new CommandLine( new ShardsCommand() ).getSubcommands().get( "console" );
		assertEquals( "127.0.0.1", console.getCommandSpec().findOption( "--bind" ).defaultValue() );
	}

	private static boolean holds(BooleanSupplier condition) {
		try {
			return condition.getAsBoolean();
		}
		catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException replaced) {
			return false;
		}
	}

	private HttpResponse<String> post(String url, String token) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder( URI.create( url ) ).header( "Content-Type", "application/x-www-form-urlencoded" )
				.POST( HttpRequest.BodyPublishers.ofString( "virtualShard=1&to=2" ) );
		if ( token != null ) {
			request.header( ShardsConsole.TOKEN_HEADER, token );
		}
		return http.send( request.build(), HttpResponse.BodyHandlers.ofString() );
	}

	/** Waits for a condition; the page replaces its live part every few seconds, so an element read may go stale: read again. */
	private static void await(BooleanSupplier condition, String what) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds( 30 ).toNanos();
		while ( !holds( condition ) ) {
			if ( System.nanoTime() > deadline ) {
				throw new AssertionError( "Waited 30 s for " + what );
			}
			Thread.sleep( 200 );
		}
	}


}
