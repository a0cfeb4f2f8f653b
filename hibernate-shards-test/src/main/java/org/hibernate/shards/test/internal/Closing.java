package org.hibernate.shards.test.internal;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Best-effort cleanup: a failure to clean up must not hide the test's own result.
 */
final class Closing {

	private static final Logger LOG = LoggerFactory.getLogger( Closing.class );

	private Closing() {
	}

	static void closeAll(List<? extends AutoCloseable> resources) {
		for ( AutoCloseable resource : resources ) {
			closeQuietly( resource );
		}
	}

	static void closeQuietly(AutoCloseable resource) {
		try {
			resource.close();
		}
		catch (Exception e) {
			LOG.warn( "Could not close {}", resource, e );
		}
	}

	static void deleteRecursively(Path root) {
		if ( root == null || !Files.exists( root ) ) {
			return;
		}
		try {
			Files.walkFileTree( root, new SimpleFileVisitor<>() {
				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
					Files.deleteIfExists( file );
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
					Files.deleteIfExists( dir );
					return FileVisitResult.CONTINUE;
				}
			} );
		}
		catch (IOException e) {
			LOG.warn( "Could not delete {}: {}", root, e.toString() );
		}
	}
}
