package org.hibernate.shards.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering a newcomer relies on when reading or extending the library: the SPI never reaches into the engine,
 * sessions see their factory through a small runtime view, id generation stands below sessions and annotations, and
 * Micrometer stays behind one package.
 */
class PackageDependenciesTest {
	private static JavaClasses core;

	@BeforeAll
	static void importCore() {
		core = new ClassFileImporter().withImportOption( ImportOption.Predefined.DO_NOT_INCLUDE_TESTS ).importPackages( "org.hibernate.shards" );
	}

	@Test
	void theSpiDoesNotDependOnTheEngine() {
		noClasses().that().resideInAPackage( "org.hibernate.shards.spi.." )
				.should().dependOnClassesThat().resideInAPackage( "org.hibernate.shards.internal.." )
				.check( core );
	}

	@Test
	void sessionsDoNotDependOnTheFactoryClass() {
		noClasses().that().resideInAPackage( "org.hibernate.shards.internal.session.." )
				.should().dependOnClassesThat().resideInAPackage( "org.hibernate.shards.internal" )
				.check( core );
	}

	@Test
	void idGenerationDoesNotDependOnSessionsOrAnnotations() {
		noClasses().that().resideInAPackage( "org.hibernate.shards.internal.id.." )
				.should().dependOnClassesThat().resideInAnyPackage( "org.hibernate.shards.internal.session..", "org.hibernate.shards.annotations.." )
				.check( core );
	}

	@Test
	void onlyTheEngineAndTheConfigurationEntryPointReachIntoTheSettingsParser() {
		noClasses().that().resideOutsideOfPackages( "org.hibernate.shards.internal..", "org.hibernate.shards.cfg.." )
				.should().dependOnClassesThat().resideInAPackage( "org.hibernate.shards.internal.cfg.." )
				.check( core );
	}

	@Test
	void onlyTheMicrometerPackageTouchesMicrometer() {
		// Micrometer is an optional dependency: a type of it anywhere else would be loaded by applications without it.
		noClasses().that().resideOutsideOfPackage( "org.hibernate.shards.internal.metrics.micrometer.." )
				.should().dependOnClassesThat().resideInAPackage( "io.micrometer.." )
				.check( core );
	}
}
