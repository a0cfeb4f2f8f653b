package org.hibernate.shards.test.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hibernate.shards.test.internal.ServerVersion;
import org.junit.jupiter.api.Test;

class ServerVersionTest {

	@Test
	void mariaDbDistributionVersion() {
		ServerVersion version = new ServerVersion( "10.11.19-MariaDB-0+deb12u1" );
		assertTrue( version.isMariaDb() );
		assertEquals( "10.11.19", version.productVersion() );
	}

	@Test
	void mariaDbAsConnectorJSeesIt() {
		ServerVersion version = new ServerVersion( "5.5.5-10.11.19-MariaDB" );
		assertTrue( version.isMariaDb() );
		assertEquals( "10.11.19", version.productVersion() );
	}

	@Test
	void mysql() {
		ServerVersion version = new ServerVersion( "8.4.3" );
		assertFalse( version.isMariaDb() );
		assertEquals( "8.4.3", version.productVersion() );
	}
}
