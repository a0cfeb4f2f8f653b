package org.hibernate.shards.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.hibernate.shards.admin.MoveProgress;
import org.hibernate.shards.admin.ShardStatus;
import org.hibernate.shards.strategy.directory.Partition;

/**
 * The console's page, rendered on the server: physical shards with their fill against capacity, the virtual shards
 * as a grid coloured by physical shard and sized by rows (Pyshards' picture), partitions, moves and instances. One
 * small script refreshes the live part every few seconds and, when actions are on, sends them with the admin token in
 * a header. Every value from the databases is escaped.
 */
final class ConsolePage {
	private static final String[] COLOURS = { "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#9c755f" };

	private ConsolePage() {
	}

	static String render(ConsoleView view) {
		StringBuilder html = new StringBuilder( 16_384 );
		html.append( """
				<!DOCTYPE html>
				<html lang="en"><head><meta charset="utf-8"><title>Hibernate Shards console</title>
				<style>
				body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; }
				h1 { font-size: 1.4em; } h2 { font-size: 1.1em; margin-top: 1.5em; }
				table { border-collapse: collapse; } th, td { padding: .25em .8em; text-align: left; border-bottom: 1px solid #ddd; }
				td.number { text-align: right; font-variant-numeric: tabular-nums; }
				.bar { width: 12em; height: .9em; background: #eee; display: inline-block; vertical-align: middle; }
				.bar > div { height: 100%; } .over > div { background: #e15759 !important; }
				.grid { display: flex; flex-wrap: wrap; gap: 3px; max-width: 60em; }
				.vs { color: #fff; font-size: 11px; text-align: center; border-radius: 3px; display: flex; align-items: center; justify-content: center; }
				.legend span { display: inline-block; width: 1em; height: 1em; vertical-align: middle; margin: 0 .3em 0 1em; }
				.muted { color: #777; } form { margin: .5em 0; } input { width: 5em; } #message { font-weight: bold; }
				</style></head><body>
				<h1>Hibernate Shards</h1>
				<div id="live">
				""" );
		live( html, view );
		html.append( "</div>\n" );
		if ( view.actions() ) {
			html.append( """
					<h2>Actions</h2>
					<p class="muted">Actions need the admin token the console was started with.</p>
					<form id="token-form" onsubmit="return false">Admin token <input id="token" type="password" autocomplete="off" style="width:16em"></form>
					<form id="move-form" onsubmit="return act('/api/move', {virtualShard: this.virtualShard.value, to: this.to.value})">
					Move virtual shard <input name="virtualShard" id="move-virtual-shard"> to physical shard <input name="to" id="move-to">
					<button id="move-button">Move</button></form>
					<form id="rebalance-form" onsubmit="return act('/api/rebalance', {})"><button id="rebalance-button">Rebalance</button></form>
					<p id="message"></p>
					""" );
		}
		else {
			html.append( "<p class=\"muted\" id=\"read-only\">Read-only: start the console with an admin token to move and rebalance.</p>\n" );
		}
		html.append( """
				<script>
				const token = document.getElementById('token');
				if (token) { token.value = sessionStorage.getItem('shards-token') || ''; token.oninput = () => sessionStorage.setItem('shards-token', token.value); }
				function act(path, params) {
				  fetch(path, { method: 'POST', headers: { 'X-Shards-Token': token.value, 'Content-Type': 'application/x-www-form-urlencoded' },
				                body: new URLSearchParams(params) })
				    .then(r => r.text().then(t => { document.getElementById('message').textContent = t; refresh(); }));
				  return false;
				}
				function refresh() {
				  fetch('/live').then(r => r.text()).then(t => { document.getElementById('live').innerHTML = t; });
				}
				setInterval(refresh, 3000);
				</script>
				</body></html>
				""" );
		return html.toString();
	}

	/** The part the page refreshes: everything read from the shards. */
	static String live(ConsoleView view) {
		StringBuilder html = new StringBuilder( 16_384 );
		live( html, view );
		return html.toString();
	}

	private static void live(StringBuilder html, ConsoleView view) {
		ShardStatus status = view.status();
		html.append( "<p>Directory version <b id=\"directory-version\">" ).append( status.directoryVersion() ).append( "</b></p>\n" );
		physicalShards( html, status );
		grid( html, view );
		partitions( html, view.partitions() );
		moves( html, status, view.progress() );
		instances( html, status );
	}

	private static void physicalShards(StringBuilder html, ShardStatus status) {
		html.append( "<h2>Physical shards</h2>\n<table id=\"physical-shards\"><tr><th>Shard</th><th>State</th><th>Virtual shards</th>"
				+ "<th>Rows</th><th>Size MB</th><th>Capacity MB</th><th>Fill</th></tr>\n" );
		for ( ShardStatus.Shard shard : status.shards() ) {
			int id = shard.id().getId();
			double used = shard.dataMb() + shard.indexMb();
			long rows = shard.rowsByEntity().values().stream().mapToLong( Long::longValue ).sum();
			html.append( "<tr data-shard=\"" ).append( id ).append( "\"><td><span style=\"color:" ).append( colour( id ) ).append( "\">&#9632;</span> " )
					.append( id ).append( "</td><td class=\"state\">" ).append( shard.state() ).append( "</td><td class=\"number virtual-shards\">" )
					.append( shard.virtualShards().size() ).append( "</td><td class=\"number rows\" title=\"" );
			new TreeMap<>( shard.rowsByEntity() ).forEach( (entity, count) -> html.append( escape( entity ) ).append( ": " ).append( count ).append( "&#10;" ) );
			html.append( "\">" ).append( rows ).append( "</td><td class=\"number size\">" ).append( format( used ) ).append( "</td><td class=\"number\">" )
					.append( shard.capacityMb() > 0 ? format( shard.capacityMb() ) : "-" ).append( "</td><td>" );
			if ( shard.capacityMb() > 0 ) {
				long percent = Math.round( 100 * used / shard.capacityMb() );
				html.append( "<span class=\"bar" ).append( percent > 100 ? " over" : "" ).append( "\"><div style=\"width:" ).append( Math.min( 100, percent ) )
						.append( "%;background:" ).append( colour( id ) ).append( "\"></div></span> <span class=\"fill\">" ).append( percent ).append( "%</span>" );
			}
			html.append( "</td></tr>\n" );
		}
		html.append( "</table>\n" );
	}

	private static void grid(StringBuilder html, ConsoleView view) {
		long most = view.rowsByVirtualShard().values().stream().mapToLong( Long::longValue ).max().orElse( 0 );
		html.append( "<h2>Virtual shards</h2>\n<p class=\"legend muted\">Coloured by physical shard, sized by rows." );
		for ( ShardStatus.Shard shard : view.status().shards() ) {
			html.append( "<span style=\"background:" ).append( colour( shard.id().getId() ) ).append( "\"></span>shard " ).append( shard.id().getId() );
		}
		html.append( "</p>\n<div class=\"grid\" id=\"virtual-shards\">\n" );
		for ( int v = 0; v < view.placement().size(); v++ ) {
			int shard = view.placement().get( v );
			long rows = view.rowsByVirtualShard().getOrDefault( v, 0L );
			// Area grows with rows: the side with their square root, from 28 px (empty) to 64 px (the fullest).
			int side = 28 + (int) Math.round( most == 0 ? 0 : 36 * Math.sqrt( (double) rows / most ) );
			html.append( "<div class=\"vs\" data-virtual-shard=\"" ).append( v ).append( "\" data-shard=\"" ).append( shard ).append( "\" data-rows=\"" )
					.append( rows ).append( "\" title=\"virtual shard " ).append( v ).append( " on shard " ).append( shard ).append( ": " ).append( rows )
					.append( " rows\" style=\"width:" ).append( side ).append( "px;height:" ).append( side ).append( "px;background:" ).append( colour( shard ) )
					.append( "\">" ).append( v ).append( "</div>" );
		}
		html.append( "\n</div>\n" );
	}

	private static void partitions(StringBuilder html, Map<String, List<Partition>> partitions) {
		html.append( "<h2>Partitions</h2>\n" );
		if ( partitions.isEmpty() ) {
			html.append( "<p class=\"muted\" id=\"no-partitions\">No entity is set up in the partition directory.</p>\n" );
			return;
		}
		html.append( "<table id=\"partitions\"><tr><th>Entity</th><th>Partition</th><th>Value</th><th>Virtual shard</th></tr>\n" );
		partitions.forEach( (entity, list) -> {
			if ( list.isEmpty() ) {
				html.append( "<tr><td>" ).append( escape( entity ) ).append( "</td><td class=\"muted\" colspan=\"3\">no partitions: values hash</td></tr>\n" );
			}
			for ( Partition partition : list ) {
				html.append( "<tr><td>" ).append( escape( entity ) ).append( "</td><td>" ).append( escape( partition.name() ) ).append( "</td><td>" )
						.append( partition.value() == null ? "(default)" : escape( partition.value() ) ).append( "</td><td class=\"number\">" )
						.append( partition.virtualShard() ).append( "</td></tr>\n" );
			}
		} );
		html.append( "</table>\n" );
	}

	private static void moves(StringBuilder html, ShardStatus status, Map<Integer, MoveProgress> progress) {
		html.append( "<h2>Moves</h2>\n" );
		if ( status.moves().isEmpty() ) {
			html.append( "<p class=\"muted\" id=\"no-moves\">No move in progress.</p>\n" );
			return;
		}
		html.append( "<table id=\"moves\"><tr><th>Move</th><th>What</th><th>From</th><th>To</th><th>Step</th><th>Rows copied</th><th>Mover</th></tr>\n" );
		for ( ShardStatus.Move move : status.moves() ) {
			MoveProgress running = progress.get( move.virtualShard() );
			html.append( "<tr><td class=\"number\">" ).append( move.moveId() ).append( "</td><td>" )
					.append( move.partition() == null ? "virtual shard " + move.virtualShard() : escape( move.partition() ) ).append( "</td><td>" )
					.append( move.source().getId() ).append( "</td><td>" ).append( move.target().getId() ).append( "</td><td>" ).append( move.step() )
					.append( "</td><td class=\"number rows-copied\">" ).append( running == null ? StatusCommand.copied( move )
							: Output.number( running.totalRowsCopied() ) + " (" + Math.round( running.rowsPerSecond() ) + " rows/s)" )
					.append( "</td><td>" ).append( move.running() ? "running" : "stopped" )
					.append( move.failure() == null ? "" : ": " + escape( move.failure() ) ).append( "</td></tr>\n" );
		}
		html.append( "</table>\n" );
	}

	private static void instances(StringBuilder html, ShardStatus status) {
		html.append( "<h2>Application instances</h2>\n<table id=\"instances\"><tr><th>Instance</th><th>Host</th><th>Routes by version</th>"
				+ "<th>Last seen</th></tr>\n" );
		for ( ShardStatus.Instance instance : status.instances() ) {
			html.append( "<tr><td>" ).append( escape( instance.id() ) ).append( "</td><td>" ).append( escape( instance.host() ) )
					.append( "</td><td class=\"number instance-version\">" ).append( instance.directoryVersion() ).append( "</td><td class=\"number\">" )
					.append( instance.sinceHeartbeat().toSeconds() ).append( " s ago</td></tr>\n" );
		}
		html.append( "</table>\n" );
	}

	private static String colour(int shard) {
		return COLOURS[shard % COLOURS.length];
	}

	private static String format(double megabytes) {
		return String.format( Locale.ROOT, "%.2f", megabytes );
	}

	static String escape(String text) {
		StringBuilder escaped = new StringBuilder( text.length() );
		for ( char c : text.toCharArray() ) {
			switch ( c ) {
				case '<' -> escaped.append( "&lt;" );
				case '>' -> escaped.append( "&gt;" );
				case '&' -> escaped.append( "&amp;" );
				case '"' -> escaped.append( "&quot;" );
				case '\'' -> escaped.append( "&#39;" );
				default -> escaped.append( c );
			}
		}
		return escaped.toString();
	}
}
