package org.hibernate.shards.cfg;

import java.util.Set;

import org.hibernate.shards.spi.ShardingExtension;
import org.hibernate.shards.spi.ShardingExtensionContext;

/** An extension with a setting of its own, installed for every core test through {@code META-INF/services}. */
public final class DeclaredSettingExtension implements ShardingExtension {
	static final String FLAG = "hibernate.shards.declared_extension.flag";

	@Override
	public Set<String> settingNames() {
		return Set.of( FLAG );
	}

	@Override
	public void contribute(ShardingExtensionContext context) {
	}
}
