package org.hibernate.shards.internal.jpa;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.persistence.PersistenceException;
import org.hibernate.jpa.boot.spi.PersistenceUnitDescriptor;
import org.hibernate.jpa.boot.spi.PersistenceXmlParser;
import org.hibernate.jpa.boot.spi.ProviderChecker;

/**
 * The persistence units of the class path's {@code META-INF/persistence.xml} files that ask for a given provider.
 * A unit asks for a provider with {@code <provider>}, or the application does in the properties it passes
 * ({@code jakarta.persistence.provider} wins, as JPA says); a unit that names no provider is left to Hibernate's,
 * which takes any such unit, so that which provider builds it does not depend on the order of the class path.
 */
final class PersistenceXmlUnits {
	private static final String PERSISTENCE_XML = "META-INF/persistence.xml";

	/** A unit and the file that declares it, which {@link org.hibernate.shards.cfg.ShardedConfiguration} reads. */
	record Located(URL persistenceXml, PersistenceUnitDescriptor unit) {
	}

	private PersistenceXmlUnits() {
	}

	/**
	 * @param unitName the unit asked for, or {@code null} for the one unit that asks for the provider
	 * @param integration the properties the application passes, which may name the provider
	 * @return the unit, when it asks for the provider; empty when it does not or no file declares it
	 * @throws PersistenceException when no unit is named and several ask for the provider
	 */
	static Optional<Located> requesting(String providerClassName, String unitName, Map<?, ?> integration) {
		Map<?, ?> properties = integration == null ? Map.of() : integration;
		List<Located> requesting = new ArrayList<>();
		for ( Located located : declared( properties ) ) {
			boolean named = unitName == null || unitName.equals( located.unit().getName() );
			if ( named && providerClassName.equals( ProviderChecker.extractRequestedProviderName( located.unit(), properties ) ) ) {
				requesting.add( located );
			}
		}
		if ( requesting.size() > 1 ) {
			throw new PersistenceException( "No persistence unit was named, and several ask for " + providerClassName + ": "
					+ requesting.stream().map( located -> located.unit().getName() ).toList() );
		}
		return requesting.stream().findFirst();
	}

	/** Every unit of every file, each file parsed alone so that its units are known to come from it. */
	private static List<Located> declared(Map<?, ?> integration) {
		PersistenceXmlParser parser = PersistenceXmlParser.create( integration, null, null );
		List<Located> units = new ArrayList<>();
		for ( URL persistenceXml : parser.getClassLoaderService().locateResources( PERSISTENCE_XML ) ) {
			Map<String, PersistenceUnitDescriptor> parsed;
			try {
				parsed = parser.parse( List.of( persistenceXml ) );
			}
			catch (RuntimeException e) {
				throw new PersistenceException( "Cannot read " + persistenceXml + ": " + e.getMessage(), e );
			}
			parsed.values().forEach( unit -> units.add( new Located( persistenceXml, unit ) ) );
		}
		return units;
	}
}
