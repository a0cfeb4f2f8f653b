package org.hibernate.shards.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

import org.hibernate.shards.ShardedSessionFactory;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A sub-command that works on the application's sharded session factory, built for it and closed after it. */
abstract class FactoryCommand implements Callable<Integer> {
	@Mixin
	Target target;

	@Spec
	CommandSpec spec;

	@Override
	public final Integer call() {
		try ( ShardedSessionFactory factory = target.open( overrides() ) ) {
			return run( factory );
		}
	}

	/** @return settings this command needs, winning over the application's (none by default) */
	Map<String, String> overrides() {
		return Map.of();
	}

	/** @return the exit code */
	abstract int run(ShardedSessionFactory factory);

	PrintWriter out() {
		return spec.commandLine().getOut();
	}

	PrintWriter err() {
		return spec.commandLine().getErr();
	}
}
