package org.hibernate.shards.spring.boot;

import java.lang.annotation.Annotation;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.persistence.Converter;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.MappedSuperclass;
import org.hibernate.shards.ShardingConfigurationException;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.persistence.autoconfigure.EntityScanPackages;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.Environment;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Finds the application's mapped classes: the {@link Entity}, {@link Embeddable}, {@link MappedSuperclass} and
 * {@link Converter} classes in the packages of {@code @EntityScan}, or else in the
 * packages of {@code @SpringBootApplication}, as Boot does for a single database.
 */
final class ShardedEntityScanner {
	/** What Boot scans for with one database. */
	private static final List<Class<? extends Annotation>> MAPPED = List.of( Entity.class, Embeddable.class, MappedSuperclass.class,
			Converter.class );

	private ShardedEntityScanner() {
	}

	static List<Class<?>> mappedClasses(BeanFactory beanFactory, Environment environment) {
		List<String> packages = packages( beanFactory );
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider( false, environment ) {
			@Override
			protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
				return definition.getMetadata().isIndependent(); // abstract entities too, unlike Spring components
			}
		};
		for ( Class<? extends Annotation> mapped : MAPPED ) {
			scanner.addIncludeFilter( new AnnotationTypeFilter( mapped ) );
		}
		ClassLoader loader = ClassUtils.getDefaultClassLoader();
		Set<Class<?>> entities = new LinkedHashSet<>();
		for ( String basePackage : packages ) {
			for ( BeanDefinition candidate : scanner.findCandidateComponents( basePackage ) ) {
				entities.add( ClassUtils.resolveClassName( candidate.getBeanClassName(), loader ) );
			}
		}
		if ( entities.stream().noneMatch( type -> type.isAnnotationPresent( Entity.class ) ) ) {
			throw new ShardingConfigurationException( "Shards are configured (" + ShardedJpaProperties.FIRST_SHARD_URL
					+ ") but no @Entity class was found in " + packages + ": put the entities under the @SpringBootApplication class's "
					+ "package or name their packages with @EntityScan" );
		}
		return List.copyOf( entities );
	}

	private static List<String> packages(BeanFactory beanFactory) {
		List<String> scanned = EntityScanPackages.get( beanFactory ).getPackageNames();
		if ( !scanned.isEmpty() ) {
			return scanned;
		}
		return AutoConfigurationPackages.has( beanFactory ) ? AutoConfigurationPackages.get( beanFactory ) : List.of();
	}
}
