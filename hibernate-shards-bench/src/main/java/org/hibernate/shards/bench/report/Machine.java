package org.hibernate.shards.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;

/** What the page says about the machine: from /proc/cpuinfo, /proc/meminfo, /etc/os-release and the JVM. */
public final class Machine {
	private Machine() {
	}

	public static String cpu() {
		List<String> lines = lines( "/proc/cpuinfo" );
		String model = lines.stream().filter( l -> l.startsWith( "model name" ) ).map( Machine::value ).findFirst()
				.orElse( System.getProperty( "os.arch" ) );
		long logical = lines.stream().filter( l -> l.startsWith( "processor" ) ).count();
		String mhz = lines.stream().filter( l -> l.startsWith( "cpu MHz" ) ).map( Machine::value ).findFirst().orElse( null );
		return model + ", " + ( logical > 0 ? logical : Runtime.getRuntime().availableProcessors() ) + " logical CPUs"
				+ ( mhz == null ? "" : " (" + Math.round( Double.parseDouble( mhz ) ) + " MHz reported)" );
	}

	public static String memory() {
		return lines( "/proc/meminfo" ).stream().filter( l -> l.startsWith( "MemTotal" ) ).map( Machine::value )
				.map( v -> String.format( Locale.ROOT, "%.1f GiB", Long.parseLong( v.replace( "kB", "" ).trim() ) / 1024.0 / 1024.0 ) )
				.findFirst().orElse( "unknown" );
	}

	public static String os() {
		String pretty = lines( "/etc/os-release" ).stream().filter( l -> l.startsWith( "PRETTY_NAME=" ) )
				.map( l -> l.substring( "PRETTY_NAME=".length() ).replace( "\"", "" ) ).findFirst().orElse( System.getProperty( "os.name" ) );
		return pretty + ", kernel " + System.getProperty( "os.version" );
	}

	public static String jdk() {
		return System.getProperty( "java.vm.name" ) + " " + System.getProperty( "java.runtime.version" ) + " ("
				+ System.getProperty( "java.vendor" ) + ")";
	}

	/** @return the 1, 5 and 15 minute load averages */
	public static String loadAverage() {
		List<String> lines = lines( "/proc/loadavg" );
		if ( lines.isEmpty() ) {
			return "unknown";
		}
		String[] parts = lines.get( 0 ).split( " " );
		return parts[0] + " / " + parts[1] + " / " + parts[2];
	}

	public static double load1() {
		List<String> lines = lines( "/proc/loadavg" );
		return lines.isEmpty() ? Double.NaN : Double.parseDouble( lines.get( 0 ).split( " " )[0] );
	}

	private static String value(String line) {
		return line.substring( line.indexOf( ':' ) + 1 ).trim();
	}

	private static List<String> lines(String file) {
		Path path = Paths.get( file );
		try {
			return Files.isReadable( path ) ? Files.readAllLines( path ) : List.of();
		}
		catch (IOException e) {
			return List.of();
		}
	}
}
