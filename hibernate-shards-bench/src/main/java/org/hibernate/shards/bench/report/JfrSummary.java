package org.hibernate.shards.bench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises the CPU samples ({@code jdk.ExecutionSample}) of a JFR recording. Each sample is charged to the
 * component that owns its innermost non-JDK frame (JDK frames are charged to the code that called the JDK), so the
 * library's share is the CPU spent in its own code and in the JDK methods it calls directly, not in Hibernate or the
 * driver below it.
 */
public final class JfrSummary {
	public static final String LIBRARY = "hibernate-shards";
	private static final Map<String, String> COMPONENTS = new LinkedHashMap<>();

	static {
		COMPONENTS.put( "org.hibernate.shards.bench.", "benchmark code" );
		COMPONENTS.put( "org.hibernate.shards.", LIBRARY );
		COMPONENTS.put( "org.hibernate.", "Hibernate ORM" );
		COMPONENTS.put( "com.mysql.", "Connector/J" );
		COMPONENTS.put( "com.zaxxer.", "HikariCP" );
		COMPONENTS.put( "org.apache.shardingsphere.", "ShardingSphere" );
		COMPONENTS.put( "org.openjdk.jmh.", "JMH" );
	}

	public final int samples;
	/** component -> samples */
	public final Map<String, Integer> components;
	/** library method (where its samples are charged) -> samples */
	public final Map<String, Integer> libraryMethods;
	/** innermost frame -> samples, over all components */
	public final Map<String, Integer> topFrames;
	/** method of a library, Hibernate, driver or pool (and {@code ClassLoader.loadClass}) -> samples whose stack contains it */
	public final Map<String, Integer> inclusive;

	private JfrSummary(int samples, Map<String, Integer> components, Map<String, Integer> libraryMethods, Map<String, Integer> topFrames,
			Map<String, Integer> inclusive) {
		this.samples = samples;
		this.components = components;
		this.libraryMethods = libraryMethods;
		this.topFrames = topFrames;
		this.inclusive = inclusive;
	}

	public static JfrSummary of(Path recording) throws IOException {
		Map<String, Integer> components = new HashMap<>();
		Map<String, Integer> library = new HashMap<>();
		Map<String, Integer> top = new HashMap<>();
		Map<String, Integer> inclusive = new HashMap<>();
		int samples = 0;
		try ( RecordingFile file = new RecordingFile( recording ) ) {
			while ( file.hasMoreEvents() ) {
				RecordedEvent event = file.readEvent();
				if ( !event.getEventType().getName().equals( "jdk.ExecutionSample" ) ) {
					continue;
				}
				RecordedStackTrace stack = event.getStackTrace();
				if ( stack == null || stack.getFrames().isEmpty() ) {
					continue;
				}
				samples++;
				List<RecordedFrame> frames = stack.getFrames();
				top.merge( name( frames.get( 0 ) ), 1, Integer::sum );
				String component = "JDK / other";
				String owner = null;
				for ( RecordedFrame frame : frames ) {
					if ( !frame.isJavaFrame() || frame.getMethod() == null ) {
						continue;
					}
					String type = frame.getMethod().getType().getName();
					String found = componentOf( type );
					if ( found != null ) {
						component = found;
						owner = name( frame );
						break;
					}
				}
				components.merge( component, 1, Integer::sum );
				java.util.Set<String> seen = new java.util.HashSet<>();
				for ( RecordedFrame frame : frames ) {
					if ( frame.isJavaFrame() && frame.getMethod() != null ) {
						String type = frame.getMethod().getType().getName();
						String found = componentOf( type );
						boolean classLoading = type.equals( "java.lang.ClassLoader" ) && frame.getMethod().getName().equals( "loadClass" );
						if ( ( classLoading || found != null && !found.equals( "JMH" ) && !found.equals( "benchmark code" ) ) && seen.add( name( frame ) ) ) {
							inclusive.merge( name( frame ), 1, Integer::sum );
						}
					}
				}
				if ( LIBRARY.equals( component ) ) {
					library.merge( owner, 1, Integer::sum );
				}
			}
		}
		return new JfrSummary( samples, sorted( components ), sorted( library ), sorted( top ), sorted( inclusive ) );
	}

	private static String componentOf(String type) {
		for ( Map.Entry<String, String> entry : COMPONENTS.entrySet() ) {
			if ( type.startsWith( entry.getKey() ) ) {
				return entry.getValue();
			}
		}
		return null;
	}

	private static String name(RecordedFrame frame) {
		RecordedMethod method = frame.getMethod();
		if ( method == null ) {
			return "?";
		}
		String type = method.getType().getName();
		type = type.replace( "org.hibernate.shards.internal.", "o.h.s.i." ).replace( "org.hibernate.shards.", "o.h.s." )
				.replace( "org.hibernate.", "o.h." );
		return type + "." + method.getName();
	}

	private static Map<String, Integer> sorted(Map<String, Integer> counts) {
		return counts.entrySet().stream().sorted( Map.Entry.<String, Integer>comparingByValue().reversed() )
				.collect( Collectors.toMap( Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new ) );
	}

	/** @return the share of samples whose stack contains a method whose name contains {@code text} (no double counting) */
	public double inclusiveShare(String text) {
		return inclusive.entrySet().stream().filter( e -> e.getKey().contains( text ) ).mapToInt( Map.Entry::getValue ).max()
				.orElse( 0 ) * 100.0 / Math.max( 1, samples );
	}

	public double share(String component) {
		return samples == 0 ? 0 : 100.0 * components.getOrDefault( component, 0 ) / samples;
	}
}
