package org.hibernate.shards.test;

import org.hibernate.shards.test.internal.ServerLease;
import org.hibernate.shards.test.internal.ServerSource;
import org.hibernate.shards.test.internal.ServerSources;
import org.hibernate.shards.test.internal.ShardDatabasesImpl;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Creates fresh shard databases for each test class annotated {@link MySqlShards} and resolves
 * {@link ShardDatabases} parameters of its constructor and its {@code @BeforeAll}, {@code @BeforeEach},
 * {@code @Test} (and similar) methods.
 * <p>
 * Shared servers are started once per test run (as many as the largest shard count requested) and
 * stopped at its end; each class gets new, empty databases on them, dropped when the class finishes.
 * Dedicated servers ({@code @MySqlShards(dedicated = true)}) are started for the class and removed
 * after it. A {@code @Nested} class without its own annotation uses its enclosing class's databases.
 * Registering the extension with {@code @ExtendWith} alone means {@code @MySqlShards} defaults.
 */
public final class MySqlShardsExtension implements BeforeAllCallback, ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create( MySqlShardsExtension.class );

	/** Key of the run-wide {@link ServerSource} in the root context's store. */
	private static final String SOURCE_KEY = "serverSource";

	@Override
	public void beforeAll(ExtensionContext context) {
		// create them now, so that a missing server fails the class before any test runs
		databases( context );
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == ShardDatabases.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return databases( extensionContext );
	}

	private static ShardDatabases databases(ExtensionContext context) {
		ExtensionContext owner = owningClassContext( context );
		Class<?> testClass = owner.getRequiredTestClass();
		MySqlShards settings = AnnotationSupport.findAnnotation( testClass, MySqlShards.class )
				.orElseGet( DefaultSettings::get );
		if ( settings.value() < 1 ) {
			throw new ExtensionConfigurationException( "@MySqlShards on " + testClass.getName()
					+ " asks for " + settings.value() + " shards; at least 1 is needed" );
		}
		// keyed by class: a nested class's store also sees its enclosing class's entries
		return owner.getStore( NAMESPACE ).getOrComputeIfAbsent( testClass,
				c -> createDatabases( owner, testClass, settings ), ShardDatabasesImpl.class );
	}

	/**
	 * The class context that owns the databases: the nearest one annotated {@link MySqlShards},
	 * else the outermost class context (extension registered without the annotation).
	 */
	private static ExtensionContext owningClassContext(ExtensionContext context) {
		ExtensionContext outermost = null;
		for ( ExtensionContext current = context; current != null; current = current.getParent().orElse( null ) ) {
			boolean isClassContext = current.getTestClass().isPresent() && current.getTestMethod().isEmpty();
			if ( isClassContext ) {
				if ( AnnotationSupport.isAnnotated( current.getRequiredTestClass(), MySqlShards.class ) ) {
					return current;
				}
				outermost = current;
			}
		}
		if ( outermost == null ) {
			throw new ExtensionConfigurationException( "MySqlShardsExtension needs a test class context" );
		}
		return outermost;
	}

	private static ShardDatabasesImpl createDatabases(ExtensionContext owner, Class<?> testClass, MySqlShards settings) {
		ServerSource source = serverSource( owner );
		ServerLease lease = settings.dedicated()
				? source.dedicatedServers( settings.value() )
				: source.sharedServers( settings.value() );
		return new ShardDatabasesImpl( source.name(), testClass, lease );
	}

	/** One source per test run, closed (stopping shared servers) when the run ends. */
	private static ServerSource serverSource(ExtensionContext context) {
		return context.getRoot().getStore( NAMESPACE )
				.getOrComputeIfAbsent( SOURCE_KEY, k -> ServerSources.detect(), ServerSource.class );
	}

	/** The annotation's defaults, for classes that register the extension with {@code @ExtendWith}. */
	@MySqlShards
	private static final class DefaultSettings {
		static MySqlShards get() {
			return DefaultSettings.class.getAnnotation( MySqlShards.class );
		}
	}
}
